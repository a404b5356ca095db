/**
 * The six presets side by side on every run outcome, for docs/model.md §7 ("How the presets differ"):
 * `node --import tsx scripts/preset-table.ts [--runs N] [--seed S]` prints a Markdown table of each
 * preset's mean with its 95% interval, and each preset's paired difference from step-for-step (the
 * baseline) on common random numbers, with `*` where the difference's 95% interval excludes zero.
 *
 * Also prints a second table with the same outcomes split by true target type (mean only), since
 * most differences between designs are differences in what one type does.
 */
import { loadScenarioFile } from '../src/node/index.ts';
import { runExperiment } from '../src/experiments/run.ts';
import { pairedExperiment } from '../src/compare/paired.ts';
import { SUMMARY_METRICS, SUMMARY_METRIC_NAMES, type SummaryMetric } from '../src/engine/metrics.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 2000);
const masterSeed = arg('--seed', 1);
const PRESETS = ['step-for-step', 'front-loaded', 'milestone-phased', 'back-loaded', 'escrow', 'time-limited-licence'];
const designs = PRESETS.map((name) => {
  const r = loadScenarioFile(`scenarios/${name}.yaml`);
  if (!r.ok) throw new Error(`scenarios/${name}.yaml does not load`);
  return { name, scenario: r.scenario };
});

const started = process.hrtime.bigint();
const result = await runExperiment(pairedExperiment(designs, { runs, masterSeed }));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const SHOWN: SummaryMetric[] = SUMMARY_METRIC_NAMES.filter((m) => m !== 'leverageSpentPerCompliance');
const fmt = (m: SummaryMetric, x: number) => {
  if (!Number.isFinite(x)) return 'n/a';
  const info = SUMMARY_METRICS[m];
  if (info.isShare) return `${(100 * x).toFixed(1)}%`;
  if (info.unit === 'kUSD') return `${(x / 1000).toFixed(0)}M`;
  return x.toFixed(Math.abs(x) >= 100 ? 0 : 2);
};

console.log(`${runs} runs per preset, master seed ${masterSeed}, common random numbers; ${seconds.toFixed(0)} s.\n`);
console.log(`| outcome | ${PRESETS.join(' | ')} |`);
console.log(`|---|${PRESETS.map(() => '---').join('|')}|`);
for (const m of SHOWN) {
  const cells = result.points.map((p, i) => {
    const o = p.outcomes[m];
    const value = `${fmt(m, o.mean)} [${fmt(m, o.ci95[0])}, ${fmt(m, o.ci95[1])}]`;
    if (i === 0) return value;
    const d = p.vsReference[m];
    const clear = Number.isFinite(d.ci95[0]) && (d.ci95[0] > 0 || d.ci95[1] < 0);
    const sign = d.estimate >= 0 ? '+' : '−';
    const diff = SUMMARY_METRICS[m].isShare ? `${sign}${(100 * Math.abs(d.estimate)).toFixed(1)} pt` : `${sign}${fmt(m, Math.abs(d.estimate))}`;
    return `${value}; ${diff}${clear ? '*' : ''}`;
  });
  console.log(`| ${SUMMARY_METRICS[m].label} (${SUMMARY_METRICS[m].unit}) | ${cells.join(' | ')} |`);
}

console.log('\nBy true target type (means):\n');
const TYPES = ['sincere', 'opportunist', 'hardliner'] as const;
const BY_TYPE: SummaryMetric[] = ['finalCompliance', 'collapsed', 'undetectedViolationPeriods', 'fullRelief', 'finalLeverage', 'targetUtility'];
console.log(`| outcome | type | ${PRESETS.join(' | ')} |`);
console.log(`|---|---|${PRESETS.map(() => '---').join('|')}|`);
for (const m of BY_TYPE) {
  for (const t of TYPES) {
    const cells = result.points.map((p) => fmt(m, p.byTargetType[t].outcomes[m].mean));
    console.log(`| ${SUMMARY_METRICS[m].label} | ${t} (${result.points[0].byTargetType[t].runs} runs) | ${cells.join(' | ')} |`);
  }
}
