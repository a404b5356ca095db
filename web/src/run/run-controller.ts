import type { BatchSummary, MonteCarloProgress } from '../../../src/index.ts';
import type { Scenario } from '../../../src/index.ts';

/** How a batch is run: the browser pool in production (batch-runner.ts). */
export type RunBatch = (
  scenario: Scenario,
  options: { kind?: RunKind; runs: number; masterSeed: number; signal: AbortSignal; onProgress: (p: MonteCarloProgress) => void; /** Stream live summaries as runs arrive (default true). */ live?: boolean;
    /** A preview in two stages waits for this between them (see RunController's options). */
    secondStageGate?: (signal: AbortSignal) => Promise<void> },
) => Promise<BatchSummary>;

export type RunKind = 'preview' | 'full';
export type RunPhase = 'running' | 'done' | 'cancelled' | 'error';

export interface RunStatus {
  id: number;
  kind: RunKind;
  phase: RunPhase;
  runsDone: number;
  runsRequested: number;
  masterSeed: number;
  /** The latest summary: live (partial) while running, final when done or cancelled. */
  summary?: BatchSummary;
  error?: string;
}

/**
 * One batch at a time: starting a batch cancels the one before (its partial result
 * is dropped, since a newer request supersedes it); Cancel keeps the partial result.
 */
export class RunController {
  private seq = 0;
  private active?: { id: number; abort: AbortController; done: Promise<void>; superseded: boolean };
  /** Bumped by every start: a start still waiting for the batch before to settle is void once a newer one came. */
  private requests = 0;
  /** The signal of a start still waiting for the batch before to settle, so Cancel reaches it too. */
  private pending?: AbortController;

  constructor(
    private readonly runBatch: RunBatch,
    private readonly onStatus: (s: RunStatus) => void,
    /** secondStageGate: what a preview's second stage waits for (the results panel: a lever that stopped moving). */
    private readonly options: { secondStageGate?: (signal: AbortSignal) => Promise<void> } = {},
  ) {}

  get running(): boolean {
    return this.active !== undefined;
  }

  /** Runs a batch; `live` streams summaries while it runs (a short preview is drawn only when done). */
  async start(kind: RunKind, scenario: Scenario, runs: number, masterSeed: number, live = true): Promise<void> {
    const request = ++this.requests;
    const abort = new AbortController();
    const previous = this.active;
    if (previous) {
      previous.superseded = true;
      previous.abort.abort();
      this.pending = abort;
      await previous.done;
      // Two starts that waited for the same batch would otherwise both run, and the older one's
      // result could be shown as the newest; only the newest request runs.
      if (request !== this.requests) return;
      this.pending = undefined;
    }
    const id = ++this.seq;
    const me = { id, abort, superseded: false, done: Promise.resolve() };
    this.active = me;
    const status: RunStatus = { id, kind, phase: 'running', runsDone: 0, runsRequested: runs, masterSeed };
    this.onStatus({ ...status });
    me.done = (async () => {
      try {
        const summary = await this.runBatch(scenario, {
          kind,
          runs,
          masterSeed,
          live,
          signal: abort.signal,
          secondStageGate: this.options.secondStageGate,
          onProgress: (p) => {
            if (me.superseded) return;
            status.runsDone = p.runsDone;
            if (p.summary) status.summary = p.summary;
            this.onStatus({ ...status });
          },
        });
        if (me.superseded) return;
        this.onStatus({ ...status, phase: summary.partial ? 'cancelled' : 'done', runsDone: summary.runs, summary });
      } catch (e) {
        if (me.superseded) return;
        const aborted = abort.signal.aborted;
        this.onStatus({ ...status, phase: aborted ? 'cancelled' : 'error', error: aborted ? undefined : e instanceof Error ? e.message : String(e) });
      } finally {
        if (this.active === me) this.active = undefined;
      }
    })();
    await me.done;
  }

  /** Stops the running batch; its partial summary is reported as cancelled. */
  cancel(): void {
    this.active?.abort.abort();
    // A start waiting for the batch before still runs, so it reports a (cancelled) state, but stops at once.
    this.pending?.abort();
  }
}
