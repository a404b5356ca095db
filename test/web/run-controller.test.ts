import { describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../src/montecarlo/types.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { RunController, type RunBatch, type RunStatus } from '../../web/src/run/run-controller.ts';

/**
 * The web app's one-batch-at-a-time rule, without a browser: the states the results
 * column shows (and the e2e tests wait for) must describe the newest batch asked for.
 * Batches here are fakes that settle when the test says so, so every interleaving is
 * forced, not left to timing.
 */
interface FakeBatch {
  scenario: string;
  signal: AbortSignal;
  finish(): void;
}

function fakeRunner(): { runBatch: RunBatch; batches: FakeBatch[] } {
  const batches: FakeBatch[] = [];
  const runBatch: RunBatch = (scenario, o) =>
    new Promise<BatchSummary>((resolve) => {
      const name = scenario.metadata.name;
      const summary = (runs: number) => ({ scenarioName: name, runs, runsRequested: o.runs, partial: runs < o.runs }) as BatchSummary;
      // Like runMonteCarlo: an abort (also one before the batch starts) resolves with the runs done so far.
      const settle = () => resolve(summary(0));
      if (o.signal.aborted) return settle();
      o.signal.addEventListener('abort', settle, { once: true });
      batches.push({ scenario: name, signal: o.signal, finish: () => resolve(summary(o.runs)) });
    });
  return { runBatch, batches };
}

const scenario = (name: string) => ({ metadata: { name } }) as Scenario;
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('web run controller', () => {
  it('runs only the newest of two starts that waited for the same batch to settle', async () => {
    const { runBatch, batches } = fakeRunner();
    const statuses: RunStatus[] = [];
    const c = new RunController(runBatch, (s) => statuses.push(s));
    void c.start('preview', scenario('first'), 100, 1);
    // Two edits in a row while the first batch is still settling its cancellation.
    const second = c.start('preview', scenario('second'), 100, 1);
    const third = c.start('preview', scenario('third'), 100, 1);
    await settled();
    expect(batches.map((b) => b.scenario)).toEqual(['first', 'third']);
    batches[1].finish();
    await Promise.all([second, third]);
    const last = statuses.at(-1)!;
    expect([last.phase, last.summary?.scenarioName]).toEqual(['done', 'third']);
    expect(statuses.some((s) => s.summary?.scenarioName === 'second')).toBe(false);
    expect(c.running).toBe(false);
  });

  it('cancels a start that is still waiting for the batch before, and says so', async () => {
    const { runBatch, batches } = fakeRunner();
    const statuses: RunStatus[] = [];
    const c = new RunController(runBatch, (s) => statuses.push(s));
    void c.start('preview', scenario('first'), 100, 1);
    const waiting = c.start('preview', scenario('second'), 100, 1);
    c.cancel();
    await settled();
    // The second batch got a signal already aborted, so it never started work.
    expect(batches.map((b) => b.scenario)).toEqual(['first']);
    await waiting;
    const last = statuses.at(-1)!;
    expect([last.phase, last.id, last.runsDone]).toEqual(['cancelled', 2, 0]);
    expect(c.running).toBe(false);
  });
});
