import type { audit, studies, tournament, Scenario } from '../../../src/index.ts';

/**
 * The page's side of analysis-worker.ts: the design audit, the tournament and the
 * memo's audit run there, so the page keeps painting and answering input (they were
 * synchronous calls on the page, seconds long). Each kind of job has its worker, kept
 * warm between jobs (its target plans stay cached for the next audit of the same
 * design); a cancel terminates that worker only (the memo's Cancel leaves an audit in
 * the Audit tab running), rejects what it was doing, and the next job starts a fresh one.
 */

export type AnalysisJob =
  | { kind: 'audit'; scenario: Scenario; runs: number; masterSeed: number }
  | { kind: 'tournament'; scenario: Scenario; runs: number; masterSeed: number }
  | { kind: 'memo-audit'; scenario: Scenario; runs: number; masterSeed: number };

export type AnalysisReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

interface ResultOf {
  audit: ReturnType<typeof audit.auditDesign>;
  tournament: ReturnType<typeof tournament.playTournament>;
  'memo-audit': studies.MemoAudit;
}

/** The error a cancelled job rejects with. */
export class AnalysisCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AnalysisCancelled';
  }
}

type Kind = AnalysisJob['kind'];
interface Slot {
  worker: Worker;
  waiting: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}
const slots = new Map<Kind, Slot>();
let seq = 0;

function stop(kind: Kind, reason: Error): void {
  const slot = slots.get(kind);
  if (!slot) return;
  slots.delete(kind);
  slot.worker.terminate();
  for (const w of slot.waiting.values()) w.reject(reason);
  slot.waiting.clear();
}

function ensureSlot(kind: Kind): Slot {
  const had = slots.get(kind);
  if (had) return had;
  const w = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module' });
  const waiting: Slot['waiting'] = new Map();
  w.addEventListener('message', (e: MessageEvent<AnalysisReply>) => {
    const job = waiting.get(e.data.id);
    if (!job) return;
    waiting.delete(e.data.id);
    if (e.data.ok) job.resolve(e.data.result);
    else job.reject(new Error(e.data.message));
  });
  w.addEventListener('error', (ev) => {
    ev.preventDefault();
    stop(kind, new Error(`the analysis worker failed: ${ev.message || 'it could not start'}`));
  });
  const slot = { worker: w, waiting };
  slots.set(kind, slot);
  return slot;
}

/**
 * Runs a job in the analysis worker.
 * @param signal aborting it terminates this kind's worker (every job in it rejects with AnalysisCancelled)
 * @example const report = await runAnalysis({ kind: 'audit', scenario, runs: 100, masterSeed: 1 }, controller.signal);
 */
export function runAnalysis<K extends AnalysisJob['kind']>(job: Extract<AnalysisJob, { kind: K }>, signal?: AbortSignal): Promise<ResultOf[K]> {
  if (signal?.aborted) return Promise.reject(new AnalysisCancelled());
  const { worker, waiting } = ensureSlot(job.kind);
  const id = ++seq;
  return new Promise<ResultOf[K]>((resolve, reject) => {
    const onAbort = () => stop(job.kind, new AnalysisCancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    waiting.set(id, {
      resolve: (v) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(v as ResultOf[K]);
      },
      reject: (e) => {
        signal?.removeEventListener('abort', onAbort);
        reject(e);
      },
    });
    worker.postMessage({ id, job });
  });
}
