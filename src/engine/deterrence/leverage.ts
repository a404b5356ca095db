import type { CompiledScenario } from '../compile.ts';
import { planFor, planStateOf, readPlanScales, type DeterrenceScratch, type DeterrenceView } from './stakes.ts';

/**
 * Leverage in the target's own utility: what the sanctioning side can still make
 * conditional on compliance, measured as the relief the target stands to lose by its
 * choice (docs/model.md section 4 has the definition and why).
 *
 * At the target's decision in period t, for its true type, the plan (plan.ts `sustained`)
 * gives for each decision unit u (each benchmark, and all of them at once) the values of
 * the compliant path (comply now and in every later period) and of the sustained breach
 * (cheat on u now and in every later period), with their relief parts P_u and D_u: the
 * discounted relief each keeps, through every way the design takes relief away or
 * withholds it (detection now or later while the violation persists, false alarms,
 * disputes, blocks, revocation, collapse, the release clock a violation stalls, licences
 * a flag spoils, escrow), at the trigger's credibility, the cohesion, evasion and prices
 * of now. The breach that binds is the most tempting one,
 * u* = argmax_u [Q_u(breach) - Q_u(path)], and
 *
 *   leverage_t = (P_u* - D_u*) / V_full,
 *   V_full     = (relief value + investment assurance) x commodity multiplier / (1 - delta),
 *
 * the relief its most tempting breach would cost it, as a share of the full package
 * lifted for ever under a united coalition at today's prices. The target complies on u
 * iff the breach's gain is at most this loss (with the non-relief terms: compliance cost,
 * technical assistance, reputation), so leverage is the stick of the incentive
 * constraint that binds, priced the same whatever the target then does. In the grim
 * setting of MODEL.md result 1 it is delta p kappa / (1 - delta + delta p kappa). It lies
 * in [0, 1]: clipped below at 0 (a breach cannot earn relief) and above at the ceiling
 * P_u* / V_full, the relief the deal still gives on the compliant path (what open
 * defiance forfeits). It is 0 once the deal has collapsed.
 */
export interface LeverageReading {
  /** leverage_t, in [0, 1]. */
  share: number;
  /** P_u* / V_full, in [0, 1]: the relief still in the deal for a target that keeps complying. */
  ceiling: number;
  /** The binding unit u*: a benchmark index, or nBenchmarks for all of them at once; -1 once collapsed. */
  unit: number;
}

/**
 * Reads leverage at this moment (the target's decision in `v.period`, before it acts)
 * into `out`, from the plan of the view's type, kept in the scratch `x` (solved on first
 * use, shared with the target's own decisions).
 *
 * @param c the compiled design
 * @param v the run's state (or an audit's view) at the decision
 * @param x deterrence scratch: its plans and plan buffers are reused
 * @param out where the reading goes (returned)
 * @example leverageNow(c, runState, scratch, { share: 0, ceiling: 0, unit: -1 }).share
 */
export function leverageNow(c: CompiledScenario, v: DeterrenceView, x: DeterrenceScratch, out: LeverageReading): LeverageReading {
  out.share = 0;
  out.ceiling = 0;
  out.unit = -1;
  if (v.collapsed) return out;
  const plan = planFor(c, v, x);
  const full = (plan.reliefPerPeriod * v.commodityMult) / (1 - c.discountFactor);
  if (!(full > 0)) return out;
  // Now's credibility, relief and gain scales, read as the target's decision reads them
  // (stakes.ts fillValueGaps); the tables take this period's inspection at its nominal conditions.
  const env = x.planEnv;
  const s = readPlanScales(c, v, x, plan);
  const at = x.planAt;
  let temptation = -Infinity;
  for (let u = 0; u < plan.units; u++) {
    // A settled one-off condition cannot be breached.
    if (u < c.nBenchmarks && v.oneOffMet[u]) continue;
    const st = planStateOf(c, v, plan, u, x.planState);
    st.s = s;
    const q = plan.sustained(u, at, st, env, x.planQ);
    // Ties keep the earlier unit: a single benchmark before all of them at once.
    if (q.cheat - q.comply > temptation) {
      temptation = q.cheat - q.comply;
      const path = q.complyRelief ?? 0;
      out.unit = u;
      out.ceiling = Math.min(1, Math.max(0, path / full));
      out.share = Math.min(out.ceiling, Math.max(0, (path - (q.cheatRelief ?? 0)) / full));
    }
  }
  return out;
}

