/**
 * `npm run fuzz [-- --runs N --seed S --processes P]`: the fuzz test of issue #17 at scale.
 * Feeds N (default 100,000) random scenario documents, built from the schema's
 * shapes with random mutations (test/helpers/fuzz-documents.ts), through the
 * same reading path as the CLI and the web app, and runs every valid one. The
 * invariant: a clear error, or a run whose period metrics are all finite; never
 * an uncaught exception. Prints the counts; exits 1 with the shrunk
 * counterexample if a document breaks the invariant. With P processes (default:
 * the cores), process i checks its share of the documents with seed S + i, so
 * the documents differ and their counts add up to N.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { checkDocument, fuzzDocumentArb } from '../test/helpers/fuzz-documents.ts';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`--${name} takes a whole number, e.g. --${name} ${fallback}`);
  return v;
}

const runs = flag('runs', 100_000);
const seed = flag('seed', 20260117);
const processes = Math.min(flag('processes', availableParallelism()), Math.max(1, runs));
if (processes > 1) await fanOut();

const counts = { refused: 0, ran: 0 };
let periodsRun = 0;
const started = performance.now();
const report = Math.max(1, Math.round(runs / 20));

const result = fc.check(
  fc.property(fuzzDocumentArb, (doc) => {
    const outcome = checkDocument(doc.text);
    counts[outcome.kind]++;
    if (outcome.kind === 'ran') periodsRun += outcome.periods;
    const done = counts.refused + counts.ran;
    if (done % report === 0) process.stderr.write(`fuzz: ${done} of ${runs} documents (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }),
  { numRuns: runs, seed },
);
const seconds = (performance.now() - started) / 1000;
if (result.failed) {
  process.stderr.write(`fuzz: FAILED after ${result.numRuns} documents (seed ${seed}):\n${fc.defaultReportMessage(result)}\n`);
  process.exit(1);
}
const total = counts.refused + counts.ran;
process.stdout.write(
  `fuzz: ${total} documents (seed ${seed}) in ${seconds.toFixed(0)} s: ${counts.refused} refused with a clear error, ${counts.ran} valid and run (${periodsRun} periods, all finite); none crashed.\n`,
);

/** Runs P copies of this script, each on its share of the documents and its own seed; exits like the worst of them. */
async function fanOut(): Promise<never> {
  const script = fileURLToPath(import.meta.url);
  const shares = Array.from({ length: processes }, (_, i) => Math.floor(runs / processes) + (i < runs % processes ? 1 : 0));
  const started = performance.now();
  const results = await Promise.all(
    shares.map(
      (n, i) =>
        new Promise<{ code: number; out: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', script, '--runs', String(n), '--seed', String(seed + i), '--processes', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
          child.on('close', (code) => resolve({ code: code ?? 1, out }));
        }),
    ),
  );
  for (const r of results) process.stdout.write(r.out);
  const sum = (re: RegExp) => results.reduce((a, r) => a + Number(re.exec(r.out)?.[1] ?? NaN), 0);
  const failed = results.some((r) => r.code !== 0);
  if (!failed) {
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `fuzz: in all, ${sum(/^fuzz: (\d+) documents/m)} documents in ${seconds.toFixed(0)} s over ${processes} processes: ${sum(/(\d+) refused/)} refused with a clear error, ${sum(/(\d+) valid and run/)} valid and run; none crashed.\n`,
    );
  }
  process.exit(failed ? 1 : 0);
}
