import { placeInSample, readPlacement, type Placement, type PlacementReading } from '../cases/placement.ts';
import { createGame, type Game } from '../engine/game.ts';
import { IllegalActionError } from '../engine/core.ts';
import type { PeriodMetric, SummaryMetric } from '../engine/metrics.ts';
import { roleKind, type Role } from '../engine/roles.ts';
import { createRunner } from '../engine/simulate.ts';
import type { Scenario, Tranche } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import { quantileSorted } from '../stats/quantile.ts';
import { runReturns } from './returns.ts';
import type { Decision } from './room.ts';

/**
 * The debrief: where the class's path fell among simulated runs of the design it played
 * (the agreed terms and every injected shock, the scenario's policies in every seat, seeds
 * `<seed>/debrief/<i>`), a score for each seat against that seat's objective, and the
 * class's exercise replayed under other designs.
 */

/** The three paths the debrief draws, each with the end-of-run outcome it places. */
export const DEBRIEF_METRICS = [
  { metric: 'trueCompliance', outcome: 'finalCompliance', label: 'Compliance', outcomeLabel: 'final true compliance' },
  { metric: 'leverage', outcome: 'finalLeverage', label: 'Leverage', outcomeLabel: 'leverage kept at the end' },
  { metric: 'needMet', outcome: 'meanNeedMet', label: 'Humanitarian need met', outcomeLabel: 'mean share of need met' },
] as const satisfies readonly { metric: PeriodMetric; outcome: SummaryMetric; label: string; outcomeLabel: string }[];

const OBJECTIVES: Record<string, string> = {
  target: 'its discounted payoff: relief and cheating gains, less compliance costs',
  coalition: 'discounted true compliance',
  member: 'its discounted cost of the sanctions in force (less is better)',
  verifier: 'fewer errors: undetected violation-periods plus false alarms',
  aid: 'the mean share of humanitarian need met',
};

export interface FanBand {
  period: number;
  q05: number;
  q25: number;
  q50: number;
  q75: number;
  q95: number;
}

export interface DebriefPath {
  metric: PeriodMetric;
  label: string;
  fan: FanBand[];
  /** The class's value each period. */
  classPath: number[];
  outcome: { metric: SummaryMetric; label: string; classValue: number; placement: Placement; reading: PlacementReading };
}

export interface RoleScore {
  role: Role;
  objective: string;
  /** Who decided for the seat in the class's rounds. */
  playedBy: 'people' | 'ai';
  classReturn: number;
  /** The seat's return in the simulated runs (the scenario's policy in it). */
  simulatedMedian: number;
  placement: Placement;
}

export interface WhatIf {
  label: string;
  /** Decisions of the class taken over as they were, and those the AI made instead (no longer legal, or absent). */
  reused: number;
  replaced: number;
  outcomes: Record<'finalCompliance' | 'finalLeverage' | 'meanNeedMet', number>;
}

export interface Debrief {
  runs: number;
  horizonPeriods: number;
  /** Periods played by people (the rest by the scenario's policies). */
  roundsByPeople: number;
  targetType: string;
  paths: DebriefPath[];
  scores: RoleScore[];
  whatIfs: WhatIf[];
  classOutcomes: WhatIf['outcomes'];
}

/** An alternative relief design for the replay: a label and the tranches that replace the played ones. */
export interface AlternativeDesign {
  label: string;
  tranches: Tranche[];
}

/**
 * The debrief of a finished exercise.
 * @param played the scenario as played (agreed design, injected shocks)
 * @param game the class's game, terminal
 * @param decisions every decision of the class's game, in order (Room.decisions)
 * @param runs simulated runs behind the fan and the percentiles
 * Cost: `runs` plain runs, plus one game per alternative (2,000 runs of the baseline: about a second).
 * @throws Error if the game is not over.
 */
export function computeDebrief(played: Scenario, seed: string, game: Game, decisions: readonly Decision[], roundsByPeople: number, alternatives: readonly AlternativeDesign[], runs: number): Debrief {
  const b = new DebriefBuilder(played, seed, game, decisions, roundsByPeople, alternatives, runs);
  while (!b.done) b.step(runs);
  return b.finish();
}

/**
 * The same debrief in steps, so a server can compute it between messages: `step(n)`
 * simulates up to n more runs, `finish()` (once `done`) returns what computeDebrief would.
 */
export class DebriefBuilder {
  private readonly runner;
  private readonly H: number;
  private readonly series: Record<string, Float64Array> = {};
  private readonly outcomes: Record<string, Float64Array> = {};
  private readonly returns: Record<string, number[]> = {};
  private next = 0;

  constructor(
    private readonly played: Scenario,
    private readonly seed: string,
    private readonly game: Game,
    private readonly decisions: readonly Decision[],
    private readonly roundsByPeople: number,
    private readonly alternatives: readonly AlternativeDesign[],
    private readonly runs: number,
  ) {
    if (!game.isTerminal()) throw new Error('computeDebrief: the exercise is not over');
    this.runner = createRunner(played);
    this.H = played.horizonPeriods;
    for (const m of DEBRIEF_METRICS) {
      this.series[m.metric] = new Float64Array(runs * this.H);
      this.outcomes[m.outcome] = new Float64Array(runs);
    }
  }

  get done(): boolean {
    return this.next >= this.runs;
  }

  /** Simulates up to `n` more runs. */
  step(n: number): void {
    const { H, runner } = this;
    const end = Math.min(this.runs, this.next + n);
    for (let i = this.next; i < end; i++) {
      const r = runner.run(`${this.seed}/debrief/${i}`);
      for (const m of DEBRIEF_METRICS) {
        this.series[m.metric].set(r.series[m.metric].subarray(0, H), i * H);
        this.outcomes[m.outcome][i] = r.summary[m.outcome];
      }
      for (const [role, v] of Object.entries(runReturns(runner.compiled, r))) (this.returns[role] ??= []).push(v);
    }
    this.next = end;
  }

  finish(): Debrief {
    if (!this.done) throw new Error('DebriefBuilder.finish: runs remain; call step() until done');
    const { H, runs, game, series, outcomes, returns, played, seed, decisions } = this;
    const mine = game.result();
    const paths: DebriefPath[] = DEBRIEF_METRICS.map((m) => {
      const fan: FanBand[] = [];
      const column = new Float64Array(runs);
      for (let t = 0; t < H; t++) {
        for (let i = 0; i < runs; i++) column[i] = series[m.metric][i * H + t];
        column.sort();
        fan.push({ period: t, q05: quantileSorted(column, 0.05), q25: quantileSorted(column, 0.25), q50: quantileSorted(column, 0.5), q75: quantileSorted(column, 0.75), q95: quantileSorted(column, 0.95) });
      }
      const classValue = mine.summary[m.outcome];
      const placement = placeInSample(outcomes[m.outcome], classValue);
      return { metric: m.metric, label: m.label, fan, classPath: Array.from(mine.series[m.metric]), outcome: { metric: m.outcome, label: m.outcomeLabel, classValue, placement, reading: readPlacement(placement) } };
    });
    const classReturns = game.returns();
    const byPeople = new Set(decisions.filter((d) => d.by === 'person').map((d) => d.role));
    const scores: RoleScore[] = game.roles.map((role) => {
      const sample = Float64Array.from(returns[role]).sort();
      return {
        role,
        objective: OBJECTIVES[roleKind(role)],
        playedBy: byPeople.has(role) ? 'people' : 'ai',
        classReturn: classReturns[role],
        simulatedMedian: quantileSorted(sample, 0.5),
        placement: placeInSample(sample, classReturns[role]),
      };
    });
    const whatIfs: WhatIf[] = [
      { label: 'the same design, the AI in every seat', ...replay(played, seed, []) },
      ...this.alternatives.flatMap((alt) => {
        const scenario = withTranches(played, alt.tranches);
        return scenario ? [{ label: alt.label, ...replay(scenario, seed, decisions) }] : [];
      }),
    ];
    return { runs, horizonPeriods: H, roundsByPeople: this.roundsByPeople, targetType: String(mine.targetType), paths, scores, whatIfs, classOutcomes: pick(mine.summary) };
  }
}

function pick(summary: Record<SummaryMetric, number>): WhatIf['outcomes'] {
  return { finalCompliance: summary.finalCompliance, finalLeverage: summary.finalLeverage, meanNeedMet: summary.meanNeedMet };
}

/** The played scenario with other tranches, or null when they do not fit it (another benchmark set, a period past the horizon). */
export function withTranches(played: Scenario, tranches: Tranche[]): Scenario | null {
  const v = validateScenario({ ...structuredClone(played), design: { ...structuredClone(played.design), tranches: structuredClone(tranches) } });
  return v.ok ? v.scenario : null;
}

/**
 * The exercise replayed on `scenario` with the same seed: at each decision point a seat
 * takes the class's own decision there (the people's, not the AI's) when it is still
 * legal, and the scenario's policy otherwise.
 */
export function replay(scenario: Scenario, seed: string, decisions: readonly Decision[]): { reused: number; replaced: number; outcomes: WhatIf['outcomes'] } {
  const byMoment = new Map<string, Decision>();
  for (const d of decisions) if (d.by === 'person') byMoment.set(`${d.period}|${d.point}|${d.role}`, d);
  const game = createGame(scenario, seed, { recordEvents: false });
  let reused = 0;
  let replaced = 0;
  while (!game.isTerminal()) {
    for (const role of game.pendingRoles()) {
      const d = byMoment.get(`${game.period}|${game.point}|${role}`);
      if (d) {
        try {
          game.apply(role, d.action);
          reused++;
          continue;
        } catch (e) {
          if (!(e instanceof IllegalActionError)) throw e;
          replaced++;
        }
      }
      game.applyPolicy(role, game.scenarioPolicy(role));
    }
    game.advance();
  }
  return { reused, replaced, outcomes: pick(game.result().summary) };
}
