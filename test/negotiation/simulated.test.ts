import { describe, expect, it } from 'vitest';
import { runExperiment, createInThreadExperimentPool, type Experiment, type ExperimentPool, type RowSink } from '../../src/experiments/index.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { moments } from '../../src/stats/index.ts';
import { TARGET_TYPES, type Scenario } from '../../src/scenario/schema.ts';
import {
  analyseFamily,
  bargainOverFamily,
  designScenario,
  familyDesigns,
  NegotiationInputError,
  noDealScenario,
  parseNegotiationFile,
  resolveFamily,
  reweight,
  simulateFamily,
  withSchedule,
  createMatch,
  familyProtocol,
  negotiatorByName,
  runSessions,
  type MomentsCache,
} from '../../src/negotiation/index.ts';
import { runSeed } from '../../src/engine/rng.ts';

function load(file: string): Scenario {
  const r = loadScenarioFile(file);
  if (!r.ok) throw new Error(file);
  return r.scenario;
}
const base = load('scenarios/baseline.yaml');
const RUNS = 120;
const family = { parameters: [{ name: 'design.verification.detectionProbability', low: 0.2, high: 0.8, steps: 2 }] };
const coalition = { finalCompliance: 1, finalLeverage: 0.5, meanNeedMet: 0.5, collapsed: -0.5 };

/** Every run of one scenario through the experiments layer, independently of the negotiation code: type index and outcomes per run. */
async function rawRuns(s: Scenario, runs: number, seed: number): Promise<{ type: number; out: Record<string, number> }[]> {
  const e: Experiment = { name: 'raw', description: '', base: s, design: { parameters: [], values: [[]] }, runsPerPoint: runs, masterSeed: seed, outcomes: ['finalCompliance', 'finalLeverage', 'meanNeedMet', 'collapsed', 'targetUtility'] };
  const rows: { type: number; out: Record<string, number> }[] = [];
  const sink: RowSink = {
    begin() {},
    point(p) {
      const w = p.layout.width;
      const at = p.layout.realised.length;
      for (let r = 0; r < p.runs; r++) rows.push({ type: p.records[r * w], out: Object.fromEntries(p.layout.outcomes.map((m, j) => [m, p.records[r * w + at + j]])) });
    },
  };
  await runExperiment(e, { sink });
  return rows;
}

function countingPool(): ExperimentPool & { chunks: number } {
  const inner = createInThreadExperimentPool();
  const pool = {
    chunks: 0,
    size: 1,
    prepare: (s: Parameters<ExperimentPool['prepare']>[0]) => inner.prepare(s),
    runChunk: (c: Parameters<ExperimentPool['runChunk']>[0]) => {
      pool.chunks++;
      return inner.runChunk(c);
    },
    cancel: () => inner.cancel(),
    close: () => inner.close(),
  };
  return pool;
}

describe('utilities from simulation', () => {
  it("each party's utility per type is the mean of its weighted outcomes over the runs that drew that type, with that mean's SE", async () => {
    const sim = await simulateFamily({ base, family, runsPerDesign: RUNS, masterSeed: 3, utility: { coalition } });
    const resolved = resolveFamily(base, family);
    const designs = familyDesigns(resolved);
    expect(sim.table.designs.map((d) => d.design.id)).toEqual(['design.verification.detectionProbability=0.2', 'design.verification.detectionProbability=0.8']);
    const check = async (s: Scenario, utility: Record<string, Record<string, { mean: number; se: number }>>) => {
      const rows = await rawRuns(s, RUNS, 3);
      for (const [ti, t] of TARGET_TYPES.entries()) {
        const mine = rows.filter((r) => r.type === ti);
        const c = moments(Float64Array.from(mine, (r) => r.out.finalCompliance + 0.5 * r.out.finalLeverage + 0.5 * r.out.meanNeedMet - 0.5 * r.out.collapsed));
        const u = moments(Float64Array.from(mine, (r) => r.out.targetUtility));
        expect(utility.coalition[t].mean).toBeCloseTo(c.mean, 10);
        expect(utility.coalition[t].se).toBeCloseTo(c.se, 10);
        expect(utility.target[t].mean).toBeCloseTo(u.mean, 9);
        expect(utility.target[t].se).toBeCloseTo(u.se, 9);
      }
    };
    for (const [i, d] of designs.entries()) await check(designScenario(base, resolved, d), sim.table.designs[i].utility);
    await check(noDealScenario(base), sim.table.outsideOption);
    await check(base, sim.current.utility);
  });

  it('a type signs exactly where its simulated utility is at least its simulated no-deal utility', async () => {
    const sim = await simulateFamily({ base, family: { parameters: [{ name: 'frontLoadedShare', low: 0, high: 1, steps: 3 }] }, runsPerDesign: RUNS, masterSeed: 5 });
    const a = analyseFamily(sim.table);
    let signs = 0;
    let refuses = 0;
    a.designs.forEach((d, i) =>
      d.acceptance.byType.forEach((t) => {
        const u = sim.table.designs[i].utility.target[t.type].mean;
        const o = sim.table.outsideOption.target[t.type].mean;
        expect(t.signs).toBe(u >= o);
        if (t.signs) signs++;
        else refuses++;
      }),
    );
    // Every (design, type) pair was checked. Under the exact best response (#9) every type of
    // the baseline signs these designs (the hardliner does better cheating inside a deal than
    // under full sanctions), so both sides of the crossing are the job of the acceptance-flip test.
    expect(signs + refuses).toBe(a.designs.length * 3);
  });

  it('the same spec gives the same table; cached designs are not run again and give the same bits', async () => {
    const cache: MomentsCache = new Map();
    const pool = countingPool();
    const spec = { base, family, runsPerDesign: RUNS, masterSeed: 3 };
    const a = await simulateFamily(spec, { cache, pool });
    const first = pool.chunks;
    expect(first).toBeGreaterThan(0);
    const b = await simulateFamily(spec, { cache, pool });
    expect(pool.chunks).toBe(first);
    const c = await simulateFamily(spec);
    expect(JSON.stringify(b.table)).toBe(JSON.stringify(a.table));
    expect(JSON.stringify(c.table)).toBe(JSON.stringify(a.table));
    // A wider family re-runs only its new designs.
    await simulateFamily({ ...spec, family: { parameters: [{ name: 'design.verification.detectionProbability', low: 0.2, high: 0.8, steps: 3 }] } }, { cache, pool });
    expect(pool.chunks - first).toBe(first / 4);
  });

  it('reweighting gives the table a fresh simulation with those weights gives, without runs', async () => {
    const a = await simulateFamily({ base, family, runsPerDesign: RUNS, masterSeed: 3 });
    const b = await simulateFamily({ base, family, runsPerDesign: RUNS, masterSeed: 3, utility: { coalition } });
    const r = reweight(a, base, { coalition });
    for (const [i, d] of r.table.designs.entries()) {
      for (const t of TARGET_TYPES) {
        expect(d.utility.coalition[t].mean).toBeCloseTo(b.table.designs[i].utility.coalition[t].mean, 12);
        expect(d.utility.coalition[t].se).toBeCloseTo(b.table.designs[i].utility.coalition[t].se, 12);
      }
    }
  });

  it('the no-deal scenario releases nothing: no tranche, no incentive; its levers apply', () => {
    const s = noDealScenario(base, { 'thirdParty.evasionGrowthPerPeriod': 0.006 });
    expect(s.design.tranches).toEqual([]);
    expect(s.design.incentives.technicalAssistancePerPeriod).toBe(0);
    expect(s.thirdParty.evasionGrowthPerPeriod).toBe(0.006);
  });
});

describe('the rebuilt relief schedule', () => {
  it('n tranches: the first lifts the front-loaded share of every category, the rest split equally, tied to benchmarks in order', () => {
    const s = withSchedule(base, 3, 0.5);
    expect(s.design.tranches.map((t) => t.lifts)).toEqual([0.5, 0.25, 0.25].map((x) => ({ finance: x, energy: x, trade: x })));
    expect(s.design.tranches.map((t) => t.benchmarks)).toEqual([['declare'], ['dismantle'], ['reform']]);
    expect(s.design.tranches.map((t) => t.earliestPeriod)).toEqual([3, 17, 30]);
    expect(s.design.tranches.map((t) => t.sustainedPeriods)).toEqual([2, 4, 6]);
  });
  it('one tranche lifts everything on every benchmark; a share of 1 leaves out the tranches that lift nothing', () => {
    expect(withSchedule(base, 1, 0.3).design.tranches.map((t) => [t.lifts.finance, t.benchmarks])).toEqual([[1, ['declare', 'dismantle', 'reform']]]);
    expect(withSchedule(base, 4, 1).design.tranches.map((t) => t.id)).toEqual(['t1']);
  });
});

describe('bargaining over a simulated family', () => {
  it('one target type, complete information: subgame-perfect agents agree in round one, no breakdown, and the agreed design is implemented', async () => {
    const one = { ...base, target: { ...base.target, typePrior: { sincere: 1, opportunist: 0, hardliner: 0 } } };
    const sim = await simulateFamily({ base: one, family: { parameters: [{ name: 'frontLoadedShare', low: 0, high: 1, steps: 3 }] }, runsPerDesign: 60, masterSeed: 2 });
    expect(sim.table.targetTypes).toEqual([{ name: 'sincere', prior: 1 }]);
    const g = await bargainOverFamily(sim, one, { parameter: 'frontLoadedShare', discount: { coalition: 0.9, target: 0.8 }, deadlineRounds: 30, breakdownProbability: 0.3, information: 'complete', coalition: 'subgame-perfect', target: 'subgame-perfect', sessions: 50, seed: 1 });
    expect(g.summary.endings).toEqual({ agreement: 50, breakdown: 0, deadline: 0, 'walked-away': 0 });
    expect(g.summary.roundsToAgree.mean).toBe(1);
    expect(g.agreed).toHaveLength(1);
    expect(g.agreed[0].implementation.belief).toEqual({ sincere: 1, opportunist: 0, hardliner: 0 });
    expect(g.agreed[0].implementation.runs).toBe(60);
  });

  it('the family protocol is plain JSON a match takes: people play the simulated utilities as agents do', async () => {
    const sim = await simulateFamily({ base, family: { parameters: [{ name: 'frontLoadedShare', low: 0, high: 1, steps: 3 }] }, runsPerDesign: 40, masterSeed: 2 });
    const protocol = JSON.parse(JSON.stringify(familyProtocol(sim, { parameter: 'frontLoadedShare', discount: { coalition: 0.9, target: 0.8 }, deadlineRounds: 8, breakdownProbability: 0.1 })));
    const agents = runSessions({ protocol, coalition: negotiatorByName('boulware'), target: negotiatorByName('linear'), sessions: 4, seed: 9, keepLogs: true });
    for (let i = 0; i < 4; i++) expect(createMatch({ protocol, players: { coalition: 'boulware', target: 'linear' }, seed: runSeed(9, i) }).log).toEqual(agents.logs![i]);
    const m = createMatch({ protocol, players: { coalition: 'boulware', target: 'external' }, seed: 'x' });
    expect(m.view('target').issues).toEqual([{ name: 'frontLoadedShare', low: 0, high: 1 }]);
  });

  it('refuses a parameter the family does not vary, and values of the others off the grid', async () => {
    const sim = await simulateFamily({ base, family, runsPerDesign: 40, masterSeed: 2 });
    const spec = { discount: { coalition: 0.9, target: 0.8 }, deadlineRounds: 5, coalition: 'boulware', target: 'conceder', sessions: 5, seed: 1 };
    await expect(bargainOverFamily(sim, base, { ...spec, parameter: 'frontLoadedShare' })).rejects.toThrow(/bargaining.parameter: "frontLoadedShare" is not a parameter of the family/);
    await expect(bargainOverFamily(sim, base, { ...spec, parameter: 'design.verification.detectionProbability', coalition: 'external' })).rejects.toThrow(/bargaining.coalition: external waits for a person/);
  });
});

describe('bad input names the field and the allowed range', () => {
  const fails = (f: () => unknown, field: string, message: RegExp) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(NegotiationInputError);
      expect((e as NegotiationInputError).field).toBe(field);
      expect((e as Error).message).toMatch(message);
      return;
    }
    throw new Error('did not throw');
  };
  it('an empty family', () => fails(() => resolveFamily(base, { parameters: [] }), 'family.parameters', /is empty/));
  it('a range outside the lever\'s allowed values', () => fails(() => resolveFamily(base, { parameters: [{ name: 'design.verification.detectionProbability', low: 0.3, high: 1.5 }] }), 'family.parameters[0].high', /1.5 is outside the allowed values \[0, 1\]/));
  it('a schedule parameter outside its range', () => fails(() => resolveFamily(base, { parameters: [{ name: 'trancheCount', low: 0, high: 3, integer: true }] }), 'family.parameters[0].low', /0 is outside the allowed values \[1, 24\]/));
  it('an unknown lever', () => fails(() => resolveFamily(base, { parameters: [{ name: 'design.verification.detection', low: 0, high: 1 }] }), 'family.parameters[0].name', /has no field "detection"/));
  it('discount factors outside (0, 1)', () =>
    fails(() => parseNegotiationFile('scenario: b.yaml\nfamily: {}\nbargaining: { parameter: x, discount: { coalition: 0.9, target: 1 } }'), 'negotiation.bargaining.discount.target', /1 is not in \(0, 1\)/));
  it('an outcome no utility can weigh', async () => {
    await expect(simulateFamily({ base, family, runsPerDesign: 10, masterSeed: 1, utility: { coalition: { collapsePeriod: 1 } as never } })).rejects.toThrow(/utility.coalition.collapsePeriod: is not an outcome a utility can weigh/);
  });
  it('too few runs for every type to be drawn twice', async () => {
    await expect(simulateFamily({ base, family, runsPerDesign: 2, masterSeed: 1 })).rejects.toThrow(/runsPerDesign: only \d run\(s\) of .* drew the \w+ type/);
  });
  it('a run count that is not a whole number >= 2', async () => {
    await expect(simulateFamily({ base, family, runsPerDesign: 1.5, masterSeed: 1 })).rejects.toThrow(/runsPerDesign: 1.5 is not a whole number in \[2, 1000000\]/);
  });
});
