import type { PlanLayer, PlanPartId, SolvedPlanPart } from './plan-store.ts';

/**
 * The pool's side of plan sharing (plan-store.ts is the chunk worker's): while the
 * workers prepare a batch, they split the solving of its design's plan between them
 * (a worker claims one unsolved part at a time, so a slow or busy worker takes fewer),
 * then each takes the parts the others solved. A worker's first chunk then starts with
 * every part in hand, and the plan costs the pool one solve instead of one per worker.
 *
 * Which parts a design needs is known only once its runs ask for them, so the parts
 * solved ahead are those the last design's runs used (workers report them when they
 * prepare the next batch); before any report, every part. A part the runs need that
 * was not solved ahead is solved where it is needed, as before.
 *
 * Solved designs are kept, up to `maxBytes`, keyed by the design's content: a batch of
 * a design already solved (a new seed or run count, the full run after a preview, a
 * lever moved back, workers started afresh after a cancel) solves nothing.
 */

/** One worker, as the exchange sees it. Calls reject if the worker dies or is stopped. */
export interface PlanPeer {
  solve(ids: PlanPartId[]): Promise<SolvedPlanPart[]>;
  install(parts: SolvedPlanPart[]): Promise<void>;
}

/** What a worker says when it has prepared a batch (plan-store.ts `describe`). */
export interface PlanReport {
  /** Every part of the batch's design. */
  all: PlanPartId[];
  /** The parts the worker's previous design used; undefined for its first. */
  previousUsed?: PlanPartId[];
}

interface Round {
  key: string;
  solved: Map<PlanPartId, SolvedPlanPart>;
  /** Who solved each part (a worker is not sent its own parts back). */
  solvedBy: Map<PlanPartId, PlanPeer>;
  queue: PlanPartId[];
  claimed: Map<PlanPartId, PlanPeer>;
  /** Every part known to exist, and the parts reported used (what the next round solves ahead). */
  all: Set<PlanPartId>;
  used: Set<PlanPartId>;
  over: boolean;
  wake: (() => void)[];
}

/** Bytes a solved part holds (each distinct layer counted once). */
export function partBytes(p: SolvedPlanPart): number {
  const seen = new Set<PlanLayer>();
  let n = 0;
  for (const l of p.layers) {
    if (seen.has(l)) continue;
    seen.add(l);
    n += l.v.byteLength;
  }
  return n;
}

export class PlanExchange {
  private round: Round | undefined;
  /** Designs solved, oldest first (Map order), with their size. */
  private readonly kept = new Map<string, { parts: Map<PlanPartId, SolvedPlanPart>; bytes: number }>();
  private keptBytes = 0;
  /** Parts solved by the workers so far (for tests and the benchmark). */
  solvedCount = 0;

  constructor(private readonly maxBytes = 48 * 1024 * 1024) {}

  /**
   * A worker has prepared a batch of the design `key` (a fingerprint of its content):
   * it helps solve the design's plan and resolves once it holds every part solved ahead.
   * A newer design ends the older round at once (its workers stop claiming). Rejects
   * only if this worker's own calls do (it died or was stopped).
   */
  async join(key: string, peer: PlanPeer, report: PlanReport): Promise<void> {
    const round = this.roundFor(key, report);
    for (const id of report.previousUsed ?? []) {
      round.used.add(id);
      // Another worker's last design used it: solve it ahead too, unless it is in hand or on its way.
      if (round.all.has(id) && !round.solved.has(id) && !round.claimed.has(id) && !round.queue.includes(id)) round.queue.push(id);
    }
    for (;;) {
      if (round.over) return;
      const id = round.queue.shift();
      if (id !== undefined) {
        round.claimed.set(id, peer);
        try {
          const got = await peer.solve([id]);
          for (const part of got) {
            round.solved.set(part.id, part);
            round.solvedBy.set(part.id, peer);
            this.solvedCount++;
          }
        } catch (e) {
          // This worker is gone: its part goes back for another to take.
          if (!round.solved.has(id) && !round.over) round.queue.unshift(id);
          throw e;
        } finally {
          round.claimed.delete(id);
          this.notify(round);
        }
        continue;
      }
      if (round.claimed.size === 0) break;
      await new Promise<void>((resolve) => round.wake.push(resolve));
    }
    this.keep(round);
    const theirs = [...round.solved.values()].filter((p) => round.solvedBy.get(p.id) !== peer);
    if (theirs.length > 0) await peer.install(theirs);
  }

  /** The current round if it is this design's, else a new one (ending the old), seeded from what is kept. */
  private roundFor(key: string, report: PlanReport): Round {
    const r = this.round;
    if (r && r.key === key) {
      for (const id of report.all) r.all.add(id);
      return r;
    }
    if (r) {
      r.over = true;
      this.notify(r);
    }
    const kept = this.kept.get(key);
    const solved = new Map(kept?.parts ?? []);
    if (kept) {
      // Most recently used last.
      this.kept.delete(key);
      this.kept.set(key, kept);
    }
    const all = new Set(report.all);
    // Solve ahead what the last designs used (this worker's report, and the reports the last round had), else every part.
    const lastUsed = new Set([...(report.previousUsed ?? []), ...(r?.used ?? [])]);
    const ahead = report.all.filter((id) => (lastUsed.size > 0 ? lastUsed.has(id) : true) && !solved.has(id));
    const round: Round = { key, solved, solvedBy: new Map(), queue: ahead, claimed: new Map(), all, used: new Set(), over: false, wake: [] };
    this.round = round;
    return round;
  }

  private notify(r: Round): void {
    const w = r.wake;
    r.wake = [];
    for (const f of w) f();
  }

  /** Keeps a finished round's parts under its design's key, dropping the oldest designs over maxBytes. */
  private keep(r: Round): void {
    if (r.over || r.solved.size === 0) return;
    const old = this.kept.get(r.key);
    if (old && old.parts.size >= r.solved.size) return;
    if (old) {
      this.kept.delete(r.key);
      this.keptBytes -= old.bytes;
    }
    let bytes = 0;
    for (const p of r.solved.values()) bytes += partBytes(p);
    if (bytes > this.maxBytes) return;
    this.kept.set(r.key, { parts: new Map(r.solved), bytes });
    this.keptBytes += bytes;
    for (const [k, v] of this.kept) {
      if (this.keptBytes <= this.maxBytes) break;
      this.kept.delete(k);
      this.keptBytes -= v.bytes;
    }
  }

  /** Designs kept (oldest first), for tests. */
  keptDesigns(): string[] {
    return [...this.kept.keys()];
  }
}
