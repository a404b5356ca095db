import { Worker } from 'node:worker_threads';
import type { AlternativeDesign, Debrief, Decision, NegotiationTerms, OfferAudit, PreparedNegotiation } from '../../classroom/index.ts';
import type { GameSnapshot } from '../../engine/game.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { workerBundle } from '../../node/worker-bundle.ts';

/** A job for the analysis thread (analysis-worker.ts). */
export type AnalysisJob =
  | { id: number; kind: 'prepare'; scenario: Scenario; terms: NegotiationTerms; seed: string; runs: number }
  | { id: number; kind: 'audit'; scenario: Scenario }
  | ({ id: number; kind: 'debrief' } & DebriefJob);

/** A finished room's debrief: the scenario as played, the game's snapshot (restored on the thread), the decisions. */
export interface DebriefJob {
  played: Scenario;
  seed: string;
  snapshot: GameSnapshot;
  decisions: Decision[];
  rounds: number;
  alternatives: AlternativeDesign[];
  runs: number;
}

export type AnalysisReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

type Pending = { resolve: (x: unknown) => void; reject: (e: Error) => void };
type JobInput = AnalysisJob extends infer J ? (J extends { id: number } ? Omit<J, 'id'> : never) : never;

const ENTRY = new URL('./analysis-worker.ts', import.meta.url);

/**
 * The server's side of the analysis thread: one worker (started on first use, bundled by
 * esbuild like the batch workers), jobs answered in order. A job that fails rejects with
 * the worker's message; a worker that dies rejects what it held and the next job starts
 * a new one.
 */
export class AnalysisThread {
  private worker: Worker | null = null;
  private next = 0;
  private readonly pending = new Map<number, Pending>();

  /** Values a room's talks by simulation (prepareNegotiation). */
  prepare(scenario: Scenario, terms: NegotiationTerms, seed: string, runs: number): Promise<PreparedNegotiation> {
    return this.post({ kind: 'prepare', scenario, terms, seed, runs }) as Promise<PreparedNegotiation>;
  }

  /** Audits a design (auditDesign, summarised for the talks). */
  audit(scenario: Scenario): Promise<OfferAudit> {
    return this.post({ kind: 'audit', scenario }) as Promise<OfferAudit>;
  }

  /** The debrief of a finished room (computeDebrief on the restored game). */
  debrief(job: DebriefJob): Promise<Debrief> {
    return this.post({ kind: 'debrief', ...job }) as Promise<Debrief>;
  }

  /** Jobs not answered yet. */
  get queued(): number {
    return this.pending.size;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('the server is closing'));
    this.pending.clear();
    if (w) await w.terminate();
  }

  private post(job: JobInput): Promise<unknown> {
    const id = this.next++;
    const w = this.start();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ ...job, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(workerBundle(ENTRY), { eval: true });
    w.on('message', (r: AnalysisReply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.ok) p.resolve(r.result);
      else p.reject(new Error(r.error));
    });
    const died = (e: Error) => {
      if (this.worker !== w) return;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new Error(`the analysis thread stopped: ${e.message}`));
      this.pending.clear();
    };
    w.on('error', died);
    w.on('exit', (code) => died(new Error(`exit code ${code}`)));
    w.unref();
    this.worker = w;
    return w;
  }
}
