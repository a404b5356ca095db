import type { Scenario, TargetTypeName } from '../scenario/schema.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';
import { compileScenario } from '../engine/compile.ts';
import { SLOT } from '../engine/core.ts';
import { SUMMARY_METRICS, type SummaryMetric } from '../engine/metrics.ts';
import type { Policy, PolicyDefinition } from '../engine/policy.ts';
import { runSeed } from '../engine/rng.ts';
import { createRunner, scenarioPolicies } from '../engine/simulate.ts';
import { moments, Z95 } from '../stats/index.ts';
import { AuditInputError } from '../audit/errors.ts';
import { defaultSanctioners, defaultTargets, freshEachRun } from './entrants.ts';

/**
 * A round-robin tournament of sanctioner policies against target policies (Axelrod's
 * layers: a match is one (sanctioner, target) pair over `runs` seeded runs; the result
 * set holds every match; rankings and charts read only the result set).
 *
 * Every match plays run i on the seed runSeed(masterSeed, i), so all matches share
 * their random numbers: the same target types, resolves, shocks and inspection draws
 * (common random numbers), and differences between sanctioners are paired. The
 * coalition decides re-imposition itself only under a discretionary trigger, so the
 * tournament sets `design.consequences.trigger: discretionary` (the design's other
 * consequences stay); `noise` overrides the false-alarm probability.
 */
export interface TournamentOptions {
  runs?: number;
  masterSeed?: number;
  sanctioners?: readonly PolicyDefinition<'coalition'>[];
  targets?: readonly PolicyDefinition<'target'>[];
  /** The verifier's false-alarm probability per inspection, instead of the design's. */
  noise?: number;
  outcomes?: readonly SummaryMetric[];
}

export const DEFAULT_OUTCOMES: readonly SummaryMetric[] = ['finalCompliance', 'falseReimpositions', 'finalLeverage', 'meanNeedMet', 'collapsed', 'targetUtility'];
export const MAX_TOURNAMENT_RUNS = 100_000;

export interface Estimate {
  mean: number;
  ci95: [number, number];
  n: number;
}

export interface Match {
  sanctioner: string;
  target: string;
  /** Per outcome, the mean over runs with its 95% CI. */
  outcomes: Record<string, Estimate>;
  /** Per outcome and drawn target type. */
  byType: Record<string, Partial<Record<TargetTypeName, Estimate>>>;
}

export interface RankedEntry {
  sanctioner: string;
  rank: number;
  /** The mean over target policies of the match means (each run's values averaged over the round robin first, so the CI is over runs). */
  mean: number;
  ci95: [number, number];
}

export interface Ranking {
  outcome: string;
  better: 'higher' | 'lower' | null;
  entries: RankedEntry[];
}

export interface TournamentResult {
  scenario: string;
  runs: number;
  masterSeed: number;
  noise: number;
  sanctioners: string[];
  targets: string[];
  outcomes: string[];
  matches: Match[];
  rankings: Ranking[];
}

/**
 * Plays the tournament.
 *
 * @throws AuditInputError naming the field: runs not a whole number in [1, 100000], a
 *   seed below 0, noise outside [0, 1], an empty list of policies or outcomes, an
 *   unknown outcome
 * @example playTournament(baseline, { runs: 200 }).rankings[0].entries[0].sanctioner
 */
export function playTournament(scenario: Scenario, options: TournamentOptions = {}): TournamentResult {
  const runs = options.runs ?? 200;
  const masterSeed = options.masterSeed ?? 1;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_TOURNAMENT_RUNS) throw new AuditInputError('runs', `${runs} is not a whole number in [1, ${MAX_TOURNAMENT_RUNS}]`);
  if (!Number.isSafeInteger(masterSeed) || masterSeed < 0) throw new AuditInputError('seed', `${masterSeed} is not a whole number >= 0`);
  const noise = options.noise ?? scenario.design.verification.falseAlarmProbability;
  if (!(noise >= 0 && noise <= 1)) throw new AuditInputError('noise', `${noise} is not a probability in [0, 1]`);
  const sanctioners = options.sanctioners ?? defaultSanctioners();
  const targets = options.targets ?? defaultTargets();
  const outcomes = options.outcomes ?? DEFAULT_OUTCOMES;
  if (sanctioners.length === 0) throw new AuditInputError('sanctioners', 'is empty; name at least one coalition policy');
  if (targets.length === 0) throw new AuditInputError('targets', 'is empty; name at least one target policy');
  if (outcomes.length === 0) throw new AuditInputError('outcomes', 'is empty; name at least one outcome');
  outcomes.forEach((o, i) => {
    if (!(o in SUMMARY_METRICS)) throw new AuditInputError(`outcomes[${i}]`, `unknown outcome ${JSON.stringify(o)} (known: ${Object.keys(SUMMARY_METRICS).join(', ')})`);
  });

  const s = structuredClone(scenario);
  s.design.consequences.trigger = 'discretionary';
  s.design.verification.falseAlarmProbability = noise;
  const c = compileScenario(s);
  const base = scenarioPolicies(c);
  // values[sanctioner][outcome][target * runs + i]
  const values = sanctioners.map(() => outcomes.map(() => new Float64Array(targets.length * runs)));
  const types = new Uint8Array(runs);
  const matches: Match[] = [];
  sanctioners.forEach((sd, si) => {
    targets.forEach((td, ti) => {
      const coalition = freshEachRun(sd, c);
      const target = freshEachRun(td, c);
      const policies: Policy[] = [...base];
      policies[SLOT.coalition] = coalition.policy as Policy;
      policies[SLOT.target] = target.policy as Policy;
      const runner = createRunner(s, policies);
      for (let i = 0; i < runs; i++) {
        coalition.reset();
        target.reset();
        const r = runner.run(runSeed(masterSeed, i));
        types[i] = TARGET_TYPES.indexOf(r.targetType);
        outcomes.forEach((o, oi) => (values[si][oi][ti * runs + i] = r.summary[o]));
      }
      const of = (oi: number, keep: (i: number) => boolean) => estimate(values[si][oi].subarray(ti * runs, (ti + 1) * runs).filter((_, i) => keep(i)));
      matches.push({
        sanctioner: sd.name,
        target: td.name,
        outcomes: Object.fromEntries(outcomes.map((o, oi) => [o, of(oi, () => true)])),
        byType: Object.fromEntries(
          outcomes.map((o, oi) => [o, Object.fromEntries(TARGET_TYPES.flatMap((t, k) => (types.some((x) => x === k) ? [[t, of(oi, (i) => types[i] === k)]] : [])))]),
        ),
      });
    });
  });
  const rankings: Ranking[] = outcomes.map((o, oi) => {
    const better = SUMMARY_METRICS[o].better as 'higher' | 'lower' | null;
    const entries = sanctioners.map((sd, si) => {
      // Each run's value averaged over the target policies it met: one number per seed.
      const perRun = Float64Array.from({ length: runs }, (_, i) => {
        let sum = 0;
        for (let ti = 0; ti < targets.length; ti++) sum += values[si][oi][ti * runs + i];
        return sum / targets.length;
      });
      const e = estimate(perRun);
      return { sanctioner: sd.name, rank: 0, mean: e.mean, ci95: e.ci95 };
    });
    const order = [...entries].sort((a, b) => (better === 'lower' ? a.mean - b.mean : b.mean - a.mean) || a.sanctioner.localeCompare(b.sanctioner));
    // Equal means share a rank.
    order.forEach((e, i) => (e.rank = i > 0 && order[i - 1].mean === e.mean ? order[i - 1].rank : i + 1));
    return { outcome: o, better, entries: order };
  });
  return { scenario: scenario.metadata.name, runs, masterSeed, noise, sanctioners: sanctioners.map((d) => d.name), targets: targets.map((d) => d.name), outcomes: [...outcomes], matches, rankings };
}

function estimate(x: ArrayLike<number>): Estimate {
  const m = moments(x);
  const half = Number.isFinite(m.se) ? Z95 * m.se : NaN;
  return { mean: m.mean, ci95: [m.mean - half, m.mean + half], n: m.n };
}
