import { wrap, type Remote } from 'comlink';
import type { Scenario } from '../../../src/index.ts';
import type { AnalysisApi } from './analysis-worker.ts';

/**
 * The page's side of analysis-worker.ts: the design audit, the tournament and the
 * memo's audit run there, so the page keeps painting and answering input (they were
 * synchronous calls on the page, seconds long). Each kind of job has its worker, kept
 * warm between jobs (its target plans stay cached for the next audit of the same
 * design); a cancel terminates that worker only (the memo's Cancel leaves an audit in
 * the Audit tab running), rejects what it was doing, and the next job starts a fresh one.
 */

export type AnalysisKind = keyof AnalysisApi;
export interface AnalysisJob<K extends AnalysisKind = AnalysisKind> {
  kind: K;
  scenario: Scenario;
  runs: number;
  masterSeed: number;
}

/** The error a cancelled job rejects with. */
export class AnalysisCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AnalysisCancelled';
  }
}

interface Slot {
  worker: Worker;
  api: Remote<AnalysisApi>;
  /** Rejects of the calls in flight: a terminated worker never answers them. */
  pending: Set<(e: Error) => void>;
}
const slots = new Map<AnalysisKind, Slot>();

function stop(kind: AnalysisKind, reason: Error): void {
  const slot = slots.get(kind);
  if (!slot) return;
  slots.delete(kind);
  slot.worker.terminate();
  for (const reject of slot.pending) reject(reason);
}

function ensureSlot(kind: AnalysisKind): Slot {
  const had = slots.get(kind);
  if (had) return had;
  const worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    stop(kind, new Error(`the analysis worker failed: ${ev.message || 'it could not start'}`));
  });
  const slot: Slot = { worker, api: wrap<AnalysisApi>(worker), pending: new Set() };
  slots.set(kind, slot);
  return slot;
}

/**
 * Runs a job in the analysis worker.
 * @param signal aborting it terminates this kind's worker (every job in it rejects with AnalysisCancelled)
 * @example const report = await runAnalysis({ kind: 'audit', scenario, runs: 100, masterSeed: 1 }, controller.signal);
 */
export function runAnalysis<K extends AnalysisKind>(job: AnalysisJob<K>, signal?: AbortSignal): Promise<Awaited<ReturnType<AnalysisApi[K]>>> {
  if (signal?.aborted) return Promise.reject(new AnalysisCancelled());
  const slot = ensureSlot(job.kind);
  const call = slot.api[job.kind] as unknown as (s: Scenario, runs: number, masterSeed: number) => Promise<Awaited<ReturnType<AnalysisApi[K]>>>;
  return new Promise((resolve, reject) => {
    const onAbort = () => stop(job.kind, new AnalysisCancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    slot.pending.add(reject);
    call(job.scenario, job.runs, job.masterSeed)
      .then(resolve, reject)
      .finally(() => {
        slot.pending.delete(reject);
        signal?.removeEventListener('abort', onAbort);
      });
  });
}
