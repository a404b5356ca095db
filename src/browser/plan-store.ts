import { createRunner, type Runner } from '../engine/simulate.ts';
import type { CompiledScenario } from '../engine/compile.ts';
import { KAPPA_GRID, TargetPlan } from '../engine/deterrence/plan.ts';
import type { Scenario, TargetType } from '../scenario/schema.ts';

/**
 * The chunk worker's side of plan sharing (plan-exchange.ts has the other side).
 *
 * The target's exact plan (src/engine/deterrence/plan.ts) is solved per design and
 * type, lazily, in parts: one table of values per decision unit u and credibility grid
 * point gi (`layersOf(u, gi)`). Every chunk worker used to solve every part of every
 * batch itself, so two workers solved the same design twice, and a lever change that
 * did not change the design (seed, run count), or a worker started afresh after a
 * cancel, solved it again. Here a worker can solve the parts it is given and hand them
 * out, take parts solved elsewhere, and say which parts its last design used.
 *
 * The plan has no public way in or out of its tables, and the engine builds its plans
 * itself (stakes.ts `planFor`), so this module reaches the tables through the plan's
 * private `layersOf`, `layers`, `c` and `type` (TypeScript-private, plain properties at
 * run time): `installPlanStore` wraps `layersOf` so that a plan first looks in the
 * store of its compiled scenario. A part is a pure function of (design, type, u, gi),
 * so a part taken from the store is bit for bit the one the plan would have solved
 * (test/browser/plan-store.test.ts). If plan.ts stops having those members, the store
 * switches itself off (every plan solves its own parts, as before) and that test fails.
 *
 * Adapter code (src/browser): it patches the engine's class once per worker and keeps
 * a per-worker registry, neither of which the core may do.
 */

/** One value table of the plan (plan.ts `Layer`): a period's values, or the stationary tail. */
export interface PlanLayer {
  /** Per state: total, relief part, gain part (plan.ts `Layer`). */
  v: Float64Array;
  collapsed: number;
}

/** A part's id: `${typeIndex}:${unit}:${gridIndex}`. */
export type PlanPartId = string;

/** A solved part as it crosses threads (structured clone keeps the tail's shared layers shared). */
export interface SolvedPlanPart {
  id: PlanPartId;
  /** layers[t], t = 0..horizon (the tail from the stationary period on, one object repeated). */
  layers: PlanLayer[];
}

/** What the wrapper reads of a plan instance (plan.ts's private members). */
interface PlanInternals {
  c: CompiledScenario;
  type: TargetType;
  layers: (PlanLayer[] | null)[][];
  units: number;
}

type LayersOf = (this: PlanInternals, u: number, gi: number) => PlanLayer[];

/** A design's parts in one worker: solved or taken, and the ones its runs asked for. */
interface Entry {
  parts: Map<PlanPartId, PlanLayer[]>;
  used: Set<PlanPartId>;
  /** Parts the design's runs had to solve themselves (not in the store when asked for). */
  solvedByRuns: number;
  /** Plans of this module's own (one per type, made on first use) to solve parts with. */
  solvers: (PlanInternals | undefined)[];
}

const partId = (typeIndex: number, u: number, gi: number): PlanPartId => `${typeIndex}:${u}:${gi}`;

let original: LayersOf | undefined;
const registry = new WeakMap<CompiledScenario, Entry>();

/**
 * Wraps TargetPlan's lazy solve so a plan of a registered design takes its parts from
 * the design's store (and leaves what it solves there). Idempotent. Returns whether
 * sharing is on (false if plan.ts no longer has the members this module reads).
 */
export function installPlanStore(): boolean {
  if (original) return true;
  const proto = TargetPlan.prototype as unknown as { layersOf?: LayersOf };
  const own = proto.layersOf;
  if (typeof own !== 'function' || own.length !== 2) return false;
  original = own;
  proto.layersOf = function layersOfShared(this: PlanInternals, u: number, gi: number): PlanLayer[] {
    const have = this.layers?.[u]?.[gi];
    if (have) return have;
    const entry = registry.get(this.c);
    const typeIndex = entry ? this.c.types.indexOf(this.type) : -1;
    if (!entry || typeIndex < 0) return own.call(this, u, gi);
    const id = partId(typeIndex, u, gi);
    entry.used.add(id);
    const stored = entry.parts.get(id);
    if (stored) {
      this.layers[u][gi] = stored;
      return stored;
    }
    const solved = own.call(this, u, gi);
    entry.parts.set(id, solved);
    entry.solvedByRuns++;
    return solved;
  };
  return true;
}

/** Whether a plan instance has what the store reads (checked on this module's own plans). */
function hasInternals(p: unknown): p is PlanInternals {
  const q = p as Partial<PlanInternals>;
  return Array.isArray(q.layers) && typeof q.units === 'number' && q.c !== undefined && q.type !== undefined;
}

/**
 * One worker's store: the design of its prepared batch. `runnerFactory` is the
 * ChunkService's factory: it builds the runner as ever and registers its design.
 */
export class PlanStore {
  private current: { compiled: CompiledScenario; entry: Entry } | undefined;
  /** Parts the design before the current one used (what the next design will likely need). */
  private previousUsed: PlanPartId[] | undefined;
  readonly active: boolean;

  constructor() {
    this.active = installPlanStore();
  }

  /** For `new ChunkService(store.runnerFactory)`: createRunner, with the design registered here. */
  readonly runnerFactory = (scenario: Scenario): Runner => {
    const runner = createRunner(scenario);
    this.register(runner.compiled);
    return runner;
  };

  /** Makes `compiled` the current design (its plans use the store from now on). */
  register(compiled: CompiledScenario): void {
    if (this.current?.compiled === compiled) return;
    if (this.current) this.previousUsed = [...this.current.entry.used];
    const entry: Entry = { parts: new Map(), used: new Set(), solvedByRuns: 0, solvers: [] };
    registry.set(compiled, entry);
    this.current = { compiled, entry };
  }

  /**
   * Every part the current design has (all types, units and grid points) and the parts
   * the design before it used (undefined for the first design this worker runs).
   */
  describe(): { all: PlanPartId[]; previousUsed: PlanPartId[] | undefined } {
    const cur = this.current;
    if (!cur || !this.active) return { all: [], previousUsed: undefined };
    const all: PlanPartId[] = [];
    cur.compiled.types.forEach((_, ti) => {
      const plan = this.solver(ti);
      if (!plan) return;
      for (let u = 0; u < plan.units; u++) for (let gi = 0; gi < KAPPA_GRID.length; gi++) all.push(partId(ti, u, gi));
    });
    return { all, previousUsed: this.previousUsed };
  }

  /** Solves the given parts of the current design (those it already has are returned as they are); unknown ids are skipped. */
  solve(ids: readonly PlanPartId[]): SolvedPlanPart[] {
    const cur = this.current;
    if (!cur || !this.active || !original) return [];
    const out: SolvedPlanPart[] = [];
    for (const id of ids) {
      const [ti, u, gi] = id.split(':').map(Number);
      const plan = this.solver(ti);
      if (!plan || !(u >= 0 && u < plan.units) || !(gi >= 0 && gi < KAPPA_GRID.length)) continue;
      let layers = cur.entry.parts.get(id);
      if (!layers) {
        // The unwrapped solve: solving ahead for the pool is not a use by this worker's runs.
        // A part that fails is left to the run that needs it, which reports the failure with its run and seed.
        try {
          layers = original.call(plan, u, gi);
        } catch {
          continue;
        }
        cur.entry.parts.set(id, layers);
      }
      out.push({ id, layers });
    }
    return out;
  }

  /** Takes parts of the current design solved elsewhere (its plans then never solve them). */
  install(parts: readonly SolvedPlanPart[]): void {
    const cur = this.current;
    if (!cur || !this.active) return;
    for (const p of parts) if (!cur.entry.parts.has(p.id)) cur.entry.parts.set(p.id, p.layers);
  }

  /** Ids of the parts the current design holds (solved or taken). */
  held(): PlanPartId[] {
    return this.current ? [...this.current.entry.parts.keys()] : [];
  }

  /** How many parts the current design's runs solved themselves, and which parts they asked for. */
  usage(): { solvedByRuns: number; used: PlanPartId[] } {
    return this.current ? { solvedByRuns: this.current.entry.solvedByRuns, used: [...this.current.entry.used] } : { solvedByRuns: 0, used: [] };
  }

  private solver(typeIndex: number): PlanInternals | undefined {
    const cur = this.current!;
    const type = cur.compiled.types[typeIndex];
    if (!type) return undefined;
    let plan = cur.entry.solvers[typeIndex];
    if (!plan) {
      let made: unknown;
      try {
        made = new TargetPlan(cur.compiled, type);
      } catch {
        // As above: a run that draws this type reports it.
        return undefined;
      }
      if (!hasInternals(made)) return undefined;
      plan = cur.entry.solvers[typeIndex] = made;
    }
    return plan;
  }
}
