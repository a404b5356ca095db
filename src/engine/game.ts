import type { Scenario } from '../scenario/schema.ts';
import { compileScenario } from './compile.ts';
import { Engine, SLOT, type PlanSource } from './core.ts';
import { copyResult, electedPolicies, scenarioPolicies, type RunResult } from './simulate.ts';
import { summarize } from './reporters.ts';
import { TARGET_TYPES } from '../scenario/schema.ts';
import type { SummaryMetric } from './metrics.ts';
import type { AnyAction, DecisionPoint, LegalActions, Role } from './roles.ts';
import type { Policy } from './policy.ts';

/**
 * The relief game in the shape of OpenSpiel's state API: every party decides.
 *
 * ```ts
 * const game = createGame(scenario, '1/0');
 * while (!game.isTerminal()) {
 *   for (const role of game.pendingRoles()) game.apply(role, myPolicy(game.observe(role), game.legalActions(role)));
 *   game.advance();
 * }
 * game.returns(); // { target: 41.2, coalition: 18.9, ... }
 * ```
 *
 * A game is a pure function of (scenario, seed, the actions applied): chance is drawn
 * from addressed substreams, so `snapshot()` is the seed and the action log, and
 * `restoreGame` replays it to exactly the same state (a classroom server rebuilds its
 * games this way after a restart).
 */
export interface Game {
  readonly roles: readonly Role[];
  readonly period: number;
  /** The decision point the game waits at (null once it is over). */
  readonly point: DecisionPoint | null;
  /** Roles that must act before `advance()`, and have not yet. */
  pendingRoles(): Role[];
  /** What the role can know now, as a plain copy (docs/architecture.md lists each role's fields). */
  observe(role: Role): Record<string, unknown>;
  legalActions(role: Role): LegalActions;
  /** Records an action; an illegal one throws IllegalActionError naming the role, the action and why, and changes nothing. */
  apply(role: Role, action: AnyAction): void;
  /**
   * Lets a policy play the role now: it decides from the role's live observation
   * (with its chance stream) and the action is applied and logged like any other.
   * A classroom fills empty roles this way.
   */
  applyPolicy(role: Role, policy: Policy): AnyAction;
  /**
   * The policy the scenario gives the role now (its `policies:` entry or the default;
   * for a member whose election brought a new government, that government's policy):
   * what fills a role no one plays.
   */
  scenarioPolicy(role: Role): Policy;
  /** Once every pending role has acted: resolve this decision point and run on to the next (possibly in the next period). */
  advance(): void;
  isTerminal(): boolean;
  /** Each party's return so far (docs/model.md, "Returns"). */
  returns(): Record<string, number>;
  snapshot(): GameSnapshot;
  /** The run so far as a RunResult (series up to the current period); complete once terminal. */
  result(): RunResult;
}

export interface GameSnapshot {
  format: 'relief-lab-game/1';
  seed: string;
  /** Every apply and advance, in order. */
  log: GameLogEntry[];
}

export type GameLogEntry = { role: Role; action: AnyAction } | { advance: true };

export interface GameOptions {
  recordEvents?: boolean;
  /** The target's plans from a cache across games and runners (deterrence/plan-cache.ts) instead of solving them here. */
  plans?: PlanSource;
}

export function createGame(scenario: Scenario, seed: string | number, options: GameOptions = {}): Game {
  const engine = new Engine(compileScenario(scenario));
  if (options.plans) engine.usePlans(options.plans);
  const seedText = String(seed);
  engine.start(seedText, options.recordEvents ?? true);
  const log: GameLogEntry[] = [];
  const s = engine.s;
  let own: { base: Policy[]; elected: (Policy | null)[] } | undefined;

  const slot = (role: Role): number => {
    const i = engine.slotOf.get(role);
    if (i === undefined) throw new Error(`unknown role "${role}" (roles: ${engine.roles.join(', ')})`);
    return i;
  };

  const game: Game = {
    roles: engine.roles,
    get period() {
      return s.period;
    },
    get point() {
      return s.point;
    },
    pendingRoles: () => engine.roles.filter((_, i) => engine.pending[i] && !engine.acted[i]),
    observe: (role) => plainCopy(engine.observeSlot(slot(role))),
    legalActions: (role) => engine.legalActionsSlot(slot(role)),
    apply: (role, action) => {
      const i = slot(role);
      engine.applySlot(i, action);
      log.push({ role, action: structuredClone(action) });
    },
    scenarioPolicy: (role) => {
      const i = slot(role);
      own ??= { base: scenarioPolicies(engine.c), elected: electedPolicies(engine.c) };
      const g = i >= SLOT.member0 ? s.memberGovernment[i - SLOT.member0] : -1;
      return g >= 0 ? own.elected[g]! : own.base[i];
    },
    applyPolicy: (role, policy) => {
      const i = slot(role);
      const action = structuredClone((policy as Policy<never>).decide(engine.observeSlot(i) as never) as AnyAction);
      game.apply(role, action);
      return action;
    },
    advance: () => {
      engine.advance();
      log.push({ advance: true });
    },
    isTerminal: () => s.terminal,
    returns: () => engine.returns(),
    snapshot: () => ({ format: 'relief-lab-game/1', seed: seedText, log: structuredClone(log) }),
    result: () => {
      engine.recordSeries();
      const summary = {} as Record<SummaryMetric, number>;
      const last = Math.max(0, (s.terminal ? engine.c.horizon : s.period) - 1);
      summarize({ state: s, series: s.series, horizon: engine.c.horizon, last, initialCompliance: engine.compliance0 }, summary);
      return copyResult({
        seed: seedText,
        targetType: TARGET_TYPES[s.initialType],
        horizonPeriods: engine.c.horizon,
        series: s.series,
        eventCounts: s.eventCounts,
        events: s.events,
        summary,
        trancheReleasePeriods: Array.from(s.trReleasedAt),
        memberResolves: [],
        shockPeriods: Array.from(s.shockPeriod),
      });
    },
  };
  return game;
}

/** Rebuilds a game from its snapshot by replaying the log on the same scenario. */
export function restoreGame(scenario: Scenario, snapshot: GameSnapshot, options: GameOptions = {}): Game {
  if (snapshot?.format !== 'relief-lab-game/1' || typeof snapshot.seed !== 'string' || !Array.isArray(snapshot.log)) {
    throw new Error('not a relief-lab-game/1 snapshot (needs format, seed and log)');
  }
  const game = createGame(scenario, snapshot.seed, options);
  snapshot.log.forEach((entry, i) => {
    try {
      if ('advance' in entry) game.advance();
      else game.apply(entry.role, entry.action);
    } catch (e) {
      throw new Error(`snapshot log entry ${i} does not replay: ${(e as Error).message}`);
    }
  });
  return game;
}

/** A JSON-safe copy of an observation (typed arrays as plain arrays, no functions). */
function plainCopy(o: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'function') continue;
    out[k] = ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : Array.isArray(v) ? [...v] : v;
  }
  return out;
}

