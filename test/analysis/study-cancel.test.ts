import { describe, expect, it, vi } from 'vitest';

// Every point is a new design, whose target plans the engine solves before its runs: allow for a loaded machine.
vi.setConfig({ testTimeout: 300_000 });
import { sweepStudy } from '../../src/analysis/studies/index.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { createNodeExperimentPool } from '../../src/node/experiments.ts';

// A small case (its target plans are a quarter of the baseline's), swept over a lever the
// plans read: the 5 points (the base at 0.8, then 0.5, 0.65, 0.8 and 0.95) each solve plans
// in every worker (a worker keeps one design's), two points at a time on two workers. The
// cancel lands within one progress tick (100 ms) of the second point, and the other three
// still need two rounds of solves.
const loaded = loadScenarioFile('scenarios/cases/fr-yugoslavia-1995.yaml');
if (!loaded.ok) throw new Error('the FR Yugoslavia case does not load');
const base = loaded.scenario;
const RANGES = { 'design.verification.detectionProbability': [0.5, 0.95] as [number, number] };
const OPTIONS = { outcome: 'collapsed', runsPerPoint: 10, levels: 4 } as const;

describe('a study cancelled mid-run', () => {
  it('keeps the points it finished, each exactly as the whole study has it, says it is partial, and leaves the pool fit for the next study', async () => {
    const pool = createNodeExperimentPool({ workers: 2 });
    try {
      const ac = new AbortController();
      const seen: number[] = [];
      const cut = await sweepStudy(base, RANGES, {
        ...OPTIONS,
        pool,
        signal: ac.signal,
        onProgress: (p) => {
          seen.push(p.pointsDone);
          if (p.pointsDone >= 2) ac.abort();
        },
      });
      const whole = await sweepStudy(base, RANGES, { ...OPTIONS, pool });
      const total = whole.evaluation.points.length;
      expect(total).toBe(5);
      expect(whole.evaluation.complete).toBe(true);

      const done = cut.evaluation.points;
      expect(cut.evaluation.complete).toBe(false);
      expect(done.length).toBeGreaterThanOrEqual(2);
      expect(done.length).toBeLessThan(total);
      // Progress counted what it kept, and never went back.
      expect(seen[seen.length - 1]).toBe(done.length);
      expect(seen.every((n, i) => i === 0 || n >= seen[i - 1])).toBe(true);
      // What ran is kept bit for bit: a point's summary does not depend on the cancel.
      expect(done).toEqual(whole.evaluation.points.slice(0, done.length));
      // No chart from half a sweep, but the differences of the levels that ran, as the whole study has them.
      expect(cut.sweep).toBeNull();
      expect(whole.sweep).not.toBeNull();
      const levelsDone = cut.differences[0].levels;
      expect(levelsDone.length).toBe(done.length - 1);
      expect(levelsDone).toEqual(whole.differences[0].levels.slice(0, levelsDone.length));
    } finally {
      await pool.close();
    }
  });
});
