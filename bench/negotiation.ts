/**
 * Negotiation benchmark (part of `npm run bench`; alone: node --import tsx bench/negotiation.ts [--quick]).
 * Prints the figures and writes bench/NEGOTIATION.md.
 *
 * 1. A 100-design zone of agreement at 500 runs per design on 2 worker threads: the
 *    family (10 front-loaded shares x 10 detection probabilities) valued by simulation
 *    with no deal and the current design (102 x 500 = 51,000 runs), end to end with the
 *    pool started (cold), then best of REPS on the warm pool; beside it a plain
 *    experiment of the same scenarios and runs on the same pool, so the cost of the
 *    negotiation layer (per-type moments of every run) shows as a ratio.
 * 2. The analysis of the simulated table (acceptance, zone, Pareto, Nash, Kalai-
 *    Smorodinsky per type, the report), and the same family again from the cache.
 */
import { writeFileSync } from 'node:fs';
import { benchReport, fmt, loadBaseline, loadNow, now } from './report.ts';
import { createNodeExperimentPool } from '../src/node/experiments.ts';
import { runExperiment, type Experiment } from '../src/experiments/index.ts';
import { designScenario, familyDesigns, noDealScenario, reportOf, resolveFamily, simulateFamily, UTILITY_METRICS, type MomentsCache } from '../src/negotiation/index.ts';

const QUICK = process.argv.includes('--quick');
const REPS = QUICK ? 1 : 3;
const RUNS = QUICK ? 100 : 500;
const base = loadBaseline();
const loadStart = loadNow();
const { lines, say } = benchReport();

const family = { parameters: [{ name: 'frontLoadedShare', low: 0, high: 1, steps: 10 }, { name: 'design.verification.detectionProbability', low: 0.3, high: 0.9, steps: 10 }] };
const resolved = resolveFamily(base, family);
const designs = familyDesigns(resolved);
const scenarios = [noDealScenario(base), base, ...designs.map((d) => designScenario(base, resolved, d))];
const totalRuns = scenarios.length * RUNS;

let t = now();
const pool = createNodeExperimentPool({ workers: 2 });
const cold = await simulateFamily({ base, family, runsPerDesign: RUNS, masterSeed: 1 }, { pool });
const coldMs = now() - t;
const best = { zone: Infinity, plain: Infinity };
const plain: Experiment = { name: 'plain', description: '', base: scenarios[0], design: { parameters: [], values: scenarios.map(() => []) }, pointScenarios: scenarios, runsPerPoint: RUNS, masterSeed: 1, outcomes: [...UTILITY_METRICS] };
for (let i = 0; i < REPS; i++) {
  t = now();
  await simulateFamily({ base, family, runsPerDesign: RUNS, masterSeed: 1 }, { pool });
  best.zone = Math.min(best.zone, now() - t);
  t = now();
  await runExperiment(plain, { pool, keepSummaries: false });
  best.plain = Math.min(best.plain, now() - t);
}
await pool.close();

t = now();
const report = reportOf('bench', base, cold);
const analysisMs = now() - t;
const cache: MomentsCache = new Map();
await simulateFamily({ base, family, runsPerDesign: RUNS, masterSeed: 1 }, { cache });
t = now();
await simulateFamily({ base, family, runsPerDesign: RUNS, masterSeed: 1 }, { cache });
const cachedMs = now() - t;
const loadEnd = loadNow();

say(`# Negotiation benchmark${QUICK ? ' (quick)' : ''}`);
say('');
say(`Load average ${loadStart.toFixed(1)} at the start, ${loadEnd.toFixed(1)} at the end (1-minute; the machine is shared). \`node --import tsx bench/negotiation.ts\`, part of \`npm run bench\`.`);
say('');
say('| what | figure |');
say('|---|---|');
say(`| zone of agreement: ${designs.length} designs + no deal + current design, ${fmt(RUNS)} runs each (${fmt(totalRuns)} runs of ${base.horizonPeriods} periods), 2 workers, pool start included | ${fmt(coldMs / 1000, 2)} s |`);
say(`| the same on the warm pool, best of ${REPS} | ${fmt(best.zone / 1000, 2)} s (${fmt((totalRuns * 1000) / best.zone)} runs/s) |`);
say(`| a plain experiment of the same scenarios and runs, same pool, best of ${REPS} | ${fmt(best.plain / 1000, 2)} s; the negotiation layer costs ${fmt(best.zone / best.plain, 2)}x its time |`);
say(`| the analysis of the table (acceptance, zone, Pareto, Nash, Kalai-Smorodinsky per type, the report) | ${fmt(analysisMs)} ms |`);
say(`| the same family again from the cache (no runs) | ${fmt(cachedMs)} ms |`);
say('');
say(`Check: ${report.designs.length} designs reported; the hardliner signs ${report.designs.filter((d) => d.acceptance.byType.find((b) => b.type === 'hardliner')?.signs).length} of them.`);
writeFileSync(new URL('./NEGOTIATION.md', import.meta.url), lines.join('\n') + '\n');
