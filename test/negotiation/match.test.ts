import { describe, expect, it } from 'vitest';
import { runSeed, createRng } from '../../src/engine/rng.ts';
import {
  createMatch,
  NEGOTIATORS,
  negotiatorByName,
  restoreMatch,
  runSessions,
  rubinsteinShare,
  type Match,
  type Move,
  type Party,
} from '../../src/negotiation/index.ts';
import { surplusSplit, twoTypeProblem } from './fixtures.ts';

const agents = NEGOTIATORS.filter((n) => !n.meta.external);

/** Plays every person's turn with a shadow agent's decision, as a student copying that agent would. */
function playAs(match: Match, name: string, party: Party, seed: string): void {
  const shadow = negotiatorByName(name).create(createRng(`${seed}/${party}`));
  // The shadow needs the observations an agent gets: the session's own observe (through a replay of its calls).
  const session = (match as unknown as { session: { observe(p: Party): never; offerOnTable: never } }).session;
  while (match.status.kind === 'awaiting') {
    const s = match.status;
    expect(s.party).toBe(party);
    const obs = session.observe(party);
    let move: Move;
    if (s.phase === 'propose') {
      const p = shadow.propose(obs);
      move = p === 'end' ? { kind: 'end' } : { kind: 'propose', offer: p as Record<string, number> };
    } else {
      const r = shadow.respond(obs, session.offerOnTable);
      move = { kind: r as 'accept' | 'reject' | 'end' };
    }
    match.submit(party, move);
  }
}

describe('a match: people and agents over plain JSON', () => {
  it('two agents in a match play exactly session i of runSessions with the seed of session i', () => {
    for (const c of agents) {
      for (const t of [agents[0], agents[2], agents[5]]) {
        const many = runSessions({ protocol: twoTypeProblem(), coalition: c, target: t, sessions: 3, seed: 11, keepLogs: true });
        for (let i = 0; i < 3; i++) {
          const m = createMatch({ protocol: twoTypeProblem(), players: { coalition: c.name, target: t.name }, seed: runSeed(11, i) });
          expect(m.status.kind).toBe('over');
          expect(m.log).toEqual(many.logs![i]);
        }
      }
    }
  });

  it('a person who moves as an agent would gives the agent-versus-agent session, move for move', () => {
    for (const name of ['subgame-perfect', 'boulware', 'tit-for-tat', 'bayesian']) {
      for (const side of ['coalition', 'target'] as Party[]) {
        const seed = `class/${name}/${side}`;
        const other = side === 'coalition' ? 'target' : 'coalition';
        const players = { [side]: 'external', [other]: 'linear' } as Record<Party, string>;
        const m = createMatch({ protocol: twoTypeProblem(), players, seed });
        playAs(m, name, side, seed);
        const reference = createMatch({ protocol: twoTypeProblem(), players: { ...players, [side]: name }, seed });
        expect(m.log).toEqual(reference.log);
        expect(m.status).toEqual(reference.status);
      }
    }
  });

  it('Rubinstein through the match: a person accepting the subgame-perfect opening gets the closed-form share in round one', () => {
    for (const [d1, d2] of [[0.9, 0.8], [0.95, 0.7], [0.6, 0.6]]) {
      const m = createMatch({ protocol: surplusSplit(d1, d2), players: { coalition: 'subgame-perfect', target: 'external' }, seed: 's' });
      const v = m.view('target');
      expect(v.yourTurn).toBe(true);
      expect(v.phase).toBe('respond');
      expect(v.offerOnTable!.offer.share).toBeCloseTo(rubinsteinShare(d1, d2), 9);
      expect(v.offerOnTable!.utility).toBeCloseTo(1 - rubinsteinShare(d1, d2), 9);
      const end = m.submit('target', { kind: 'accept' });
      expect(end.kind === 'over' && end.outcome.roundsToAgree).toBe(1);
    }
  });

  it('snapshot and restore: JSON round trip, the same state, and play goes on identically', () => {
    const spec = { protocol: twoTypeProblem(), players: { coalition: 'bayesian', target: 'external' }, seed: 'room-7' };
    const m = createMatch(spec);
    m.submit('target', { kind: 'reject' });
    m.submit('target', { kind: 'propose', offer: { frontLoadedShare: 0.9, detectionProbability: 0.4 } });
    const saved = JSON.parse(JSON.stringify(m.snapshot()));
    const r = restoreMatch(saved);
    expect(r.log).toEqual(m.log);
    expect(r.view('target')).toEqual(m.view('target'));
    expect(r.view('coalition')).toEqual(m.view('coalition'));
    const move: Move = m.status.kind === 'awaiting' && m.status.phase === 'respond' ? { kind: 'reject' } : { kind: 'propose', offer: { frontLoadedShare: 0.8, detectionProbability: 0.5 } };
    m.submit('target', move);
    r.submit('target', move);
    expect(r.log).toEqual(m.log);
    expect(r.snapshot()).toEqual(m.snapshot());
  });

  it('views are plain JSON; the coalition never sees the type under private information, the target sees its own', () => {
    const m = createMatch({ protocol: twoTypeProblem(), players: { coalition: 'external', target: 'external' }, seed: 'x' });
    for (const party of ['coalition', 'target'] as Party[]) {
      const v = m.view(party);
      expect(JSON.parse(JSON.stringify(v))).toEqual(v);
    }
    expect(m.view('coalition').history.some((e) => e.kind === 'type')).toBe(false);
    expect(m.view('coalition').utility.map((u) => [u.type, u.prior])).toEqual([['weak', 0.6], ['tough', 0.4]]);
    expect(m.view('target').utility).toHaveLength(1);
    expect(m.view('target').history[0].kind).toBe('type');
  });

  it('an illegal move is refused naming what is allowed, and leaves the match unchanged', () => {
    const m = createMatch({ protocol: twoTypeProblem(), players: { coalition: 'external', target: 'boulware' }, seed: 'x' });
    const before = JSON.stringify(m.snapshot());
    expect(() => m.submit('target', { kind: 'accept' })).toThrow(/it is coalition's turn, not target's/);
    expect(() => m.submit('coalition', { kind: 'accept' })).toThrow(/move.kind: "accept": coalition proposes now \(propose with an offer, or end\)/);
    expect(() => m.submit('coalition', { kind: 'propose', offer: { frontLoadedShare: 1.2, detectionProbability: 0.5 } })).toThrow(/move.offer.frontLoadedShare: 1.2 is outside the negotiated range \[0, 1\]/);
    expect(() => m.submit('coalition', { kind: 'propose', offer: { frontLoadedShare: 0.5 } })).toThrow(/move.offer.detectionProbability: undefined is not a finite number/);
    expect(JSON.stringify(m.snapshot())).toBe(before);
    expect(() => createMatch({ protocol: twoTypeProblem(), players: { coalition: 'nobody', target: 'external' }, seed: 'x' })).toThrow(/spec.players.coalition: "nobody" is not a negotiator/);
    expect(() => restoreMatch({ ...m.snapshot(), log: [] })).toThrow(/snapshot.log: the replayed session differs/);
  });
});
