import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Command, Option } from 'commander';
import { MAX_AUDIT_RUNS } from '../../audit/index.ts';
import { chartSvg, memoCharts, memoHtml, memoMarkdown, memoShard, memoStudies, parseMemoPartial, STRESS_SHOCKS, type MemoMeta, type MemoPartial } from '../../analysis/studies/index.ts';
import { scenarioFingerprint } from '../../montecarlo/seeds.ts';
import { RELIEF_LAB_VERSION } from '../../montecarlo/version.ts';
import { writeFileAtomic } from '../../node/file-io.ts';
import { runMonteCarlo, runMonteCarloPartial } from '../../node/index.ts';
import { CliFailure, EXIT, type CliIo } from '../io.ts';
import { parseSeed, parseShardFlag, parseWorkers, wholeNumber } from '../options.ts';
import { emit } from './output.ts';
import { loadStudyScenario, readPart, stoppedStudy, withStudyPool } from './study-options.ts';

interface ReportOpts {
  alternative?: string;
  runs?: number;
  batchRuns?: number;
  seed?: number;
  workers?: number;
  at?: number;
  format?: 'html' | 'markdown';
  out?: string;
  withoutShocks?: boolean;
  auditRuns?: number;
  audit?: boolean;
  shard?: { index: number; count: number };
  parts?: string[];
}

/**
 * `relief-lab report <scenario>`: the memo (src/analysis/studies/memo.ts) from real
 * runs: a batch for the outcomes and fan charts, the stress break points of the
 * shock library, a sweep of the key levers, the design audit (where cheating
 * pays, the weak tranche, the fixes re-checked) and, with --alternative, the paired
 * differences. HTML (default; self-contained, prints to two A4 pages) or Markdown
 * (with --out, the charts go beside it as SVG files).
 */
export function registerReportCommand(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('a memo policy staff can circulate: the design, its fan charts, where cheating pays (the design audit), which shocks break it and at what intensity, what the outcome depends on most, the differences against an alternative; self-contained HTML that prints to PDF, or Markdown')
    .argument('<scenario>', 'scenario file')
    .option('--alternative <file>', 'a named alternative design, compared on common random numbers')
    .option('--runs <n>', 'runs per point of the stress test and the sweep (default: 200)', wholeNumber('--runs', 1, 1_000_000, 200))
    .option('--batch-runs <n>', 'runs of the batch behind the outcomes and fan charts (default: 1000)', wholeNumber('--batch-runs', 1, 10_000_000, 1000))
    .option('--seed <n>', 'master seed of every study (default: 1)', parseSeed)
    .option('--workers <n>', "worker threads (default: the machine's cores)", parseWorkers)
    .option('--at <period>', 'period of the stress shocks (default: a quarter of the horizon)', wholeNumber('--at', 0, 10_000, 12))
    .addOption(new Option('--format <format>', 'html or markdown (default: html, or from the --out extension)').choices(['html', 'markdown']))
    .option('--out <file>', 'write the memo to this file (Markdown: the charts go to <name>-charts/ beside it)')
    .option('--audit-runs <n>', `compliant-path runs of the design audit, and best-response runs per fix re-checked (default: 200)`, wholeNumber('--audit-runs', 1, MAX_AUDIT_RUNS, 200))
    .option('--no-audit', 'leave the design audit out (it runs in one thread: about 1 s per fix tried on a case)')
    .option('--without-shocks', "drop the scenarios' own shocks first (a case's history), to study the design alone")
    .option('--shard <i/N>', "run only shard i of N of the memo's studies (the batch's runs, the stress test's shocks, the sweep's and the comparison's points) as a cluster job and write its partial (JSON); then combine with --parts", parseShardFlag)
    .option('--parts <files...>', 'write the memo from the partials of all its shards (same arguments otherwise); only the design audit runs')
    .addHelpText('after', '\nExit codes: 0 written; 1 a scenario, a run or a part failed; 2 wrong command line; 130 / 143 / 129 stopped (a partial memo is written, marked PARTIAL).\n\nExamples:\n  relief-lab report scenarios/step-for-step.yaml --alternative scenarios/front-loaded.yaml --out memo.html\n  relief-lab report scenarios/escrow.yaml --format markdown --out memo.md\n  relief-lab report scenarios/escrow.yaml --shard 1/2 --out part1.json   (and 2/2 on another machine)\n  relief-lab report scenarios/escrow.yaml --parts part1.json part2.json --out memo.html')
    .action((file: string, opts: ReportOpts) => reportCommand(io, file, opts));
}

export async function reportCommand(io: CliIo, file: string, opts: ReportOpts): Promise<void> {
  const format = opts.format ?? (opts.out && /\.(md|markdown)$/i.test(opts.out) ? 'markdown' : 'html');
  const base = loadStudyScenario(file, opts);
  const alternative = opts.alternative !== undefined ? loadStudyScenario(opts.alternative, { withoutShocks: opts.withoutShocks }) : undefined;
  const runs = opts.runs ?? 200;
  const auditRuns = opts.auditRuns ?? 200;
  const batchRuns = opts.batchRuns ?? 1000;
  const seed = opts.seed ?? 1;
  const at = opts.at ?? Math.floor(base.horizonPeriods / 4);
  if (at >= base.horizonPeriods) throw new CliFailure(`relief-lab: --at ${at} is past the scenario's horizon; give a period in [0, ${base.horizonPeriods - 1}].\n(add --help for usage)`, EXIT.usage);
  if (opts.shard && opts.parts) throw new CliFailure('relief-lab: give --shard (run one shard) or --parts (combine the shards), not both.\n(add --help for usage)', EXIT.usage);
  if (opts.shard && (opts.format !== undefined || (opts.out !== undefined && !/\.json$/i.test(opts.out) && opts.out !== '-'))) {
    throw new CliFailure(`relief-lab: --shard writes the shard's partial (JSON): give --out <file>.json and no --format; the memo is written by --parts.\n(add --help for usage)`, EXIT.usage);
  }
  const memoParts: MemoPartial[] | undefined = opts.parts?.map((f) => readPart(f, parseMemoPartial));
  const shocks = Object.keys(STRESS_SHOCKS).length;
  const N = opts.shard?.count ?? 1;
  // Progress: a shard runs about 1/N of each study; combining runs only the audit.
  const estimate = memoParts ? 1 : Math.ceil(batchRuns / N) + Math.ceil((runs * (shocks * 7 + 1 + 22 + (alternative ? 2 : 0))) / N);
  const workers = opts.workers !== undefined ? { workers: opts.workers } : {};
  const signal = io.signal ? { signal: io.signal } : {};
  const studyOptions = {
    runsPerPoint: runs,
    masterSeed: seed,
    stressAtPeriod: at,
    batchRuns,
    audit: opts.audit === false ? (false as const) : { runs: auditRuns },
    ...(alternative ? { alternative } : {}),
    runBatch: (s: typeof base) => runMonteCarlo(s, { runs: batchRuns, masterSeed: seed, ...workers, ...signal }),
  };
  if (opts.shard) {
    const shard = opts.shard;
    const part = await withStudyPool(io, workers, { runs: estimate, horizonPeriods: base.horizonPeriods, label: `memo shard ${shard.index}/${shard.count}` }, (run) =>
      memoShard(base, { ...run, ...studyOptions, shard, runBatchPartial: (s, share) => runMonteCarloPartial(s, { runs: batchRuns, masterSeed: seed, shard: share, ...workers, ...signal }) }),
    );
    emit(io, JSON.stringify(part) + '\n', opts.out, `the partial of memo shard ${shard.index}/${shard.count} (combine the shards with --parts)`);
    if (!part.complete) stoppedStudy(io, `memo shard ${shard.index}/${shard.count}`);
    return;
  }
  const studies = await withStudyPool(io, workers, { runs: estimate, horizonPeriods: base.horizonPeriods, label: 'memo' }, (run) =>
    memoStudies(base, { ...run, ...studyOptions, ...(memoParts ? { memoParts } : {}) }),
  );
  const args = [`relief-lab report ${file}`, opts.alternative ? `--alternative ${opts.alternative}` : '', `--seed ${seed} --runs ${runs} --batch-runs ${batchRuns} --at ${at}`, opts.audit === false ? '--no-audit' : `--audit-runs ${auditRuns}`, opts.withoutShocks ? '--without-shocks' : ''].filter(Boolean).join(' ');
  const meta: MemoMeta = { scenario: base, scenarioHash: scenarioFingerprint(base), source: file, edited: opts.withoutShocks === true, version: RELIEF_LAB_VERSION, masterSeed: seed, runsPerPoint: runs, reproduce: args, date: new Date().toISOString().slice(0, 10) };
  const specs = memoCharts(studies, meta);
  const svgs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) svgs[name] = await chartSvg(spec);
  if (format === 'html') emit(io, memoHtml(studies, meta, svgs), opts.out, 'the memo (HTML)');
  else {
    const chartDir = opts.out && opts.out !== '-' ? `${basename(opts.out, extname(opts.out))}-charts` : undefined;
    if (chartDir) {
      const dir = join(dirname(opts.out!), chartDir);
      mkdirSync(dir, { recursive: true });
      for (const [name, svg] of Object.entries(svgs)) writeFileAtomic(join(dir, `${name}.svg`), svg);
    }
    emit(io, memoMarkdown(studies, meta, chartDir ?? '.', chartDir ? Object.keys(svgs) : []), opts.out, `the memo (Markdown${chartDir ? `; charts in ${chartDir}/` : ''})`);
  }
  if (!studies.complete) stoppedStudy(io, 'memo');
}
