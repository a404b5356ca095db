/**
 * What the target's plan costs a lever change (a diagnostic script, not a test). Run:
 *   npx tsx bench/web-plan.ts [scenario.yaml] [runs]
 *
 * A lever change in the web app builds a new design, so the chunk workers solve its
 * plan (src/engine/deterrence/plan.ts) before its runs can start, then read it at every
 * decision. This script times, in this thread and in CPU time (the machine is shared,
 * so wall time says more about the neighbours than about the plan):
 *   - each part of the plan (type x decision unit x credibility grid point): the
 *     stationary tail (policy iteration, Gaussian elimination) and the backward layers;
 *   - how many one-step backups each takes, and what one costs;
 *   - the runs once the plan is solved, and how many of the plan's `q` (two or four
 *     backups each: the decisions' look-ahead) they call.
 * Each part is solved REPEAT times on fresh plans and the least CPU time kept (the
 * first solve also pays for compiling the code).
 * It wraps the plan's private methods with counters (as src/browser/plan-store.ts
 * reaches them); nothing in the engine changes.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { readScenario } from '../src/scenario/index.ts';
import { TARGET_TYPES } from '../src/scenario/schema.ts';
import { compileScenario } from '../src/engine/compile.ts';
import { createRunner } from '../src/engine/simulate.ts';
import { KAPPA_GRID, TargetPlan } from '../src/engine/deterrence/plan.ts';
import { runSeed } from '../src/montecarlo/seeds.ts';

const file = process.argv.slice(2).find((a) => a.endsWith('.yaml')) ?? 'scenarios/baseline.yaml';
const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1000);
const v = readScenario(readFileSync(file, 'utf8'));
if (!v.ok) throw new Error(`${file} is not a valid scenario`);
const scenario = v.scenario;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

type Method = (...args: unknown[]) => unknown;
const proto = TargetPlan.prototype as unknown as Record<string, Method>;
const REPEAT = 3;
const counts = { backup: 0, tailMs: 0, qCalls: 0 };
function wrap(name: string, around: (orig: Method, self: unknown, args: unknown[]) => unknown): void {
  const orig = proto[name];
  if (typeof orig !== 'function') throw new Error(`plan.ts has no ${name} any more: update bench/web-plan.ts`);
  proto[name] = function (this: unknown, ...args: unknown[]) {
    return around(orig, this, args);
  };
}
wrap('backup', (orig, self, args) => {
  counts.backup++;
  return orig.apply(self, args);
});
wrap('solveTail', (orig, self, args) => {
  const t = cpu();
  try {
    return orig.apply(self, args);
  } finally {
    counts.tailMs += cpu() - t;
  }
});

const ms = (x: number) => x.toFixed(1).padStart(7);
console.log(`The target's plan: ${file}, CPU time in this thread; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const c = compileScenario(scenario);
type Plan = Record<string, unknown> & { units: number; layersOf(u: number, gi: number): unknown };
let all = 0;
let allBackups = 0;
let allLayerMs = 0;
for (let ti = 0; ti < c.types.length; ti++) {
  let t = cpu();
  const first = new TargetPlan(c, c.types[ti]) as unknown as Plan;
  const ctor = cpu() - t;
  const d = first.d as { total: number; normal: number; blocked: number; revoked: number };
  const tail = first.tail as { total: number };
  console.log(`\n${TARGET_TYPES[ti] ?? `type ${ti}`}: constructor ${ctor.toFixed(1)} ms; ${first.units} units x ${KAPPA_GRID.length} grid points; a layer has ${d.total} states (normal ${d.normal}, blocked ${d.blocked}, revoked ${d.revoked}), the tail ${tail.total}; backward layers from period ${first.stationaryFrom as number} down to 0`);
  console.log('   unit  kappa    total ms   tail ms  layers ms   backups  us/backup');
  const plans = [first, ...Array.from({ length: REPEAT - 1 }, () => new TargetPlan(c, c.types[ti]) as unknown as Plan)];
  for (let u = 0; u < first.units; u++)
    for (let gi = 0; gi < KAPPA_GRID.length; gi++) {
      let best = { total: Infinity, tail: 0, backups: 0 };
      for (const plan of plans) {
        counts.backup = 0;
        counts.tailMs = 0;
        t = cpu();
        plan.layersOf(u, gi);
        const total = cpu() - t;
        if (total < best.total) best = { total, tail: counts.tailMs, backups: counts.backup };
      }
      all += best.total;
      const layers = best.total - best.tail;
      allBackups += best.backups;
      allLayerMs += layers;
      console.log(`   ${String(u).padStart(4)}  ${KAPPA_GRID[gi].toFixed(1).padStart(5)}  ${ms(best.total)}   ${ms(best.tail)}  ${ms(layers)}  ${String(best.backups).padStart(8)}  ${((layers * 1000) / Math.max(1, best.backups)).toFixed(3).padStart(9)}`);
    }
}
const perBackupUs = (allLayerMs * 1000) / Math.max(1, allBackups);
console.log(`\nthe whole plan: ${all.toFixed(0)} ms CPU, ${allBackups.toLocaleString('en-US')} backups in its layers at ${perBackupUs.toFixed(3)} us each (every part; a design's runs ask for most of them, see src/browser/plan-exchange.ts)`);

// The runs once their plans are solved: how much of them is the plan's q (the decisions' backups).
wrap('q', (orig, self, args) => {
  counts.qCalls++;
  return orig.apply(self, args);
});
const runner = createRunner(scenario);
for (let i = 0; i < 200; i++) runner.run(runSeed(1, i));
counts.qCalls = 0;
counts.backup = 0;
const t = cpu();
for (let i = 0; i < runs; i++) runner.run(runSeed(1, 1000 + i));
const runMs = cpu() - t;
const qBackups = counts.backup;
console.log(
  `${runs} runs on a solved plan: ${runMs.toFixed(0)} ms CPU (${((runMs * 1000) / runs).toFixed(0)} us a run); the plan's q: ${(counts.qCalls / runs).toFixed(0)} calls and ${(qBackups / runs).toFixed(0)} backups a run, about ${((qBackups / runs) * perBackupUs).toFixed(0)} us a run at the layers' cost per backup`,
);
