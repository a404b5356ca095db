import { describe, expect, it } from 'vitest';
import { createRunner } from '../../src/engine/simulate.ts';
import { runSeed } from '../../src/engine/rng.ts';
import { createNodeExperimentPool } from '../../src/node/experiments.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { applyLevers, resolveLever } from '../../src/scenario/levers.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { createInThreadExperimentPool, ExperimentRunError, experimentSchema, finalizeExperiment, experimentJson, prepareExperiment, runExperiment, type PointRows } from '../../src/experiments/index.ts';
import { independentDifference, pairedDifference } from '../../src/stats/index.ts';

function baseline(): Scenario {
  const r = loadScenarioFile('scenarios/baseline.yaml');
  if (!r.ok) throw new Error('baseline does not load');
  return r.scenario;
}
const base = baseline();
const experiment = (file: Record<string, unknown>) => prepareExperiment(experimentSchema.parse({ name: 't', scenario: 'baseline.yaml', ...file }), base);

describe('runExperiment', () => {
  it('two identical points give identical outcomes: paired differences exactly zero with zero variance', async () => {
    const e = experiment({ runsPerPoint: 120, masterSeed: 3, levers: { sampling: 'list', points: [{ 'design.verification.detectionProbability': base.design.verification.detectionProbability }] } });
    const r = await runExperiment(e);
    expect(r.points.map((p) => p.point)).toEqual([0, 1]);
    for (const [m, d] of Object.entries(r.points[1].vsReference)) {
      const both = r.points[0].outcomes[m as keyof typeof r.points[0]['outcomes']];
      if (both.n === 0) continue;
      expect([m, d.estimate, d.sd, d.se, d.ci95]).toEqual([m, 0, 0, 0, [0, 0]]);
    }
    expect(r.points[1].outcomes).toEqual(r.points[0].outcomes);
  });

  it('run i of every point is the engine run with seed "<master>/<i>" on the point\'s scenario (common random numbers)', async () => {
    const e = experiment({ runsPerPoint: 30, masterSeed: 9, levers: { sampling: 'grid', values: { 'design.verification.detectionProbability': [0.3] } } });
    const rows: { point: number; records: Float64Array }[] = [];
    await runExperiment(e, { sink: { begin: () => {}, point: (p: PointRows) => void rows.push({ point: p.point, records: p.records.slice() }) } });
    const point1 = applyLevers(base, [resolveLever(base, 'design.verification.detectionProbability')], [0.3]);
    const runner = createRunner(point1);
    const width = rows[1].records.length / 30;
    for (const i of [0, 17, 29]) {
      const r = runner.run(runSeed(9, i));
      expect(rows[1].records[i * width + width - 1]).toBe(r.summary.targetUtility);
      expect(rows[1].records[i * width]).toBe(['sincere', 'opportunist', 'hardliner'].indexOf(r.targetType));
    }
  });

  it('pairing: on two close designs (strongly correlated runs) the paired interval is narrower than the unpaired one', async () => {
    const e = experiment({ runsPerPoint: 400, masterSeed: 5, levers: { sampling: 'list', points: [{ 'design.humanitarian.carveOutAidPerPeriod': 66000 }] } });
    const r = await runExperiment(e);
    const [a, b] = r.points;
    const m = 'cumulativeUnmetNeed';
    const paired = b.vsReference[m];
    const unpaired = independentDifference(a.outcomes[m], b.outcomes[m], false);
    expect(paired.estimate).toBeCloseTo(unpaired.estimate, 6);
    expect(paired.ci95[1] - paired.ci95[0]).toBeLessThan((unpaired.ci95[1] - unpaired.ci95[0]) / 2);
    // More aid through the carve-out leaves less need unmet, and the paired interval sees it.
    expect(paired.ci95[1]).toBeLessThan(0);
  });

  it('is bit-identical for any chunking and any number of worker threads', async () => {
    const e = experiment({ runsPerPoint: 150, masterSeed: 2, levers: { sampling: 'latin-hypercube', samples: 3, seed: 4, ranges: { 'design.verification.detectionProbability': [0.2, 0.9], 'design.tranches[step2].sustainedPeriods': [0, 8] } } });
    const json = async (o: Parameters<typeof runExperiment>[1]) => {
      const r = await runExperiment(e, o);
      return experimentJson(finalizeExperiment(r.header, r.points));
    };
    const one = await json({ chunkSize: 150 });
    expect(await json({ chunkSize: 7 })).toBe(one);
    const pool = createNodeExperimentPool({ workers: 2 });
    try {
      expect(await json({ pool, chunkSize: 32 })).toBe(one);
    } finally {
      await pool.close();
    }
    // Every pool solves the design's plans in each of its workers: 31 s on 2 cores here.
  }, 180_000);

  it('strata by target type partition the runs, and a stratum mean is the mean of its runs', async () => {
    const e = experiment({ runsPerPoint: 200, masterSeed: 1 });
    const r = await runExperiment(e);
    const p = r.points[0];
    const strata = Object.values(p.byTargetType);
    expect(strata.reduce((a, s) => a + s.runs, 0)).toBe(200);
    const weighted = strata.reduce((a, s) => a + (s.runs > 0 ? s.runs * s.outcomes.collapsed.mean : 0), 0) / 200;
    expect(weighted).toBeCloseTo(p.outcomes.collapsed.mean, 12);
  });

  it('cancel returns the points finished, and progress counts runs', async () => {
    const e = experiment({ runsPerPoint: 100, levers: { sampling: 'grid', values: { 'design.verification.detectionProbability': [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] } } });
    const ac = new AbortController();
    const seen: number[] = [];
    const r = await runExperiment(e, {
      signal: ac.signal,
      onProgress: (p) => seen.push(p.pointsDone),
      sink: { begin: () => {}, point: (rows) => void (rows.point === 1 && ac.abort()) },
    });
    expect(r.points.length).toBeGreaterThanOrEqual(2);
    expect(r.points.length).toBeLessThan(7);
    expect(finalizeExperiment(r.header, r.points).partial).toBe(true);
    expect(seen[seen.length - 1]).toBe(r.points.length);
  });

  it('a run that throws fails the experiment with its point, run and seed', async () => {
    const e = experiment({ runsPerPoint: 20, masterSeed: 4, levers: { sampling: 'grid', values: { 'design.verification.detectionProbability': [0.5] } } });
    const pool = createInThreadExperimentPool({
      makeRunner: (s) => {
        const r = createRunner(s);
        return { ...r, run: (seed, o) => (s.design.verification.detectionProbability === 0.5 && seed === '4/13' ? (() => { throw new Error('boom'); })() : r.run(seed, o)) };
      },
    });
    await expect(runExperiment(e, { pool })).rejects.toThrow(new ExperimentRunError(1, 13, '4/13', 'boom'));
  });

  it('paired difference in the summary equals pairedDifference of the per-run columns', async () => {
    const e = experiment({ runsPerPoint: 60, masterSeed: 8, levers: { sampling: 'list', points: [{ 'design.consequences.trigger': 'unanimity' }] } });
    const cols: Float64Array[] = [];
    const r = await runExperiment(e, { sink: { begin: () => {}, point: (p) => void cols.push(Float64Array.from({ length: 60 }, (_, i) => p.records[i * p.layout.width + p.layout.width - 1])) } });
    const d = pairedDifference(cols[0], cols[1]);
    expect(r.points[1].vsReference.targetUtility).toEqual({ n: d.n, estimate: d.estimate, sd: d.sd, se: d.se, ci95: d.ci95 });
  });
});
