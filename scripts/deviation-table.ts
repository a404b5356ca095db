/**
 * The deviation test's table for every shipped scenario and case:
 * `node --import tsx scripts/deviation-table.ts [--runs N] [file.yaml ...]` prints, per scenario and
 * target type, the best-response policy's (the scenario's target set to it) mean discounted utility against the best
 * deviation of the family (src/engine/deviation/), with the paired standard error, and
 * whether the deviation beats it beyond 3.89 standard errors.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile } from '../src/node/index.ts';
import { deviationTest } from '../src/engine/deviation/deviation-test.ts';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 1000;
const named = process.argv.slice(2).filter((a, i, all) => a.endsWith('.yaml') && all[i - 1] !== '--runs');
const files = named.length > 0 ? named : [
  ...readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios', f)),
  ...readdirSync('scenarios/cases').filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios/cases', f)),
];
const f2 = (x: number) => x.toFixed(2);
console.log(`| scenario | type | runs | target policy: utility | best deviation | its utility | gain [SE] | beaten? |`);
console.log('|---|---|---|---|---|---|---|---|');
for (const file of files) {
  const r = loadScenarioFile(file);
  if (!r.ok) throw new Error(`${file} does not load`);
  // The test is of the best response (a quantal target is noisy by design): every scenario is run with it.
  const scenario = { ...r.scenario, policies: { ...r.scenario.policies, target: { name: 'best-response', params: {} } } };
  const policy = 'best-response';
  const report = deviationTest(scenario, { runs });
  for (const w of report.worst) {
    console.log(`| ${file.replace(/^scenarios\//, '')} (${policy}) | ${w.type} | ${w.runs} | ${f2(w.policyUtility)} | ${w.deviation} | ${f2(w.deviationUtility)} | ${f2(w.gain)} [${f2(w.se)}] | ${w.beats ? 'yes' : 'no'} |`);
  }
}
