import type { CompiledScenario } from '../engine/compile.ts';
import { EVENT_INDEX } from '../engine/metrics.ts';
import type { RunResult } from '../engine/simulate.ts';

/**
 * Each party's return of a finished run, from its RunResult: the same numbers
 * `game.returns()` gives at the end of the same run (docs/model.md, "Returns"), so a
 * batch of plain runs (ten times faster than games) can stand for games played by the
 * scenario's policies. test/classroom/returns.test.ts holds the two equal.
 *
 * @example runReturns(runner.compiled, runner.run('1/0')).coalition // discounted true compliance
 */
export function runReturns(c: CompiledScenario, r: RunResult): Record<string, number> {
  const H = c.horizon;
  const s = r.series;
  let compliance = 0;
  let needMet = 0;
  let falseAlarms = 0;
  for (let t = 0; t < H; t++) {
    compliance += c.discountPow[t] * s.trueCompliance[t];
    needMet += s.needMet[t];
    falseAlarms += r.eventCounts[EVENT_INDEX.falseAlarm * H + t];
  }
  const out: Record<string, number> = {
    target: r.summary.targetUtility,
    coalition: compliance,
    verifier: -r.summary.undetectedViolationPeriods - falseAlarms,
    aid: needMet / H,
  };
  for (let m = 0; m < c.nMembers; m++) {
    let cost = 0;
    for (let t = 0; t < H; t++) cost += c.discountPow[t] * c.memberCost[m] * s.sanctionsInForce[t];
    out[`member:${c.memberIds[m]}`] = -cost;
  }
  return out;
}
