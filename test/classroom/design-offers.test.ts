import { describe, expect, it } from 'vitest';
import {
  fitDesignUtilities,
  masterSeedOf,
  negotiationFamily,
  parseClientMessage,
  sideUtility,
  summariseAudit,
  type Command,
} from '../../src/classroom/index.ts';
import { auditDesign } from '../../src/audit/index.ts';
import { createMatch, familyProtocol, negotiatorByName, Session, simulateFamily, type UtilityTable } from '../../src/negotiation/index.ts';
import { createRng } from '../../src/engine/rng.ts';
import { BASELINE, config, FAC, negotiationConfig, ONE_LEVER, player, prepared, Recorder, token, TWO_LEVERS } from './helpers.ts';

const DETECTION = 'design.verification.detectionProbability';

function lobby(r: Recorder) {
  r.must({ kind: 'guest' }, { type: 'join', name: 'Ana' }, token(1));
  r.must({ kind: 'guest' }, { type: 'join', name: 'Ben' }, token(2));
  r.must(player(0), { type: 'pick', role: 'coalition' });
  r.must(player(1), { type: 'pick', role: 'target' });
  r.must(FAC, { type: 'start' });
}

describe('the classroom talks run on src/negotiation (the implementation relief-lab negotiate uses)', () => {
  it('over one lever the protocol is familyProtocol of simulateFamily on the same family, runs and seed', async () => {
    const p = await prepared(ONE_LEVER);
    const sim = await simulateFamily({ base: BASELINE, family: p.family, runsPerDesign: p.runsPerDesign, masterSeed: masterSeedOf('class/1') });
    expect(p.protocol).toEqual(familyProtocol(sim, { parameter: DETECTION, at: {}, discount: { coalition: 0.95, target: 0.9 }, deadlineRounds: 4, information: 'private' }));
    // The target's utility shown is the table's, design by design, and no deal's.
    const type = 'opportunist';
    const model = p.utility.target[type];
    const along = sim.table.designs.map((d) => [d.design.parameters[DETECTION], d.utility.target[type].mean]).sort((a, b) => a[0] - b[0]);
    expect(model).toEqual({ kind: 'tabulated', issue: DETECTION, points: along, reservation: sim.table.outsideOption.target[type].mean });
    // The rarest type (hardliner, prior 0.2) is drawn about ten times per design: 30 runs were raised to 50.
    expect(p.runsPerDesign).toBe(50);
  });

  it("a room's talks are a Match: the same people's moves on createMatch give the same log", async () => {
    const cfg = await negotiationConfig();
    const r = new Recorder(cfg);
    lobby(r);
    r.must(player(0), { type: 'propose', value: 0.8 });
    r.must(player(1), { type: 'respond', reply: 'reject' });
    r.must(player(1), { type: 'propose', value: 0.4 });
    const m = createMatch({ protocol: { ...cfg.prepared!.protocol, targetType: r.room.targetType }, players: { coalition: 'external', target: 'external' }, seed: 'class/1/negotiation' });
    m.submit('coalition', { kind: 'propose', offer: { [DETECTION]: 0.8 } });
    m.submit('target', { kind: 'reject' });
    m.submit('target', { kind: 'propose', offer: { [DETECTION]: 0.4 } });
    expect(r.room.negotiation!.match.log).toEqual(m.log);
  });

  it("the facilitator's advance plays the registry's boulware for the side whose turn it is", async () => {
    const cfg = await negotiationConfig();
    const r = new Recorder(cfg);
    lobby(r);
    r.must(FAC, { type: 'advance', at: r.room.moment() });
    // Boulware is deterministic: its opening offer is the one it makes in round 0 of the same protocol.
    const session = new Session({ ...cfg.prepared!.protocol, targetType: r.room.targetType });
    const opening = negotiatorByName('boulware').create(createRng('x')).propose(session.observe('coalition'));
    expect(r.room.negotiation!.offerOnTable()).toEqual(opening);
    expect(r.room.negotiation!.awaiting()).toBe('target');
  });
});

describe('offers on a whole design', () => {
  it('two levers: the proposal sets both, and the agreed design has both (the schedule rebuilt for the front-loaded share)', async () => {
    const cfg = await negotiationConfig(TWO_LEVERS);
    const r = new Recorder(cfg);
    lobby(r);
    const offer = { [DETECTION]: 0.8, frontLoadedShare: 0.25 };
    r.must(player(0), { type: 'propose', offer });
    expect(r.room.negotiation!.offerOnTable()).toEqual(offer);
    r.must(player(1), { type: 'respond', reply: 'accept' });
    expect(r.room.agreed).toEqual(offer);
    expect(r.room.scenario.design.verification.detectionProbability).toBe(0.8);
    const first = r.room.scenario.design.tranches[0];
    expect(Object.values(first.lifts).every((x) => x === 0.25)).toBe(true);
    expect(r.room.scenario.design.tranches).toHaveLength(BASELINE.design.tranches.length);
  });

  it('two levers: each side is shown the linear fit of the simulated corner designs, within the reported error', async () => {
    const p = await prepared(TWO_LEVERS);
    const sim = await simulateFamily({ base: BASELINE, family: p.family, runsPerDesign: p.runsPerDesign, masterSeed: masterSeedOf('class/1') });
    expect(sim.table.designs).toHaveLength(4);
    for (const d of sim.table.designs) {
      for (const t of sim.table.targetTypes) {
        const gap = Math.abs(sideUtility(p.utility.target[t.name], d.design.parameters) - d.utility.target[t.name].mean);
        expect(gap).toBeLessThanOrEqual(p.fitError.target[t.name] + 1e-9);
      }
      const expected = sim.table.targetTypes.reduce((a, t) => a + t.prior * d.utility.coalition[t.name].mean, 0);
      expect(Math.abs(sideUtility(p.utility.coalition, d.design.parameters) - expected)).toBeLessThanOrEqual(p.fitError.coalition + 1e-9);
    }
    // The front-loaded share moves the sincere target's utility (relief sooner); the protocol is one createMatch accepts.
    const sincere = p.utility.target.sincere;
    expect(sincere.kind === 'linear' && sincere.perIssue.frontLoadedShare.coefficient).toBeGreaterThan(0);
    expect(() => createMatch({ protocol: p.protocol, players: { coalition: 'boulware', target: 'boulware' }, seed: 's' })).not.toThrow();
  });

  it('the fit is exact on additive utilities and off by a quarter of the interaction otherwise', () => {
    const issues = [
      { path: 'a', low: 0, high: 1 },
      { path: 'b', low: 10, high: 20 },
    ];
    const u = (a: number, b: number, interaction: number) => 3 + 2 * a - 5 * ((b - 10) / 10) + interaction * a * ((b - 10) / 10);
    const table = (interaction: number): UtilityTable => ({
      parties: ['coalition', 'target'],
      targetParty: 'target',
      targetTypes: [{ name: 'sincere', prior: 1 }],
      designs: [
        [0, 10],
        [0, 20],
        [1, 10],
        [1, 20],
      ].map(([a, b]) => ({ design: { id: `${a},${b}`, parameters: { a, b } }, utility: { coalition: { sincere: { mean: u(a, b, interaction), se: 0 } }, target: { sincere: { mean: -u(a, b, interaction), se: 0 } } } })),
      outsideOption: { coalition: { sincere: { mean: 1, se: 0 } }, target: { sincere: { mean: -1, se: 0 } } },
    });
    const exact = fitDesignUtilities(table(0), issues);
    expect(exact.error.coalition).toBeCloseTo(0, 12);
    expect(sideUtility(exact.models.coalition, { a: 0.5, b: 15 })).toBeCloseTo(3 + 1 - 2.5, 12);
    expect(sideUtility(exact.models.target.sincere, { a: 1, b: 10 })).toBeCloseTo(-5, 12);
    const bent = fitDesignUtilities(table(4), issues);
    expect(bent.error.coalition).toBeCloseTo(1, 12);
  });

  it('refuses a malformed or out-of-range offer naming the lever and its range, and changes nothing', async () => {
    const cfg = await negotiationConfig(TWO_LEVERS);
    const r = new Recorder(cfg);
    lobby(r);
    const before = r.room.digest();
    const entries = r.log.length;
    const refused: [Record<string, unknown>, RegExp][] = [
      [{ offer: { [DETECTION]: 0.5 } }, /^offer\.frontLoadedShare: is missing: an offer sets every lever negotiated/],
      [{ offer: { [DETECTION]: 0.5, frontLoadedShare: 0.5, 'design.verification.accessProbability': 0.5 } }, /^offer\.design\.verification\.accessProbability: is not a lever of this negotiation/],
      [{ offer: { [DETECTION]: 0.95, frontLoadedShare: 0.5 } }, /^offer\.design\.verification\.detectionProbability: 0\.95 is not in \[0\.3, 0\.9\], the negotiated range/],
      [{ offer: { [DETECTION]: 0.5, frontLoadedShare: -0.1 } }, /^offer\.frontLoadedShare: -0\.1 is not in \[0, 1\]/],
      [{ value: 0.5 }, /^value: this negotiation is over 2 levers/],
      [{ value: 0.5, offer: { [DETECTION]: 0.5, frontLoadedShare: 0.5 } }, /not both/],
      [{}, /^offer: is missing/],
    ];
    for (const [fields, why] of refused) {
      const out = r.send(player(0), { type: 'propose', ...fields } as never);
      expect(out.ok).toBe(false);
      expect((out as { error: string }).error).toMatch(why);
    }
    // The hot-seat path checks the same way.
    expect(r.send(FAC, { type: 'negotiateAs', party: 'coalition', move: { kind: 'propose', offer: { [DETECTION]: 2, frontLoadedShare: 0 } } })).toMatchObject({ ok: false });
    expect(r.room.digest()).toBe(before);
    expect(r.log).toHaveLength(entries);
    expect(r.room.negotiation!.match.log.filter((e) => e.kind === 'offer')).toHaveLength(0);
  });

  it('the message schema refuses hostile offers and terms before they reach a room', () => {
    const bad: [unknown, RegExp][] = [
      [{ type: 'propose', seq: 1, offer: { [DETECTION]: 'high' } }, /^offer\.design\.verification\.detectionProbability: /],
      [{ type: 'propose', seq: 1, offer: { [DETECTION]: null } }, /^offer\./],
      [{ type: 'propose', seq: 1, offer: { a: 1, b: 1, c: 1, d: 1, e: 1 } }, /^offer: sets more than 4 levers/],
      [JSON.parse('{"type":"propose","seq":1,"offer":{"__proto__":0.5}}'), /^message: has a field named __proto__/],
      [{ type: 'propose', seq: 1, offer: { 'x;rm -rf': 1 } }, /^offer/],
      [{ type: 'propose', seq: 1, offer: [0.5] }, /^offer: /],
      [{ type: 'create', scenario: 'baseline', negotiation: { issues: [], deadlineRounds: 4 } }, /^negotiation/],
      [{ type: 'create', scenario: 'baseline', negotiation: { issues: Array.from({ length: 5 }, (_, i) => ({ path: `p${i}`, low: 0, high: 1 })), deadlineRounds: 4 } }, /^negotiation/],
      [{ type: 'create', scenario: 'baseline', negotiation: { issues: [{ path: DETECTION, low: 0, high: Infinity }], deadlineRounds: 4 } }, /^negotiation/],
    ];
    for (const [m, why] of bad) {
      const out = parseClientMessage(JSON.stringify(m));
      expect(out.ok, JSON.stringify(m)).toBe(false);
      expect((out as { error: string }).error).toMatch(why);
    }
    // The first version's one-lever form still reads, as one issue.
    const legacy = parseClientMessage(JSON.stringify({ type: 'create', scenario: 'baseline', negotiation: { issue: DETECTION, low: 0.3, high: 0.9 } }));
    expect(legacy.ok && (legacy.message as { negotiation: unknown }).negotiation).toEqual({ issues: [{ path: DETECTION, low: 0.3, high: 0.9 }], deadlineRounds: 6 });
    const ok = parseClientMessage(JSON.stringify({ type: 'propose', seq: 2, offer: { [DETECTION]: 0.5, frontLoadedShare: 0 } }));
    expect(ok.ok && (ok.message as Command)).toEqual({ type: 'propose', seq: 2, offer: { [DETECTION]: 0.5, frontLoadedShare: 0 } });
  });

  it('terms are checked against the scenario, naming the issue', () => {
    const bad: [unknown, RegExp][] = [
      [{ issues: [{ path: 'design.verification.nothing', low: 0, high: 1 }], deadlineRounds: 4 }, /^negotiation\.issues\[0\]\.path: /],
      [{ issues: [{ path: DETECTION, low: 0.3, high: 1.5 }], deadlineRounds: 4 }, /^negotiation\.issues\[0\]\.high: .*\[0, 1\]/],
      [{ issues: [{ path: DETECTION, low: 0.6, high: 0.3 }], deadlineRounds: 4 }, /^negotiation\.issues\[0\]\.low: 0\.6 is not below high/],
      [{ issues: [{ path: DETECTION, low: 0.3, high: 0.6 }, { path: DETECTION, low: 0.3, high: 0.6 }], deadlineRounds: 4 }, /^negotiation\.issues\[1\]\.path: .* appears twice/],
      [{ issues: [{ path: 'design.consequences.trigger', low: 0, high: 1 }], deadlineRounds: 4 }, /^negotiation\.issues\[0\]\.path: .*a design family varies numbers/],
    ];
    for (const [terms, why] of bad) expect(() => negotiationFamily(BASELINE, terms as never)).toThrow(why);
    expect(() => new Recorder(config({ negotiation: ONE_LEVER }))).toThrow(/not prepared/);
  });
});

describe('the audit beside an offer', () => {
  it('summarises auditDesign of the offered design: the weak tranche per type, its margin and the best response there', async () => {
    const cfg = await negotiationConfig(TWO_LEVERS);
    const r = new Recorder(cfg);
    lobby(r);
    r.must(player(0), { type: 'propose', offer: { [DETECTION]: 0.3, frontLoadedShare: 1 } });
    const design = r.room.negotiation!.designOf(r.room.negotiation!.offerOnTable()!);
    const report = auditDesign(design, { runs: 12, masterSeed: 1 });
    const summary = summariseAudit(report);
    expect(summary.types.map((t) => t.type).sort()).toEqual(Object.keys(report.weakLinkByType).sort());
    for (const t of summary.types) {
      const row = report.rows[report.weakLinkByType[t.type as 'sincere']!];
      expect(t).toMatchObject({ weakTranche: row.tranche, margin: row.margin, cheatingPays: row.margin < 0, bestResponseCheatShare: row.game.simulatedCheatShare });
      expect(t.stagesWherePays).toEqual(report.rows.filter((x) => x.type === t.type && x.margin < 0).map((x) => x.tranche));
    }
    expect(summary.weakLink.margin).toBe(Math.min(...report.rows.map((x) => x.margin)));
  });
});
