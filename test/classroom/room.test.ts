import { describe, expect, it } from 'vitest';
import { createGame, restoreGame, type AnyAction, type LegalActions } from '../../src/index.ts';
import { computeDebrief, withInjectedShock } from '../../src/classroom/index.ts';
import { BASELINE, config, FAC, negotiationConfig, player, Recorder, replayed, token } from './helpers.ts';

/** A legal action for a seat: the first choice, or comply-and-report-honestly, or release every eligible tranche, or full aid. */
function firstLegal(legal: LegalActions): AnyAction {
  if (legal.kind === 'choices') return legal.choices[0];
  if (legal.kind === 'target') return { kind: 'act', moves: legal.benchmarks.map(() => 'comply'), reports: legal.benchmarks.map(() => 'honest') };
  if (legal.kind === 'release') return { kind: 'release', tranches: [...legal.eligible] };
  return { kind: 'allocate', carveOutShare: 1, reliefLinkedShare: 1 };
}

function lobby(r: Recorder) {
  r.must({ kind: 'guest' }, { type: 'join', name: 'Ana' }, token(1));
  r.must({ kind: 'guest' }, { type: 'join', name: 'Ben' }, token(2));
  r.must(player(0), { type: 'pick', role: 'coalition' });
  r.must(FAC, { type: 'assign', player: 1, role: 'target' });
}

/** Plays every due seat of people with its first legal action until the debrief. */
function playOut(r: Recorder) {
  for (let guard = 0; r.room.phase === 'implementation' && guard < 1000; guard++) {
    for (const role of r.room.peopleSeats()) {
      const p = r.room.holderOf(role)!;
      r.must(player(p.id), { type: 'act', action: firstLegal(r.room.game!.legalActions(role)), rationale: `because ${role}` });
    }
  }
}

describe('a classroom room', () => {
  it('goes from the lobby through an agreed negotiation and the class rounds to the debrief', async () => {
    const r = new Recorder(await negotiationConfig());
    lobby(r);
    expect(r.room.phase).toBe('lobby');
    r.must(FAC, { type: 'start' });
    expect(r.room.phase).toBe('negotiation');
    // The coalition proposes first; the target (a person) accepts: the design takes the agreed detection probability.
    r.must(player(0), { type: 'propose', value: 0.75 });
    expect(r.room.negotiation!.awaiting()).toBe('target');
    r.must(player(1), { type: 'respond', reply: 'accept' });
    expect(r.room.agreed).toEqual({ 'design.verification.detectionProbability': 0.75 });
    expect(r.room.phase).toBe('implementation');
    expect(r.room.scenario.design.verification.detectionProbability).toBe(0.75);
    expect(r.room.peopleSeats()).toContain('target');
    playOut(r);
    expect(r.room.phase).toBe('debrief');
    expect(r.room.game!.isTerminal()).toBe(true);
    // People decided in the first 3 periods only; every decision after is the AI's.
    const people = r.room.decisions.filter((d) => d.by === 'person');
    expect(people.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...people.map((d) => d.period))).toBe(2);
    expect(r.room.decisions.filter((d) => d.period >= 3).every((d) => d.by === 'ai')).toBe(true);
    expect(people.every((d) => d.rationale.startsWith('because'))).toBe(true);
  });

  it('replays its log to the same state (what a restart does)', async () => {
    const cfg = await negotiationConfig();
    const r = new Recorder(cfg);
    lobby(r);
    r.must(FAC, { type: 'start' });
    r.must(player(0), { type: 'propose', value: 0.5 });
    r.must(player(1), { type: 'respond', reply: 'reject' });
    r.must(player(1), { type: 'propose', offer: { 'design.verification.detectionProbability': 0.35 } });
    r.must(player(0), { type: 'respond', reply: 'accept' });
    const role = 'target';
    r.must(player(1), { type: 'act', action: firstLegal(r.room.game!.legalActions(role)), rationale: 'first' });
    r.must(FAC, { type: 'inject', shock: { kind: 'accessDenial' } });
    r.must(FAC, { type: 'inject', news: 'Talks in Geneva' });
    // The stored configuration is JSON (the prepared talks with it): the room rebuilt from it and the log is the same room.
    const stored = JSON.parse(JSON.stringify(cfg));
    expect(replayed(stored, r.log).digest()).toBe(r.room.digest());
    playOut(r);
    expect(replayed(stored, r.log).digest()).toBe(r.room.digest());
  });

  it('a walk-away means no deal: the implementation plays the design without relief', async () => {
    const r = new Recorder(await negotiationConfig());
    lobby(r);
    r.must(FAC, { type: 'start' });
    r.must(player(0), { type: 'walkAway' });
    const status = r.room.negotiation!.match.status;
    expect(status.kind === 'over' && status.outcome.ending).toBe('walked-away');
    expect(r.room.agreed).toBeNull();
    expect(r.room.scenario.design.tranches).toEqual([]);
    expect(r.room.phase).toBe('implementation');
  });

  it('refuses what a sender may not do, and changes nothing', async () => {
    const r = new Recorder(await negotiationConfig());
    lobby(r);
    const before = r.room.digest();
    const refused: [unknown, RegExp][] = [
      [r.send(player(0), { type: 'start' }), /only the facilitator/],
      [r.send(player(1), { type: 'pick', role: 'coalition' }), /taken by Ana/],
      [r.send(player(1), { type: 'pick', role: 'member:nobody' }), /not a role of this scenario/],
      [r.send(player(0), { type: 'propose', value: 0.5 }), /no negotiation now/],
      [r.send(player(0), { type: 'pick', role: 'verifier', seq: 0 }), /replayed or out-of-order/],
      [r.send(player(7), { type: 'pick', role: 'verifier' }), /no player 7/],
      [r.send({ kind: 'guest' }, { type: 'pick', role: 'verifier' }), /join the room first/],
      [r.send({ kind: 'clock' }, { type: 'advance', at: 'lobby' }), /only the facilitator|timer has not run out/],
    ];
    for (const [out, why] of refused) {
      expect(out).toMatchObject({ ok: false });
      expect((out as { error: string }).error).toMatch(why);
    }
    expect(r.room.digest()).toBe(before);
    r.must(FAC, { type: 'start' });
    const mid = r.room.digest();
    // The target may not move out of turn, and the coalition may not accept its own offer.
    expect(r.send(player(1), { type: 'propose', value: 0.5 })).toMatchObject({ ok: false, error: expect.stringMatching(/coalition's turn/) });
    expect(r.send(player(0), { type: 'propose', value: 1.5 })).toMatchObject({ ok: false, error: expect.stringMatching(/^offer\.design\.verification\.detectionProbability: 1\.5 is not in \[0\.3, 0\.9\]/) });
    expect(r.send(player(0), { type: 'respond', reply: 'accept' })).toMatchObject({ ok: false, error: expect.stringMatching(/no offer on the table/) });
    expect(r.room.digest()).toBe(mid);
    r.must(player(0), { type: 'propose', value: 0.6 });
    r.must(player(1), { type: 'respond', reply: 'accept' });
    const playing = r.room.digest();
    // Acting for another seat, an illegal action, a seat with nothing to decide.
    expect(r.send(player(0), { type: 'act', action: { kind: 'act', moves: ['comply'], reports: ['honest'] }, rationale: '' })).toMatchObject({ ok: false });
    expect(r.send(player(1), { type: 'act', action: { kind: 'act', moves: ['comply'], reports: ['honest'] }, rationale: '' })).toMatchObject({ ok: false, error: expect.stringMatching(/^action: /) });
    expect(r.send(player(1), { type: 'act', action: { kind: 'inspect' }, rationale: '' })).toMatchObject({ ok: false, error: expect.stringMatching(/^action: /) });
    expect(r.send(FAC, { type: 'advance', at: 'period 9, implementation' })).toMatchObject({ ok: false, error: expect.stringMatching(/already advanced/) });
    expect(r.send(FAC, { type: 'actAs', role: 'target', action: { kind: 'defy' }, rationale: '' })).toMatchObject({ ok: false, error: expect.stringMatching(/hot-seat/) });
    expect(r.room.digest()).toBe(playing);
  });

  it('advance lets the AI decide for seats that have not submitted; pause blocks players', () => {
    const r = new Recorder(config({ negotiation: null }));
    lobby(r);
    r.must(FAC, { type: 'start' });
    expect(r.room.phase).toBe('implementation');
    const at = r.room.moment();
    r.must(FAC, { type: 'pause' });
    const seat = r.room.peopleSeats()[0];
    expect(r.send(player(r.room.holderOf(seat)!.id), { type: 'act', action: firstLegal(r.room.game!.legalActions(seat)), rationale: '' })).toMatchObject({ ok: false, error: expect.stringMatching(/paused/) });
    r.must(FAC, { type: 'resume' });
    r.must(FAC, { type: 'advance', at });
    expect(r.room.moment()).not.toBe(at);
    expect(r.room.decisions.some((d) => d.by === 'ai-advanced' && d.role === seat)).toBe(true);
  });

  it('the round timer: the clock may advance only once it has run out', () => {
    const r = new Recorder(config({ negotiation: null }));
    lobby(r);
    r.must(FAC, { type: 'timer', seconds: 30 });
    r.must(FAC, { type: 'start' });
    const deadline = r.room.timerDeadline!;
    expect(deadline).toBeGreaterThan(0);
    const at = r.room.moment();
    expect(r.room.handle({ by: { kind: 'clock' }, at: deadline - 1, command: { type: 'advance', seq: 0, at } })).toMatchObject({ ok: false });
    expect(r.room.handle({ by: { kind: 'clock' }, at: deadline, command: { type: 'advance', seq: 0, at } })).toMatchObject({ ok: true });
    expect(r.room.moment()).not.toBe(at);
  });

  it('hot-seat: the facilitator plays the seats in turn on one screen', () => {
    const r = new Recorder(config({ hotSeat: true, negotiation: null, rounds: 2 }));
    r.must(FAC, { type: 'start' });
    for (let guard = 0; r.room.phase === 'implementation' && guard < 100; guard++) {
      const seat = r.room.peopleSeats()[0];
      r.must(FAC, { type: 'actAs', role: seat, action: firstLegal(r.room.game!.legalActions(seat)), rationale: 'turn' });
    }
    expect(r.room.phase).toBe('debrief');
    const people = new Set(r.room.decisions.filter((d) => d.by === 'person').map((d) => d.role));
    expect(people).toEqual(new Set(['target', 'verifier', 'aid']));
  });
});

describe('an injected shock', () => {
  it('keeps the past: the game replayed on the scenario with the shock appended is in the same state, and the shock fires next period', () => {
    const game = createGame(BASELINE, 'inject/1');
    for (let step = 0; step < 7; step++) {
      for (const role of game.pendingRoles()) game.applyPolicy(role, game.scenarioPolicy(role));
      game.advance();
    }
    const next = game.period + 1;
    const scenario = withInjectedShock(BASELINE, { kind: 'accessDenial', magnitude: 0.9 }, next);
    const restored = restoreGame(scenario, game.snapshot());
    for (const role of restored.roles) expect(restored.observe(role)).toEqual(game.observe(role));
    expect(restored.result().shockPeriods.at(-1)).toBe(next);
    while (restored.period < next + 1 && !restored.isTerminal()) {
      for (const role of restored.pendingRoles()) restored.applyPolicy(role, restored.scenarioPolicy(role));
      restored.advance();
    }
    expect(restored.observe('verifier').accessShare).toBeCloseTo(BASELINE.design.verification.access * 0.1, 9);
  });

  it('refuses a shock for a member the scenario lacks, naming the field', () => {
    expect(() => withInjectedShock(BASELINE, { kind: 'election', member: 'atlantis' }, 3)).toThrow(/shock.member: "atlantis" is not a coalition member \(lead, ally, partner\)/);
  });
});

describe('the debrief off the main thread', () => {
  it("computed from the game's snapshot, as the analysis thread does, equals the one from the live game", () => {
    const r = new Recorder(config({ negotiation: null, rounds: 1 }));
    lobby(r);
    r.must(FAC, { type: 'start' });
    playOut(r);
    expect(r.room.phase).toBe('debrief');
    const alternatives = [{ label: 'one tranche', tranches: [{ ...BASELINE.design.tranches[0], lifts: Object.fromEntries(BASELINE.design.categories.map((c) => [c.id, 1])) }] }];
    const live = computeDebrief(r.room.scenario, r.room.config.seed, r.room.game!, r.room.decisions, 1, alternatives, 20);
    const shipped = JSON.parse(JSON.stringify({ played: r.room.scenario, snapshot: r.room.game!.snapshot(), decisions: r.room.decisions }));
    const restored = computeDebrief(shipped.played, r.room.config.seed, restoreGame(shipped.played, shipped.snapshot), shipped.decisions, 1, alternatives, 20);
    expect(JSON.stringify(restored)).toBe(JSON.stringify(live));
  });
});
