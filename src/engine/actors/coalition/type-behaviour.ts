import type { CompiledScenario } from '../../compile.ts';
import { quantalComplyProbability } from '../../deterrence/margin.ts';
import type { TargetPlan } from '../../deterrence/plan.ts';
import { fillValueGaps, newDeterrenceScratch, planFor, scheduledView, type DeterrenceScratch, type DeterrenceView } from '../../deterrence/stakes.ts';
import type { PeriodBehaviour } from './violation-chain.ts';

/**
 * Where the coalition's model of each type's behaviour comes from (the violation
 * chain's start, gaming and restore rates, violation-chain.ts), period by period.
 *
 * - `plan` (the default, `coalition.assumedBehaviour.source`): what the type's own
 *   decision rule does on the design's compliant path. For each type and period the
 *   type's exact plan (deterrence/plan.ts) gives V_comply - V_cheat on every benchmark,
 *   once with the design's access and once with access denied (a blackout the
 *   coalition sees: its inspectors are turned away). The scenario's target policy turns
 *   gaps into a chance of cheating on each benchmark: best-response cheats iff the gap
 *   is negative, quantal with 1 - 1 / (1 + e^(-beta gap)). A violation starts when the
 *   type cheats on any benchmark; one that shows ends when it complies everywhere; one
 *   behind gamed statistics ends when it complies and has paid back the periods a cheat
 *   costs (the plan's owedPerCheat), taken as a geometric wait of that mean. A deterred
 *   type's plan never cheats, so its chain never leaves CLEAN. For a target policy the
 *   plan does not describe (scripted, external), the stated rates below.
 * - `stated`: `coalition.assumedBehaviour.<type>.startPerPeriod` and
 *   `.restorePerPeriod`, constant over time; the start rate defaults to
 *   `coalition.assumedViolationRate.<type>` and the restore rate to 1 - start, which
 *   makes the violation state an independent draw each period: the fixed per-report
 *   rate of earlier versions, exactly.
 *
 * Gaming is the type's `gamingPropensity` either way: the coalition knows the type
 * definitions as it knows the prior. The plan tables are a pure function of the design,
 * built on first use (once per runner) from plans shared with the target's scratch.
 */
export class TypeBehaviour {
  private readonly c: CompiledScenario;
  private readonly fromPlan: boolean;
  private readonly quantal: boolean;
  private readonly beta: number;
  private scratch: DeterrenceScratch | null = null;
  /** table[((i * 2 + denied) * H + t) * 3 + (0 start, 1 restoreHidden, 2 restoreShown)]. */
  private table: Float64Array | null = null;

  constructor(c: CompiledScenario) {
    this.c = c;
    const ref = c.scenario.policies.target;
    const policy = ref?.name ?? c.scenario.target.decisionMode;
    this.fromPlan = c.beliefFromPlan && (policy === 'best-response' || policy === 'quantal');
    const beta = ref?.params?.rationality;
    this.beta = typeof beta === 'number' ? beta : c.rationality;
    this.quantal = policy === 'quantal';
  }

  /** Solve plans into `plans` (the target's scratch), so each type's plan is solved once per runner. */
  usePlans(plans: (TargetPlan | null)[]): void {
    this.scratch ??= newDeterrenceScratch(this.c);
    this.scratch.plans = plans;
  }

  /** Type i's behaviour in period t (access denied or not), into `out`. */
  at(i: number, t: number, denied: boolean, out: PeriodBehaviour): PeriodBehaviour {
    const c = this.c;
    out.gaming = c.types[i].gamingPropensity;
    if (!this.fromPlan) {
      out.start = c.assumedStart[i];
      out.restoreHidden = c.assumedRestore[i];
      out.restoreShown = c.assumedRestore[i];
      return out;
    }
    const tab = (this.table ??= this.buildTable());
    const H = c.horizon;
    const k = ((i * 2 + (denied ? 1 : 0)) * H + Math.min(Math.max(0, t), H - 1)) * 3;
    out.start = tab[k];
    out.restoreHidden = tab[k + 1];
    out.restoreShown = tab[k + 2];
    return out;
  }

  private buildTable(): Float64Array {
    const c = this.c;
    const H = c.horizon;
    const B = c.nBenchmarks;
    const x = (this.scratch ??= newDeterrenceScratch(c));
    const gaps = new Float64Array(B);
    const tab = new Float64Array(c.types.length * 2 * H * 3);
    for (let i = 0; i < c.types.length; i++) {
      // A type the prior rules out keeps posterior 0 whatever its chain does: no plan to solve.
      if (c.typePrior[i] === 0) {
        for (let k = i * 2 * H * 3; k < (i + 1) * 2 * H * 3; k += 3) tab.set([c.assumedStart[i], c.assumedRestore[i], c.assumedRestore[i]], k);
        continue;
      }
      const view = compliantView(c, i);
      const plan = planFor(c, view.v, x);
      for (let t = 0; t < H; t++) {
        view.at(plan, t);
        for (let denied = 0; denied < 2; denied++) {
          view.v.accessMult = denied ? 0 : 1;
          fillValueGaps(c, view.v, x, gaps);
          let complyAll = 1;
          for (let b = 0; b < B; b++) complyAll *= 1 - this.cheatProbability(gaps[b]);
          const k = ((i * 2 + denied) * H + t) * 3;
          tab[k] = 1 - complyAll;
          tab[k + 1] = complyAll / plan.owedPerCheat;
          tab[k + 2] = complyAll;
        }
      }
    }
    return tab;
  }

  private cheatProbability(gap: number): number {
    if (!this.quantal) return gap < 0 ? 1 : 0;
    return 1 - quantalComplyProbability(this.beta, gap);
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A view of the design's compliant path for type i, moved to period t by `at`: levels as
 * the schedule has them before the type's move at t, what was released by t in force
 * from its relief date, nothing hidden, a united coalition at its prior.
 */
function compliantView(c: CompiledScenario, i: number): { v: Mutable<DeterrenceView>; at: (plan: TargetPlan, t: number) => void } {
  const B = c.nBenchmarks;
  const T = c.nTranches;
  const v = scheduledView(c, i, 0) as Mutable<DeterrenceView>;
  const level = Float64Array.from(c.benchInitial);
  const trState = new Uint8Array(T);
  const effective = new Int32Array(T);
  v.level = level;
  v.claimed = level;
  v.restoreTarget = level;
  v.trState = trState;
  v.trEffectiveFrom = effective;
  const IN_FORCE = 1; // state.ts TRANCHE.inForce (not imported: state.ts builds this module's owner)
  return {
    v,
    at(plan, t) {
      v.period = t;
      const sched = plan.schedule;
      for (let b = 0; b < B; b++) level[b] = t === 0 ? c.benchInitial[b] : sched.levelAfter[(t - 1) * B + b];
      for (let k = 0; k < T; k++) {
        const released = sched.releasedAt[k] <= t;
        trState[k] = released ? IN_FORCE : 0;
        effective[k] = released ? sched.reliefFrom[k] : 0;
      }
    },
  };
}
