import { Command, Option } from 'commander';
import { SUMMARY_METRICS, type SummaryMetric } from '../../engine/metrics.ts';
import type { ShockKind } from '../../scenario/schema.ts';
import { breakPointsSpec, morrisSpec, primBoxSpec, primTradeoffSpec, sobolIndicesSpec, sweepLinesSpec, tornadoSpec } from '../../charts/analysis.ts';
import {
  discoverMarkdown,
  discoverStudy,
  libraryShocks,
  morrisMarkdown,
  morrisStudy,
  outcomeLabel,
  sobolMarkdown,
  sobolStudy,
  STRESS_SHOCKS,
  stressMarkdown,
  stressStudy,
  sweepMarkdown,
  sweepStudy,
  type StressShock,
} from '../../analysis/studies/index.ts';
import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import { CliFailure, EXIT, type CliIo } from '../io.ts';
import { parseSeed, parseShardFlag, parseWorkers, wholeNumber } from '../options.ts';
import { emit } from './output.ts';
import { collectRange, emitShard, loadStudyScenario, numberIn, parseOutcome, shardOptions, stoppedStudy, stressShardOptions, STUDY_FORMATS, studyJson, withStudyPool, type StudyCliOptions, type StudyFormat } from './study-options.ts';

/**
 * The exploratory-analysis commands: `sweep` (one lever at a time), `sensitivity`
 * (Sobol' indices or Morris effects), `stress` (break points of the shock library)
 * and `discover` (PRIM boxes of the conditions where the design fails). Each runs
 * on worker threads through the experiments layer, on common random numbers, prints
 * Markdown tables (or JSON, or the Vega-Lite chart), and on Ctrl-C writes what ran,
 * marked PARTIAL, and exits 130. Methods: docs/analysis.md.
 */

const HELP_TAIL = '\nExit codes: 0 done; 1 the scenario or a run failed; 2 wrong command line (an unknown lever, an empty range, a range outside the field\'s); 130 / 143 / 129 stopped (partial output written).';

interface SweepOpts extends StudyCliOptions {
  lever?: Record<string, [number, number]>;
  levels?: number;
  chart?: 'tornado' | 'lines';
  format?: StudyFormat;
}

const common = (c: Command, runs: number) =>
  c
    .option('--runs <n>', `runs per point, 1 to 1000000 (default: ${runs})`, wholeNumber('--runs', 1, 1_000_000, runs))
    .option('--seed <n>', 'master seed; run i of every point uses the seed "<n>/<i>" (default: 1)', parseSeed)
    .option('--workers <n>', "worker threads (default: the machine's cores; small studies run in one thread); results are identical for any number", parseWorkers)
    .addOption(new Option('--format <format>', 'text: Markdown tables; json: the whole result; vega-lite: the chart (discover: the chosen box, else the trade-off) (default: text)').choices(STUDY_FORMATS))
    .option('--out <file>', 'write it to this file instead of the terminal')
    .option('--without-shocks', "drop the scenario's own shocks first (a case's history), to study the design alone")
    .option('--shard <i/N>', 'run only shard i of N of the points (stress: of the shocks) as a cluster job and write its partial (JSON); then combine with --parts', parseShardFlag)
    .option('--parts <files...>', 'compute the study from the partials of all its shards (same arguments otherwise), without running');

export function registerAnalysisCommands(program: Command, io: CliIo): void {
  common(
    program
      .command('sweep')
      .description('one lever at a time: each lever over its range, the others at the scenario\'s values, on common random numbers (tornado and line data)')
      .argument('<scenario>', 'scenario file')
      .option('--lever <path=low:high>', 'a lever and its range (repeat for more), e.g. design.verification.detectionProbability=0.2:0.9', collectRange)
      .option('--levels <n>', 'points per lever, ends included, 2 to 101 (default: 5)', wholeNumber('--levels', 2, 101, 5))
      .addOption(new Option('--chart <chart>', 'with --format vega-lite: the tornado or the line charts (default: tornado)').choices(['tornado', 'lines']))
      .option('--outcome <name>', 'the outcome (default: collapsed)', parseOutcome),
    400,
  )
    .addHelpText('after', `${HELP_TAIL}\n\nExample:\n  relief-lab sweep scenarios/baseline.yaml --lever design.verification.detectionProbability=0.2:0.9 --lever coalition.collapseCohesion=0.2:0.6`)
    .action((file: string, opts: SweepOpts) => sweepCommand(io, file, opts));

  common(
    program
      .command('sensitivity')
      .description("global sensitivity: Sobol' first-order and total indices (Saltelli and Jansen estimators on a Sobol' sequence, bootstrap CIs) or Morris elementary effects")
      .argument('<scenario>', 'scenario file')
      .option('--lever <path=low:high>', 'a lever or uncertainty and its range (repeat for more)', collectRange)
      .addOption(new Option('--method <method>', 'sobol or morris (default: sobol)').choices(['sobol', 'morris']))
      .option('--samples <n>', "Sobol': N, a power of two (N (D + 2) points; default 256); Morris: trajectories (default 20)", wholeNumber('--samples', 2, 1 << 20, 256))
      .option('--outcome <name>', 'the outcome (default: collapsed)', parseOutcome),
    100,
  )
    .addHelpText('after', `${HELP_TAIL}\n\nExample:\n  relief-lab sensitivity scenarios/baseline.yaml --lever design.verification.detectionProbability=0.2:0.9 --lever coalition.collapseCohesion=0.2:0.6 --samples 128`)
    .action((file: string, opts: SweepOpts & { method?: 'sobol' | 'morris'; samples?: number }) => sensitivityCommand(io, file, opts));

  common(
    program
      .command('stress')
      .description('stress break points: for each shock of the library, the smallest intensity that collapses the agreement with probability >= 50%, by bisection with Wilson CIs')
      .argument('<scenario>', 'scenario file')
      .option('--shock <kind[@period][=low:high]>', `a shock to grade, optionally the intensities searched (repeat; default: every kind at --at over its range): ${Object.keys(STRESS_SHOCKS).join(', ')}`, (v: string, prev: string[] = []) => [...prev, v])
      .option('--at <period>', 'period of the shocks without @period (default: a quarter of the horizon)', wholeNumber('--at', 0, 10_000, 12))
      .option('--member <id>', 'the member of election, memberExit and snapback (default: the largest)')
      .option('--level <p>', 'collapse probability that counts as breaking, in (0, 1) (default: 0.5)', numberIn('--level', 0.001, 0.999))
      .option('--tolerance <share>', 'stop when the bracket is this share of the range searched, in (0, 1) (default: 0.03125)', numberIn('--tolerance', 0.0001, 0.5)),
    400,
  )
    .addHelpText('after', `${HELP_TAIL}\n\nExample:\n  relief-lab stress scenarios/baseline.yaml --runs 400\n  relief-lab stress scenarios/baseline.yaml --shock accessDenial@6 --shock regimeChange@24\n  relief-lab stress scenarios/baseline.yaml --shock accessDenial@6=0.2:0.8`)
    .action((file: string, opts: StressOpts) => stressCommand(io, file, opts));

  common(
    program
      .command('discover')
      .description('scenario discovery: sample the ranges (Latin hypercube), label points by an outcome, and find with PRIM the boxes of conditions where the design fails')
      .argument('<scenario>', 'scenario file')
      .option('--lever <path=low:high>', 'an uncertainty or lever and its range (repeat for more)', collectRange)
      .option('--samples <n>', 'points sampled, 10 to 1000000 (default: 500)', wholeNumber('--samples', 10, 1_000_000, 500))
      .option('--outcome <name>', 'the outcome that labels a point (default: collapsed)', parseOutcome)
      .option('--threshold <x>', 'a point is a case of interest when its mean outcome is at least this (default: 0.5)', numberIn('--threshold', -1e12, 1e12))
      .option('--min-density <p>', 'the box chosen: the widest with at least this density (default: 0.8)', numberIn('--min-density', 0, 1)),
    50,
  )
    .addHelpText('after', `${HELP_TAIL}\n\nExample:\n  relief-lab discover scenarios/baseline.yaml --lever coalition.collapseCohesion=0.2:0.7 --lever target.typePrior.hardliner=0:0.6 --samples 400`)
    .action((file: string, opts: DiscoverOpts) => discoverCommand(io, file, opts));
}

function needRanges(opts: { lever?: Record<string, [number, number]> }, example: string): Record<string, [number, number]> {
  if (!opts.lever || Object.keys(opts.lever).length === 0) throw new CliFailure(`relief-lab: name at least one lever and its range with --lever PATH=LOW:HIGH, e.g. --lever ${example}\n(add --help for usage)`, EXIT.usage);
  return opts.lever;
}

const EXAMPLE = 'design.verification.detectionProbability=0.2:0.9';
const context = (name: string, runs: number, seed: number) => `${escapeControlCharacters(name)}; ${runs} runs per point, seed ${seed}`;

export async function sweepCommand(io: CliIo, file: string, opts: SweepOpts): Promise<void> {
  const ranges = needRanges(opts, EXAMPLE);
  const base = loadStudyScenario(file, opts);
  const runs = opts.runs ?? 400;
  const outcome = opts.outcome ?? 'collapsed';
  const points = 1 + Object.keys(ranges).length * (opts.levels ?? 5);
  const sharding = shardOptions(opts);
  const r = await withStudyPool(io, opts, { runs: points * runs, horizonPeriods: base.horizonPeriods, label: 'sweep' }, (run) => sweepStudy(base, ranges, { ...run, ...sharding, outcome, runsPerPoint: runs, masterSeed: opts.seed ?? 1, levels: opts.levels ?? 5 }));
  if (emitShard(io, opts, r.evaluation.partial)) return;
  const format = opts.format ?? 'text';
  const text = format === 'json' ? studyJson({ outcome: r.outcome, sweep: r.sweep, differences: r.differences, header: r.evaluation.header, complete: r.evaluation.complete }) : format === 'vega-lite' ? chartOrFail(r.sweep && (opts.chart === 'lines' ? sweepLinesSpec : tornadoSpec)(r.sweep, { outcome: outcomeLabel(outcome), context: context(base.metadata.name, runs, opts.seed ?? 1) })) : sweepMarkdown(r);
  emit(io, text, opts.out, 'the sweep');
  if (!r.evaluation.complete) stoppedStudy(io, 'sweep');
}

export async function sensitivityCommand(io: CliIo, file: string, opts: SweepOpts & { method?: 'sobol' | 'morris'; samples?: number }): Promise<void> {
  const ranges = needRanges(opts, EXAMPLE);
  const base = loadStudyScenario(file, opts);
  const runs = opts.runs ?? 100;
  const outcome = opts.outcome ?? 'collapsed';
  const D = Object.keys(ranges).length;
  const method = opts.method ?? 'sobol';
  const format = opts.format ?? 'text';
  const labels = { outcome: outcomeLabel(outcome), context: context(base.metadata.name, runs, opts.seed ?? 1) };
  const shared = { outcome, runsPerPoint: runs, masterSeed: opts.seed ?? 1, ...shardOptions(opts) };
  if (method === 'sobol') {
    const N = opts.samples ?? 256;
    const r = await withStudyPool(io, opts, { runs: N * (D + 2) * runs, horizonPeriods: base.horizonPeriods, label: "Sobol' indices" }, (run) => sobolStudy(base, ranges, { ...run, ...shared, baseSamples: N }));
    if (emitShard(io, opts, r.evaluation.partial)) return;
    const text = format === 'json' ? studyJson({ outcome, indices: r.indices, header: r.evaluation.header, complete: r.evaluation.complete }) : format === 'vega-lite' ? chartOrFail(r.indices && sobolIndicesSpec(r.indices, labels)) : sobolMarkdown(r);
    emit(io, text, opts.out, "the Sobol' indices");
    if (!r.evaluation.complete) stoppedStudy(io, "Sobol' analysis");
    return;
  }
  const trajectories = opts.samples ?? 20;
  const r = await withStudyPool(io, opts, { runs: trajectories * (D + 1) * runs, horizonPeriods: base.horizonPeriods, label: 'Morris effects' }, (run) => morrisStudy(base, ranges, { ...run, ...shared, trajectories }));
  if (emitShard(io, opts, r.evaluation.partial)) return;
  const text = format === 'json' ? studyJson({ outcome, effects: r.effects, header: r.evaluation.header, complete: r.evaluation.complete }) : format === 'vega-lite' ? chartOrFail(r.effects && morrisSpec(r.effects, labels)) : morrisMarkdown(r);
  emit(io, text, opts.out, 'the Morris effects');
  if (!r.evaluation.complete) stoppedStudy(io, 'Morris screening');
}

interface StressOpts extends StudyCliOptions {
  shock?: string[];
  at?: number;
  member?: string;
  level?: number;
  tolerance?: number;
  format?: StudyFormat;
}

/** `--shock kind[@period][=low:high]` flags into shocks (default: the whole library at --at, each over its default range). */
export function stressShocks(base: { horizonPeriods: number }, opts: StressOpts): StressShock[] {
  const at = opts.at ?? Math.floor(base.horizonPeriods / 4);
  const member = opts.member !== undefined ? { member: opts.member } : {};
  if (!opts.shock) return libraryShocks(base as never, at).map((s) => ({ ...s, ...member }));
  return opts.shock.map((v) => {
    const m = /^([A-Za-z]+)(?:@(\d{1,6}))?(?:=([^:]+):(.+))?$/.exec(v);
    if (!m || !(m[1] in STRESS_SHOCKS)) throw new CliFailure(`relief-lab: --shock ${escapeControlCharacters(v)}: takes KIND, KIND@PERIOD or KIND@PERIOD=LOW:HIGH (the intensities searched) with KIND one of ${Object.keys(STRESS_SHOCKS).join(', ')}, e.g. --shock accessDenial@6=0:0.5\n(add --help for usage)`, EXIT.usage);
    const kind = m[1] as ShockKind;
    const shock: StressShock = { kind, atPeriod: m[2] !== undefined ? Number(m[2]) : at, ...member };
    if (m[3] === undefined) return shock;
    const def = STRESS_SHOCKS[kind];
    if (def.field === null) throw new CliFailure(`relief-lab: --shock ${escapeControlCharacters(v)}: a ${kind} has no intensity (it is applied on or off); give no =LOW:HIGH\n(add --help for usage)`, EXIT.usage);
    const low = Number(m[3]);
    const high = Number(m[4]);
    if (!Number.isFinite(low) || !Number.isFinite(high)) throw new CliFailure(`relief-lab: --shock ${escapeControlCharacters(v)}: LOW:HIGH must be two numbers (the ${def.field} searched; default ${def.low}:${def.high})\n(add --help for usage)`, EXIT.usage);
    return { ...shock, low, high };
  });
}

export async function stressCommand(io: CliIo, file: string, opts: StressOpts): Promise<void> {
  const base = loadStudyScenario(file, opts);
  const shocks = stressShocks(base, opts);
  const runs = opts.runs ?? 400;
  const sharding = stressShardOptions(opts);
  // Progress: about 8 probes a graded shock; a shard searches every N-th shock; combining runs nothing.
  const searched = sharding.parts ? 0 : sharding.shard ? Math.ceil((shocks.length - sharding.shard.index + 1) / sharding.shard.count) : shocks.length;
  const estimate = { runs: (searched * 8 + (sharding.shard && sharding.shard.index > 1 ? 0 : 1)) * runs, horizonPeriods: base.horizonPeriods, label: 'stress' };
  const r = await withStudyPool(io, opts, estimate, (run) => stressStudy(base, shocks, { ...run, ...sharding, runsPerPoint: runs, masterSeed: opts.seed ?? 1, ...(opts.level !== undefined ? { level: opts.level } : {}), ...(opts.tolerance !== undefined ? { relativeTolerance: opts.tolerance } : {}) }));
  if (opts.shard && r.partial) {
    const n = r.partial.searches.length;
    emit(io, studyJson(r.partial), opts.out, `the partial of shard ${opts.shard.index}/${opts.shard.count} (${n} shock${n === 1 ? '' : 's'}; combine the shards with --parts)`);
    if (!r.partial.complete) stoppedStudy(io, `shard ${opts.shard.index}/${opts.shard.count}`);
    return;
  }
  const format = opts.format ?? 'text';
  const graded = r.shocks.flatMap((s) => (s.result ? [{ shock: s.label, result: s.result }] : []));
  const text = format === 'json' ? studyJson(r) : format === 'vega-lite' ? chartOrFail(graded.length ? breakPointsSpec(graded, { outcome: 'collapse probability', intensity: 'shock intensity (its field, in its own units)', context: context(base.metadata.name, runs, opts.seed ?? 1) }) : null) : stressMarkdown(r);
  emit(io, text, opts.out, 'the stress break points');
  if (!r.complete) stoppedStudy(io, 'stress test');
}

interface DiscoverOpts extends StudyCliOptions {
  lever?: Record<string, [number, number]>;
  samples?: number;
  threshold?: number;
  minDensity?: number;
  format?: StudyFormat;
}

export async function discoverCommand(io: CliIo, file: string, opts: DiscoverOpts): Promise<void> {
  const ranges = needRanges(opts, 'coalition.collapseCohesion=0.2:0.7');
  const base = loadStudyScenario(file, opts);
  const runs = opts.runs ?? 50;
  const samples = opts.samples ?? 500;
  const outcome: SummaryMetric = opts.outcome ?? 'collapsed';
  const sharding = shardOptions(opts);
  const r = await withStudyPool(io, opts, { runs: samples * runs, horizonPeriods: base.horizonPeriods, label: 'discovery' }, (run) =>
    discoverStudy(base, ranges, { ...run, ...sharding, runsPerPoint: runs, masterSeed: opts.seed ?? 1, samples, outcome, ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}), ...(opts.minDensity !== undefined ? { minDensity: opts.minDensity } : {}) }),
  );
  if (emitShard(io, opts, r.evaluation.partial)) return;
  const format = opts.format ?? 'text';
  const labels = { outcome: `${SUMMARY_METRICS[outcome].label.toLowerCase()} of at least ${r.threshold}`, context: context(base.metadata.name, runs, opts.seed ?? 1) };
  const text =
    format === 'json'
      ? studyJson({ outcome, threshold: r.threshold, prim: r.prim, chosen: r.chosen, data: r.data, means: r.means, header: r.evaluation.header, complete: r.evaluation.complete })
      : format === 'vega-lite'
        ? chartOrFail(r.chosen ? primBoxSpec(r.chosen.inspection, labels) : r.prim && primTradeoffSpec(r.prim, labels))
        : discoverMarkdown(r);
  emit(io, text, opts.out, 'the scenario discovery');
  if (!r.evaluation.complete) stoppedStudy(io, 'scenario discovery');
}

function chartOrFail(spec: object | null): string {
  if (!spec) throw new CliFailure('relief-lab: no chart: the study was stopped before it finished (or found nothing to chart); use --format text or json for what ran.', EXIT.failure);
  return JSON.stringify(spec, null, 2) + '\n';
}
