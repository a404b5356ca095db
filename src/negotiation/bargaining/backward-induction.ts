import { bestOfferMeeting, idealPositions, utilityAt, type CompiledUtility } from './issues.ts';
import { opponentOf, type Party } from './protocol.ts';

/** The game a subgame-perfect plan is computed for: both utilities known (or assumed). */
export interface PlanGame {
  deadlineRounds: number;
  breakdownProbability: number;
  firstProposer: Party;
  discount: Record<Party, number>;
  utility: Record<Party, CompiledUtility>;
}

/** The equilibrium move in one round and what each party expects from that round on (in that round's units). */
export interface RoundPlan {
  proposer: Party;
  /** agree: offer `positions`, which the responder accepts; walk: the proposer walks away; delay: it offers its ideal, rejected. */
  action: 'agree' | 'walk' | 'delay';
  positions: number[];
  value: Record<Party, number>;
  /** What rejecting (or walking away) is worth to each party in this round: the responder accepts an offer worth at least this. */
  fallback: Record<Party, number>;
}

/**
 * The subgame-perfect plan of the finite-horizon protocol by backward induction, from the
 * deadline back to round 0. In round t the responder r accepts iff the offer gives it at
 * least W_r = max(reservation_r, d_r [(1 - q) V_r(t+1) + q reservation_r]) (in the last
 * round, max(reservation_r, d_r reservation_r)); the proposer offers the best positions
 * for itself that meet W_r (exact: a fractional knapsack), unless walking away or
 * delaying is worth more to it. With reservations 0 and one issue split between the two,
 * the round-0 share tends to Rubinstein's (1 - e2) / (1 - e1 e2), e_i = d_i (1 - q),
 * with an error of order (e1 e2)^(T/2).
 * Cost: O(T k log k) for T rounds and k issues.
 */
export function subgamePerfectPlan(game: PlanGame): RoundPlan[] {
  const T = game.deadlineRounds;
  const q = game.breakdownProbability;
  const plans: RoundPlan[] = new Array(T);
  let next: Record<Party, number> | null = null;
  for (let t = T - 1; t >= 0; t--) {
    const p: Party = t % 2 === 0 ? game.firstProposer : opponentOf(game.firstProposer);
    const r = opponentOf(p);
    const res = { coalition: game.utility.coalition.reservation, target: game.utility.target.reservation };
    const wait = (i: Party) => game.discount[i] * (next === null ? res[i] : (1 - q) * next[i] + q * res[i]);
    const fallback = { coalition: Math.max(res.coalition, wait('coalition')), target: Math.max(res.target, wait('target')) } as Record<Party, number>;
    // If its offer is refused, the responder rejects (waits) or walks, whichever it prefers.
    const refused: Record<Party, number> = wait(r) >= res[r] ? { [p]: wait(p), [r]: wait(r) } as Record<Party, number> : { ...res };
    const walk = { ...res };
    const positions = bestOfferMeeting(game.utility[p], game.utility[r], fallback[r]);
    const agreed = positions ? ({ [p]: utilityAt(game.utility[p], positions), [r]: utilityAt(game.utility[r], positions) } as Record<Party, number>) : null;
    const best = Math.max(agreed ? agreed[p] : -Infinity, walk[p], refused[p]);
    // Ties go to agreement, then to walking away (ending sooner).
    let plan: RoundPlan;
    if (agreed && agreed[p] >= best) plan = { proposer: p, action: 'agree', positions: positions!, value: agreed, fallback };
    else if (walk[p] >= best) plan = { proposer: p, action: 'walk', positions: idealPositions(game.utility[p], game.utility[r]), value: walk, fallback };
    else plan = { proposer: p, action: 'delay', positions: idealPositions(game.utility[p], game.utility[r]), value: refused, fallback };
    plans[t] = plan;
    next = plan.value;
  }
  return plans;
}
