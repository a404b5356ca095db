import type { CompiledScenario } from '../../compile.ts';
import { EVENT_INDEX as E } from '../../metrics.ts';
import type { RunState } from '../../state.ts';
import { computePressure, memberOwnShare, type Pressure } from '../../world/pressure.ts';
import { collapse } from '../../world/collapse.ts';

/**
 * A member's own politics and measures, which its policy decides on: sanctions
 * fatigue wears its resolve down before it decides; easing takes its measures off
 * (and its vote, unless it keeps it, as a permanent Council member does).
 */

/** Sanctions fatigue: each member still enforcing loses a share of its resolve this period. */
export function wearResolve(c: CompiledScenario, s: RunState): void {
  for (let m = 0; m < c.nMembers; m++) {
    if (!s.aligned[m] || s.exitedAt[m] >= 0) continue;
    if (c.memberResolveErosion[m] > 0) s.resolve[m] *= 1 - c.memberResolveErosion[m];
  }
}

/** Members that keep their measures and have not left: the ones asked whether to ease. */
export function memberDecides(s: RunState, m: number): boolean {
  return s.aligned[m] === 1 && s.exitedAt[m] < 0;
}

/**
 * Its own cost this period of the sanctions in force: cost x share in force x price
 * shocks; when members' measures differ (compiled.memberScoped), the share of its own
 * measures in force, since a member pays for what it enforces itself.
 */
export function memberCostNow(c: CompiledScenario, s: RunState, m: number, pr: Pressure): number {
  const share = c.memberScoped ? memberOwnShare(c, s, m, s.period) : pr.inForce;
  return c.memberCost[m] * share * s.commodityMult;
}

/** Applies the members' decisions to ease (s.easing), then checks whether the coalition still holds. */
export function applyEasing(c: CompiledScenario, s: RunState, t: number, pr: Pressure): void {
  let eased = false;
  for (let m = 0; m < c.nMembers; m++) {
    if (!s.easing[m]) continue;
    s.easing[m] = 0;
    s.aligned[m] = 0;
    if (!c.memberVotesAfterEasing[m]) s.voting[m] = 0;
    eased = true;
    s.emit(t, E.defection, 'defection', c.memberIds[m]);
  }
  if (eased) computePressure(c, s, t, pr);
  if (!s.collapsed && pr.cohesion < c.collapseCohesion) collapse(c, s, t, 'cohesion');
}
