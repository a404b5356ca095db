/**
 * Writes docs/cases.md: runs every scenario in scenarios/cases/ (2,000 runs, master
 * seed 1), places history in the simulated distributions and renders the page with
 * the hand-written discussion from docs/cases-discussion.md.
 *
 *   node --import tsx scripts/cases-doc.ts          # regenerate
 *   node --import tsx scripts/cases-doc.ts --check  # exit 1 if docs/cases.md is out of date
 *
 * Progress goes to stderr; the page is written whole or not at all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { formatProblems, loadScenarioFile, writeFileAtomic } from '../src/node/scenario-files.ts';
import { buildCasesPage, CASES_DISCUSSION_FILE, CASES_PAGE_MASTER_SEED, CASES_PAGE_RUNS, type CaseInput } from '../src/cases/index.ts';

const CASES_DIR = 'scenarios/cases';
const PAGE = 'docs/cases.md';

function fail(message: string): never {
  process.stderr.write(`cases-doc: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--check');
if (unknown.length > 0) fail(`unknown argument(s) ${unknown.join(' ')}; the only option is --check`);
const check = args.includes('--check');

const files = readdirSync(CASES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(CASES_DIR, f));
if (files.length === 0) fail(`no scenario files in ${CASES_DIR}`);
const cases: CaseInput[] = files.map((file) => {
  const r = loadScenarioFile(file);
  if (!r.ok) fail(`${formatProblems(r.problems)}\nnothing was written`);
  return { file, scenario: r.scenario };
});

let discussion: string;
try {
  discussion = readFileSync(CASES_DISCUSSION_FILE, 'utf8');
} catch (e) {
  fail(`cannot read ${CASES_DISCUSSION_FILE} (${e instanceof Error ? e.message : String(e)}); nothing was written`);
}

const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'cases {bar} {value}/{total} runs', hideCursor: true }, cliProgress.Presets.shades_classic);
bar.start(CASES_PAGE_RUNS * cases.length, 0);
let page: string;
try {
  page = buildCasesPage(cases, discussion, { runs: CASES_PAGE_RUNS, masterSeed: CASES_PAGE_MASTER_SEED, onProgress: (done) => bar.update(done) });
} catch (e) {
  bar.stop();
  fail(`${e instanceof Error ? e.message : String(e)}\nnothing was written`);
}
bar.stop();

if (check) {
  let current = '';
  try {
    current = readFileSync(PAGE, 'utf8');
  } catch {
    // A missing page is out of date.
  }
  if (current !== page) fail(`${PAGE} is out of date; run node --import tsx scripts/cases-doc.ts`);
  process.stderr.write(`${PAGE} is up to date\n`);
} else {
  writeFileAtomic(PAGE, page);
  process.stderr.write(`wrote ${PAGE} (${cases.length} cases, ${CASES_PAGE_RUNS} runs each)\n`);
}
