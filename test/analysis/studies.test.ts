import { describe, expect, it, vi } from 'vitest';

// Every point is a new design, whose target policy the engine solves (an MDP) before its runs: allow for a loaded machine.
vi.setConfig({ testTimeout: 300_000 });
import { libraryShocks, morrisStudy, sobolStudy, StudyError, stressStudy, studyFactors, sweepStudy, discoverStudy, evaluateScenarios } from '../../src/analysis/studies/index.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { createNodeExperimentPool } from '../../src/node/experiments.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

function load(file: string): Scenario {
  const l = loadScenarioFile(file);
  if (!l.ok) throw new Error(`${file} does not load`);
  return l.scenario;
}
const base = load('scenarios/baseline.yaml');
// The engine never reads the period length (it is a label for charts): a lever the model ignores.
const IGNORED = 'metadata.periodLengthMonths';
// The prior probability of a hardliner target: the baseline's collapse rises with it (0% at 0, every run at 1).
const HARDLINER = 'target.typePrior.hardliner';

describe('bad input to a study gets an error naming the lever and the allowed range', () => {
  const cases: [Record<string, [number, number]>, RegExp][] = [
    [{ 'design.verification.detectionProbabilty': [0, 1] }, /design\.verification has no field "detectionProbabilty" \(fields: .*detectionProbability/],
    [{ 'design.tranches[step9].sustainedPeriods': [1, 3] }, /step9/],
    [{ 'design.verification.detectionProbability': [0.5, 0.5] }, /the range \[0\.5, 0\.5\] is empty or reversed; give low < high/],
    [{ 'design.verification.detectionProbability': [0.9, 0.2] }, /empty or reversed/],
    [{ 'design.verification.detectionProbability': [0.2, 1.4] }, /the range \[0\.2, 1\.4\] is outside the field's allowed range \[0, 1\] \(share\)/],
    [{ 'design.consequences.trigger': [0, 1] }, /is a choice field; only number fields can be studied over a range/],
    [{}, /needs at least one lever path/],
  ];
  for (const [ranges, message] of cases) {
    it(JSON.stringify(ranges), () => {
      expect(() => studyFactors(base, ranges, 'levers')).toThrow(StudyError);
      expect(() => studyFactors(base, ranges, 'levers')).toThrow(message);
    });
  }

  it('a sweep whose range leaves out the scenario\'s value says so', async () => {
    await expect(sweepStudy(base, { 'design.verification.detectionProbability': [0.7, 0.9] }, { outcome: 'collapsed', runsPerPoint: 2 })).rejects.toThrow(/the scenario's value 0\.6 is outside the range \[0\.7, 0\.9\]/);
  });

  it('a stress test of a shock past the horizon, or of a member who is not there', async () => {
    await expect(stressStudy(base, [{ kind: 'accessDenial', atPeriod: 60 }], { runsPerPoint: 2 })).rejects.toThrow(/atPeriod: 60 is not a whole number in \[0, 59\]/);
    await expect(stressStudy(base, [{ kind: 'memberExit', atPeriod: 5, member: 'nobody' }], { runsPerPoint: 2 })).rejects.toThrow(/"nobody" is not a coalition member \(known: lead, ally, partner\)/);
    await expect(stressStudy(base, [{ kind: 'accessDenial', atPeriod: 5, low: 0, high: 11 }], { runsPerPoint: 2 })).rejects.toThrow(/outside the magnitude's allowed range/);
  });
});

describe('a lever the model ignores', () => {
  it('a sweep of it gives zero difference exactly, at every level, with a zero-width interval (common random numbers)', async () => {
    const r = await sweepStudy(base, { [IGNORED]: [1, 12], [HARDLINER]: [0, 0.8] }, { outcome: 'collapsed', runsPerPoint: 60, levels: 3 });
    const ignored = r.differences.find((d) => d.factor === IGNORED)!;
    expect(ignored.levels).toHaveLength(3);
    for (const l of ignored.levels) expect(l.difference).toMatchObject({ estimate: 0, sd: 0, ci95: [0, 0] });
    const bar = r.sweep!.tornado.find((b) => b.factor === IGNORED)!;
    expect(bar.swing).toBe(0);
    // The lever that matters moves the outcome, and ranks first.
    expect(r.sweep!.tornado[0].factor).toBe(HARDLINER);
    expect(r.sweep!.tornado[0].swing).toBeGreaterThan(0.1);
  });

  it("gets Sobol' indices of exactly 0 (with CRN the AB block of an ignored factor repeats A bit for bit)", async () => {
    const r = await sobolStudy(base, { [IGNORED]: [1, 12], [HARDLINER]: [0, 0.8] }, { outcome: 'collapsed', runsPerPoint: 20, baseSamples: 16, resamples: 100 });
    const [ignored, alarm] = r.indices!.indices;
    expect(ignored.first.estimate).toBe(0);
    expect(ignored.total.estimate).toBe(0);
    expect(alarm.total.estimate).toBeGreaterThan(0.5);
    expect(r.indices!.evaluations).toBe(16 * 4);
  });

  it('ranks last in a Morris screening, with mu* = 0 exactly', async () => {
    const r = await morrisStudy(base, { [IGNORED]: [1, 12], [HARDLINER]: [0, 0.8], 'coalition.collapseCohesion': [0.1, 0.9] }, { outcome: 'collapsed', runsPerPoint: 20, trajectories: 6, resamples: 100 });
    expect(r.effects!.ranking[2]).toBe(IGNORED);
    expect(r.effects!.factors.find((f) => f.factor === IGNORED)!.muStar).toBe(0);
    expect(r.effects!.ranking[0]).toBe(HARDLINER);
  });
});

describe('stress break points', () => {
  it('every probe is the collapse count of a batch of that scenario on the same seeds; the searches do not depend on being run together', async () => {
    const shocks = libraryShocks(base, 12).filter((s) => s.kind === 'regimeChange' || s.kind === 'accessDenial' || s.kind === 'snapback');
    const together = await stressStudy(base, shocks, { runsPerPoint: 60, relativeTolerance: 1 / 8 });
    const alone = await stressStudy(base, [shocks[0]], { runsPerPoint: 60, relativeTolerance: 1 / 8 });
    expect(together.shocks[0]).toEqual(alone.shocks[0]);
    expect(together.baseline).toEqual(alone.baseline);
    expect(together.complete).toBe(true);
    // The baseline probe against a direct run of the scenario.
    const direct = await evaluateScenarios('direct', [base], ['collapsed'], { runsPerPoint: 60 });
    expect(together.baseline!.successes).toBe(Math.round(direct.points[0].outcomes.collapsed.mean * 60));
    // A bisection: probes inside the range, the bracket within the tolerance when found.
    for (const s of together.shocks) {
      if (!s.result) {
        expect(s.shock.kind).toBe('snapback');
        expect(s.single!.trials).toBe(60);
        continue;
      }
      if (s.result.status === 'found') expect(s.result.bracket!.above.intensity - s.result.bracket!.below.intensity).toBeLessThanOrEqual((s.intensity!.high - s.intensity!.low) / 8);
    }
  });

  it('on a shock with a known threshold in the model, finds the threshold: a domestic crisis that lifts a hardliner to its defiance threshold', async () => {
    // Every target a hardliner playing its best response, and influence that moves only with the shock: at the
    // crisis, influence is h0 + magnitude, and open defiance (which pays the hardliner and collapses the deal)
    // becomes possible exactly when it reaches the defiance threshold d. Below d - h0 no run collapses; at or above, all do.
    const s = structuredClone(base);
    s.target.typePrior = { sincere: 0, opportunist: 0, hardliner: 1 };
    s.target.decisionMode = 'best-response';
    s.target.domesticPolitics = { ...s.target.domesticPolitics, riseWhenUnrewardedPerPeriod: 0, riseWithPainPerPeriod: 0, fallWithReliefPerPeriod: 0 };
    const h = s.target.types.hardliner;
    const threshold = h.defianceThreshold - h.initialHardlinerInfluence;
    expect(threshold).toBeCloseTo(0.2, 12);
    const r = await stressStudy(s, [{ kind: 'domesticCrisis', atPeriod: 5 }], { runsPerPoint: 20, relativeTolerance: 1 / 64 });
    expect(r.baseline!.successes).toBe(0);
    const b = r.shocks[0].result!;
    expect(b.status).toBe('found');
    expect(b.bracket!.below.intensity).toBeLessThan(threshold);
    expect(b.bracket!.above.intensity).toBeGreaterThanOrEqual(threshold);
    expect(b.bracket!.above.intensity - b.bracket!.below.intensity).toBeLessThanOrEqual(1 / 64);
    expect(Math.abs(b.breakPoint! - threshold)).toBeLessThanOrEqual(1 / 64);
    // A step: no collapse below the threshold, every run above it, so the bracket is resolved.
    for (const p of b.probes) expect(p.successes).toBe(p.intensity >= threshold ? 20 : 0);
    expect(b.resolved).toBe(true);
  });

  it('sharded by shock: the shards\' records, replayed, give the unsharded result exactly; a cancelled shard gives a partial one, never a wrong one', async () => {
    // Best-responding hardliners whose influence moves only with shocks: a regime change or a domestic crisis
    // breaks the deal past a threshold (a real bisection, five probes); the others hold or are on/off.
    const s = structuredClone(base);
    s.target.typePrior = { sincere: 0, opportunist: 0, hardliner: 1 };
    s.target.decisionMode = 'best-response';
    s.target.domesticPolitics = { ...s.target.domesticPolitics, riseWhenUnrewardedPerPeriod: 0, riseWithPainPerPeriod: 0, fallWithReliefPerPeriod: 0 };
    const shocks = (['regimeChange', 'domesticCrisis', 'snapback', 'accessDenial'] as const).map((kind) => ({ kind, atPeriod: 5 }));
    const opts = { runsPerPoint: 20, relativeTolerance: 1 / 8 };
    const whole = await stressStudy(s, shocks, opts);
    expect(whole.shocks[1].result!.status).toBe('found');
    expect(whole.shocks[1].probes.length).toBe(5);
    const parts = [];
    for (const index of [1, 2, 3]) {
      const r = await stressStudy(s, shocks, { ...opts, shard: { index, count: 3 } });
      // Shard i searches shocks i - 1, i - 1 + 3, ...; only shard 1 runs the baseline.
      expect(r.partial!.searches.map((x) => x.index)).toEqual(index === 1 ? [0, 3] : [index - 1]);
      expect(r.partial!.baseline === null).toBe(index !== 1);
      parts.push(JSON.parse(JSON.stringify(r.partial)));
    }
    const merged = await stressStudy(s, shocks, { ...opts, parts: [parts[2], parts[0], parts[1]] });
    expect(merged).toEqual(whole);
    expect(merged.complete).toBe(true);

    // Refused, naming the part: a missing shard, one given twice, another study's, a probe moved.
    await expect(stressStudy(s, shocks, { ...opts, parts: [parts[0], parts[2]] })).rejects.toThrow(/shard 2\/3 missing; give the partials of all 3 shards/);
    await expect(stressStudy(s, shocks, { ...opts, parts: [parts[0], parts[1], parts[1]] })).rejects.toThrow(/part 3 \(shard 2\/3\): shard 2\/3 is given twice/);
    await expect(stressStudy(s, shocks, { ...opts, runsPerPoint: 21, parts })).rejects.toThrow(/part 1 belongs to another study/);
    const moved = structuredClone(parts[1]);
    moved.searches[0].probes[2][0] += 0.001;
    await expect(stressStudy(s, shocks, { ...opts, parts: [parts[0], moved, parts[2]] })).rejects.toThrow(/shock 2 \(domesticCrisis at period 5\): probe 3 was run at .*, but the search asks for/);
    const impossible = structuredClone(parts[1]);
    impossible.searches[0].probes[0][1] = 21;
    await expect(stressStudy(s, shocks, { ...opts, parts: [parts[0], impossible, parts[2]] })).rejects.toThrow(/part 2 \(shard 2\/3\) has a probe of 21 collapses in 20 runs/);
    await expect(stressStudy(s, shocks, { ...opts, shard: { index: 1, count: 5 } })).rejects.toThrow(/1\/5: needs 1 <= i <= N <= 4 \(a stress test shards by shock/);

    // A shard cancelled after its searches' first probes: the combined study keeps them and says it is partial.
    const ac = new AbortController();
    let seen = 0;
    const cut = await stressStudy(s, shocks, {
      ...opts,
      shard: { index: 2, count: 3 },
      signal: ac.signal,
      onProgress: () => {
        if (++seen === 1) ac.abort();
      },
    });
    expect(cut.partial!.complete).toBe(false);
    const partly = await stressStudy(s, shocks, { ...opts, parts: [parts[0], cut.partial!, parts[2]] });
    expect(partly.complete).toBe(false);
    expect(partly.shocks[0]).toEqual(whole.shocks[0]);
    expect(partly.shocks[3]).toEqual(whole.shocks[3]);
    // What the cut shard ran agrees with the whole study's first probes.
    const got = partly.shocks[1].probes;
    expect(got).toEqual(whole.shocks[1].probes.slice(0, got.length));
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(whole.shocks[1].probes.length);
    expect(partly.shocks[1].result).toBeNull();
  });

  it('cancelled: the searches stop and the result says it is partial', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await stressStudy(base, libraryShocks(base, 12).slice(0, 2), { runsPerPoint: 10, signal: ac.signal });
    expect(r.complete).toBe(false);
    expect(r.shocks.every((s) => s.result === null)).toBe(true);
  });
});

describe('scenario discovery', () => {
  it('finds the box where hardliners are likely and leaves the ignored lever unrestricted or insignificant', async () => {
    const r = await discoverStudy(base, { [HARDLINER]: [0, 0.8], [IGNORED]: [1, 12] }, { samples: 60, runsPerPoint: 20 });
    // Labels are the points' mean collapse against the threshold.
    r.means.forEach((m, i) => expect(r.data.y[i]).toBe(m >= 0.5 ? 1 : 0));
    const box = r.chosen!.inspection;
    expect(box.density).toBeGreaterThanOrEqual(0.8);
    const alarm = box.restrictions.find((x) => x.name === HARDLINER)!;
    expect(alarm.restrictsLow).toBe(true);
    expect(alarm.low).toBeGreaterThan(0.1);
    expect(alarm.quasiP).toBeLessThan(0.01);
    const ignored = box.restrictions.find((x) => x.name === IGNORED);
    if (ignored) expect(ignored.quasiP).toBeGreaterThan(0.01);
  });
});

describe('on a worker pool', () => {
  it('a study gives the same numbers on 2 worker threads as in this thread', async () => {
    const ranges = { [HARDLINER]: [0, 0.8] as [number, number] };
    const inThread = await sweepStudy(base, ranges, { outcome: 'collapsed', runsPerPoint: 40, levels: 3 });
    const pool = createNodeExperimentPool({ workers: 2 });
    try {
      const onPool = await sweepStudy(base, ranges, { outcome: 'collapsed', runsPerPoint: 40, levels: 3, pool });
      expect(onPool.sweep).toEqual(inThread.sweep);
      expect(onPool.differences).toEqual(inThread.differences);
    } finally {
      await pool.close();
    }
  });
});

describe('sweep line charts', () => {
  it('one small chart per lever, every level with its interval, from a real sweep', async () => {
    const { sweepLinesSpec, sweepLineRows } = await import('../../src/charts/analysis.ts');
    const { chartSvg } = await import('../../src/analysis/studies/index.ts');
    const r = await sweepStudy(base, { [HARDLINER]: [0, 0.8], [IGNORED]: [1, 12] }, { outcome: 'collapsed', runsPerPoint: 20, levels: 3 });
    const rows = sweepLineRows(r.sweep!);
    expect(rows).toHaveLength(6);
    for (const row of rows.filter((x) => x.factor === IGNORED)) expect(row.difference).toBe(0);
    for (const row of rows) expect((row.lo as number) <= (row.estimate as number) && (row.estimate as number) <= (row.hi as number)).toBe(true);
    const svg = await chartSvg(sweepLinesSpec(r.sweep!, { outcome: 'collapse probability', context: 'baseline' }));
    expect(svg).toContain(HARDLINER);
    expect(svg).toContain(IGNORED);
  });
});
