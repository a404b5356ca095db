import { implementationRate, type CompiledScenario } from '../../compile.ts';
import { EVENT_INDEX as E } from '../../metrics.ts';
import type { RunState } from '../../state.ts';
import { collapse } from '../../world/collapse.ts';

/**
 * What the target's decision does to the world: on each benchmark, complying
 * advances (or holds, or restores what an exposed violation took) at the benchmark's
 * implementation rate (its own, else the type's); cheating backslides covertly, with statistics either reported
 * honestly (the drop shows) or gamed (the claim stays); defiance ends the deal.
 * The decision itself (s.move, s.gamed, s.defying) is the target policy's.
 */
export function applyTarget(c: CompiledScenario, s: RunState, t: number): void {
  const B = c.nBenchmarks;
  s.compliedAll = true;
  if (s.collapsed) {
    // No deal left: nothing is maintained; levels decay openly.
    for (let b = 0; b < B; b++) {
      s.cheating[b] = 0;
      s.level[b] = Math.max(0, s.level[b] - s.type.backslideRatePerPeriod);
      s.claimed[b] = s.level[b];
    }
    s.compliedAll = false;
    return;
  }
  if (s.defying) {
    s.defying = false;
    s.emit(t, E.defiance, 'defiance', '');
    for (let b = 0; b < B; b++) s.cheating[b] = 0;
    s.compliedAll = false;
    s.defied = true;
    collapse(c, s, t, 'defiance');
    return;
  }
  for (let b = 0; b < B; b++) {
    const held = c.openShortfalls.length > 0 ? heldLevel(c, s, b, t) : -1;
    if (held >= 0) holdShort(c, s, b, t, held);
    else if (s.move[b] === 0) comply(c, s, b, t);
    else cheat(c, s, t, b, s.gamed[b] === 1);
    // The release clock stands still during a dispute, and while a violation keeps the
    // certified level short (it shows, or a gamed claim is still below what is required).
    const outstanding = s.cheating[b] || s.hidden[b] || s.level[b] < s.restoreTarget[b] - 1e-9;
    const short = s.claimed[b] < c.benchRequired[b] - 1e-9 || s.claimed[b] <= s.level[b] + 1e-12;
    if (s.disputeOpen || (outstanding && short)) s.stall[b] = Math.min(s.stall[b] + 1, 1 << 20);
  }
}

function comply(c: CompiledScenario, s: RunState, b: number, t: number): void {
  s.cheating[b] = 0;
  const goal = Math.max(c.benchRequired[b], s.restoreTarget[b]);
  if (s.level[b] < goal && t >= c.benchStart[b]) s.level[b] = Math.min(goal, s.level[b] + implementationRate(c, s.type, b));
  if (s.level[b] >= s.claimed[b] - 1e-12) {
    s.claimed[b] = s.level[b];
    s.hidden[b] = 0;
  }
  s.restoreTarget[b] = Math.max(s.restoreTarget[b], Math.min(s.level[b], c.benchRequired[b]));
}

/**
 * The level an open shortfall holds benchmark b at in period t (the lowest, if several
 * name it), or -1 when none is in force. A shortfall that follows a shock starts
 * followDelayPeriods after the shock fired in this run, and never if it did not.
 */
export function heldLevel(c: CompiledScenario, s: RunState, b: number, t: number): number {
  let held = -1;
  for (const o of c.openShortfalls) {
    if (!o.bench[b]) continue;
    const from = o.atPeriod >= 0 ? o.atPeriod : s.shockPeriod[o.followsShock] >= 0 ? s.shockPeriod[o.followsShock] + o.followDelayPeriods : -1;
    if (from < 0 || t < from || (o.durationPeriods > 0 && t >= from + o.durationPeriods)) continue;
    held = held < 0 ? o.heldLevel : Math.min(held, o.heldLevel);
  }
  return held;
}

/**
 * Open, partial non-performance: whatever the target's policy chose on b, the level steps
 * down to `held` at the backslide rate (or works up to it, never beyond), and the target
 * declares it (the claim is the level). Below what it had performed it is a violation
 * reported honestly, seen at every inspection with access, until the level is restored.
 */
function holdShort(c: CompiledScenario, s: RunState, b: number, t: number, held: number): void {
  const goal = Math.min(held, Math.max(c.benchRequired[b], s.restoreTarget[b]));
  if (s.level[b] > held + 1e-12) s.level[b] = Math.max(held, s.level[b] - s.type.backslideRatePerPeriod);
  else if (s.level[b] < goal - 1e-12 && t >= c.benchStart[b]) s.level[b] = Math.min(goal, s.level[b] + implementationRate(c, s.type, b));
  s.claimed[b] = s.level[b];
  if (s.level[b] < s.restoreTarget[b] - 1e-9) {
    s.cheating[b] = 1;
    s.hidden[b] = 1;
    s.compliedAll = false;
    s.emit(t, E.violation, 'violation', c.benchmarkIds[b]);
  } else {
    s.cheating[b] = 0;
    s.hidden[b] = 0;
    s.restoreTarget[b] = Math.max(s.restoreTarget[b], Math.min(s.level[b], c.benchRequired[b]));
  }
}

function cheat(c: CompiledScenario, s: RunState, t: number, b: number, gamed: boolean): void {
  s.cheating[b] = 1;
  s.compliedAll = false;
  s.level[b] = Math.max(0, s.level[b] - s.type.backslideRatePerPeriod);
  // Gamed statistics keep the claim; an honest report shows the drop.
  if (!gamed) s.claimed[b] = s.level[b];
  s.hidden[b] = 1;
  s.emit(t, E.violation, 'violation', c.benchmarkIds[b]);
}
