/**
 * Final leverage of the six presets, with 95% intervals:
 * `node --import tsx scripts/leverage-table.ts [--runs N] [--seed S] [file.yaml ...]` prints, per
 * preset, the mean final leverage over N runs (seeds "<S>/<i>"), its 95% interval (mean
 * +- 1.96 standard errors), the same split by collapsed and holding runs, and the run time.
 * docs/model.md section 4 quotes its output.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile } from '../src/node/index.ts';
import { createRunner } from '../src/engine/simulate.ts';
import { runSeed } from '../src/engine/rng.ts';

const argAfter = (flag: string, fallback: number): number => {
  const at = process.argv.indexOf(flag);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const runs = argAfter('--runs', 400);
const seed = argAfter('--seed', 1);
const named = process.argv.slice(2).filter((a) => a.endsWith('.yaml'));
const files = named.length > 0 ? named : readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort().map((f) => join('scenarios', f));

const meanCi = (xs: number[]): string => {
  if (xs.length < 2) return xs.length === 1 ? `${xs[0].toFixed(3)} (n = 1)` : '-';
  const n = xs.length;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const se = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1) / n);
  return `${m.toFixed(3)} [${(m - 1.96 * se).toFixed(3)}, ${(m + 1.96 * se).toFixed(3)}]`;
};

console.log('| preset | runs | final leverage, mean [95% CI] | collapsed runs | holding runs | collapsed | seconds |');
console.log('|---|---|---|---|---|---|---|');
for (const file of files) {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const started = performance.now();
  const runner = createRunner(loaded.scenario);
  const all: number[] = [];
  const collapsed: number[] = [];
  const holding: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = runner.run(runSeed(seed, i));
    const x = r.summary.finalLeverage;
    all.push(x);
    (r.summary.collapsed ? collapsed : holding).push(x);
  }
  const secs = (performance.now() - started) / 1000;
  console.log(`| ${file.replace(/^scenarios\//, '')} | ${runs} | ${meanCi(all)} | ${meanCi(collapsed)} | ${meanCi(holding)} | ${collapsed.length} | ${secs.toFixed(1)} |`);
}
