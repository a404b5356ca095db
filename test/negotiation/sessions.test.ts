import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../src/engine/rng.ts';
import {
  BOULWARE,
  CONCEDER,
  LINEAR,
  BAYESIAN,
  TIT_FOR_TAT,
  SUBGAME_PERFECT,
  NEGOTIATORS,
  compileProtocol,
  concessionTarget,
  createProtocol,
  createBayesian,
  createExternal,
  createTimeBased,
  createTitForTat,
  negotiatorByName,
  negotiatorsWhere,
  playSession,
  replaySession,
  roundRobin,
  runSessions,
  standings,
  sampleChance,
  Session,
  type Negotiator,
  type Observation,
  type Offer,
} from '../../src/negotiation/index.ts';
import { surplusSplit, twoTypeProblem } from './fixtures.ts';

/** A scripted negotiator: offers the given offers (or shares) in turn, the last one repeated, and rejects everything (Axelrod's MockPlayer). */
function scripted(offers: (number | Offer)[]): Negotiator {
  let i = 0;
  return {
    name: 'scripted',
    meta: { family: 'scripted', stochastic: false, usesOpponentModel: false, external: false, description: 'test script' },
    propose: () => {
      const o = offers[Math.min(i++, offers.length - 1)];
      return typeof o === 'number' ? { share: o } : o;
    },
    respond: () => 'reject',
  };
}

describe('sessions', () => {
  it('the same seed gives the same session, offer by offer; another seed another one', () => {
    const run = (seed: number) => runSessions({ protocol: twoTypeProblem(), coalition: BOULWARE, target: CONCEDER, sessions: 50, seed, keepLogs: true });
    const a = run(1);
    expect(run(1)).toEqual(a);
    expect(run(2).logs).not.toEqual(a.logs);
  });

  it('a recorded session replays to the same log and outcome, with no rng and no negotiators', () => {
    const r = runSessions({ protocol: twoTypeProblem(), coalition: BAYESIAN, target: LINEAR, sessions: 20, seed: 9, keepLogs: true });
    r.logs!.forEach((log, i) => {
      const s = replaySession(twoTypeProblem(), log);
      expect(s.log).toEqual(log);
      expect(s.outcome).toEqual(r.outcomes[i]);
    });
  });

  it('a log that does not fit is refused, naming the entry', () => {
    const log = [{ kind: 'type' as const, type: 'weak' }, { kind: 'offer' as const, round: 0, by: 'target' as const, offer: { frontLoadedShare: 0.5, detectionProbability: 0.5 } }];
    expect(() => replaySession(twoTypeProblem(), log)).toThrow(/log\[1\]: offer does not fit the session: .*coalition's turn to propose, not target's/);
  });

  it('payoffs are discounted to the round of agreement', () => {
    const s = new Session(surplusSplit(0.9, 0.8, { deadlineRounds: 5 }));
    s.propose('coalition', { share: 0.7 });
    s.respond('target', 'reject');
    s.propose('target', { share: 0.4 });
    s.respond('coalition', 'accept');
    expect(s.outcome!.roundsToAgree).toBe(2);
    expect(s.outcome!.payoff.coalition).toBeCloseTo(0.9 * 0.4, 15);
    expect(s.outcome!.payoff.target).toBeCloseTo(0.8 * 0.6, 15);
  });

  it('the deadline ends the talks after the last round, at the reservation discounted to then', () => {
    const p = { ...twoTypeProblem(), deadlineRounds: 3, breakdownProbability: 0, targetType: 'weak' };
    const s = new Session(p);
    const out = playSession(s, { coalition: scripted([{ frontLoadedShare: 0, detectionProbability: 0.9 }]), target: scripted([{ frontLoadedShare: 1, detectionProbability: 0.3 }]) }, createRng('d'));
    expect(out.kind).toBe('over');
    expect(s.outcome!.ending).toBe('deadline');
    expect(s.outcome!.payoff.coalition).toBeCloseTo(0.95 ** 3 * 0.2, 15);
    expect(s.log.filter((e) => e.kind === 'offer')).toHaveLength(3);
  });

  it('breakdown: chance after each rejection with the protocol probability', () => {
    const s = new Session({ ...surplusSplit(0.9, 0.9, { breakdownProbability: 0.25 }) });
    s.propose('coalition', { share: 1 });
    s.respond('target', 'reject');
    expect(s.phase).toBe('breakdown');
    expect(s.chanceOutcomes()).toEqual([['breakdown', 0.25], ['continue', 0.75]]);
    // Over many sessions of two never-agreeing scripts, the talks last 1/q rejections on average.
    const rng = createRng('b');
    let total = 0;
    for (let i = 0; i < 4000; i++) {
      const t = new Session(surplusSplit(0.9, 0.9, { breakdownProbability: 0.25, deadlineRounds: 10_000 }));
      playSession(t, { coalition: scripted([1]), target: scripted([0]) }, rng);
      total += t.outcome!.round;
    }
    // Rounds until breakdown ~ Geometric(0.25) on {1, 2, ...}: mean 4, sd sqrt(0.75) / 0.25 = 3.46, se 0.055.
    expect(Math.abs(total / 4000 - 4)).toBeLessThan(4 * 0.055);
  });

  it('a compiled protocol is checked once and frozen; sessions of it are the same as of the raw input', () => {
    const c = compileProtocol(twoTypeProblem());
    expect(() => {
      (c.protocol as { deadlineRounds: number }).deadlineRounds = 3;
    }).toThrow(TypeError);
    expect(() => {
      (c.protocol.coalition as { discount: number }).discount = 2;
    }).toThrow(TypeError);
    const a = runSessions({ protocol: c, coalition: LINEAR, target: CONCEDER, sessions: 20, seed: 4 });
    const b = runSessions({ protocol: twoTypeProblem(), coalition: LINEAR, target: CONCEDER, sessions: 20, seed: 4 });
    expect(a).toEqual(b);
  });

  it('sampleChance takes outcomes in order with one draw', () => {
    const fixed = (u: number) => () => u;
    expect(sampleChance([['a', 0.3], ['b', 0.7]], fixed(0.29))).toBe('a');
    expect(sampleChance([['a', 0.3], ['b', 0.7]], fixed(0.3))).toBe('b');
    expect(sampleChance([['a', 0.5], ['b', 0.5], ['c', 0]], fixed(0.9999999999999999))).toBe('b');
  });

  it('private information: the coalition sees the prior, never the type; complete: it sees the type', () => {
    const p = { ...twoTypeProblem(), targetType: 'tough' };
    const priv = new Session(p).observe('coalition');
    expect(priv.opponent.types.map((t) => [t.name, t.prior])).toEqual([['weak', 0.6], ['tough', 0.4]]);
    expect(priv.history.some((e) => e.kind === 'type')).toBe(false);
    const full = new Session({ ...p, information: 'complete' }).observe('coalition');
    expect(full.opponent.types.map((t) => [t.name, t.prior])).toEqual([['tough', 1]]);
  });

  it('the coalition may value the terms by the target type it faces (utilityByType)', () => {
    const share = (prefers: 'high' | 'low', reservation: number) => ({ issues: { share: { weight: 1, prefers } }, reservation });
    const protocol = (targetType: string, deadlineRounds = 1) => ({
      issues: [{ name: 'share', low: 0, high: 1 }],
      coalition: { discount: 0.9, utility: share('high', 0), utilityByType: { hardliner: share('high', 0.8) } },
      target: { discount: 0.9, types: [{ name: 'moderate', prior: 0.5, utility: share('low', 0.3) }, { name: 'hardliner', prior: 0.5, utility: share('low', 0.3) }] },
      deadlineRounds,
      information: 'complete' as const,
      targetType,
    });
    const play = (p: unknown) => {
      const s = new Session(p);
      playSession(s, { coalition: SUBGAME_PERFECT.create(createRng('a')), target: SUBGAME_PERFECT.create(createRng('b')) }, createRng('c'));
      return s.outcome!;
    };
    // Take it or leave it: the coalition offers the target exactly its reservation, keeping 0.7...
    const moderate = play(protocol('moderate'));
    expect(moderate.ending).toBe('agreement');
    expect(moderate.terms!.share).toBeCloseTo(0.7, 15);
    // ...unless no deal is worth more to it with this type (0.8 > 0.7): it walks away and gets 0.8.
    const hardliner = play(protocol('hardliner'));
    expect(hardliner.ending).toBe('walked-away');
    expect(hardliner.walkedAwayBy).toBe('coalition');
    expect(hardliner.payoff.coalition).toBe(0.8);
    // What it sees: under private information its prior-expected utility and the one per type.
    const priv = new Session({ ...protocol('hardliner'), information: 'private' }).observe('coalition');
    expect(priv.own.utility.reservation).toBeCloseTo(0.4, 15);
    expect(priv.own.byType!.map((u) => u.reservation)).toEqual([0, 0.8]);
    // The target knows its type, so what the terms are worth to the coalition facing it.
    expect(new Session(protocol('hardliner')).observe('target').opponent.types[0].utility.reservation).toBe(0.8);
    expect(() => createProtocol({ ...protocol('moderate'), coalition: { ...protocol('moderate').coalition, utilityByType: { ghost: share('high', 0) } } })).toThrow(/protocol\.coalition\.utilityByType\.ghost: is not one of the target's types/);
  });

  it('an offer outside the negotiated range is refused, naming the issue', () => {
    const s = new Session(surplusSplit(0.9, 0.9));
    expect(() => s.propose('coalition', { share: 1.5 })).toThrow(/offer by coalition\.share: 1\.5 is outside the negotiated range \[0, 1\]/);
    expect(() => s.propose('coalition', { sharee: 0.5 } as Offer)).toThrow(/offer by coalition\.sharee: is not an issue/);
    expect(() => s.propose('target', { share: 0.5 })).toThrow(/coalition's turn/);
  });
});

describe('negotiators', () => {
  it('registry: every entry has its metadata, and filters by it', () => {
    expect(NEGOTIATORS.map((n) => n.name)).toEqual(['subgame-perfect', 'boulware', 'linear', 'conceder', 'tit-for-tat', 'bayesian', 'external']);
    expect(negotiatorsWhere({ family: 'time-based' }).map((n) => n.name)).toEqual(['boulware', 'linear', 'conceder']);
    expect(negotiatorsWhere({ usesOpponentModel: true }).map((n) => n.name)).toEqual(['bayesian']);
    expect(negotiatorsWhere({ external: true }).map((n) => n.name)).toEqual(['external']);
    expect(negotiatorsWhere({ stochastic: true })).toEqual([]);
    for (const n of NEGOTIATORS) {
      expect(n.meta.description.length).toBeGreaterThan(10);
      expect(n.create(createRng('x')).meta).toEqual(n.meta);
    }
    expect(() => negotiatorByName('boulwar')).toThrow(/name: "boulwar" is not a negotiator/);
  });

  it('the time-dependent target: from best at t = 0 to the floor at t = 1; Linear is a straight line', () => {
    expect(concessionTarget(1, 0.2, 0, 0.2)).toBe(1);
    expect(concessionTarget(1, 0.2, 1, 2)).toBeCloseTo(0.2, 15);
    expect(concessionTarget(1, 0, 0.25, 1)).toBeCloseTo(0.75, 15);
    // Boulware e = 0.2 at t = 0.5: 1 - 0.5^5; Conceder e = 2: 1 - 0.5^0.5.
    expect(concessionTarget(1, 0, 0.5, 0.2)).toBeCloseTo(1 - 0.5 ** 5, 15);
    expect(concessionTarget(1, 0, 0.5, 2)).toBeCloseTo(1 - Math.SQRT1_2, 15);
  });

  it('property: Boulware concedes later than Conceder (its target is never lower, and its offers never more generous)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.99, noNaN: true }),
        fc.double({ min: 1.01, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (eb, ec, t, floor) => concessionTarget(1, floor, t, eb) >= concessionTarget(1, floor, t, ec) - 1e-15,
      ),
      { numRuns: 500, seed: 4 },
    );
    // In play, against the same never-accepting opponent: the coalition's share asked, round by round.
    const asked = (e: number) => {
      const s = new Session(surplusSplit(0.9, 0.9, { deadlineRounds: 21 }));
      playSession(s, { coalition: createTimeBased('t', e), target: scripted([0]) }, createRng('c'));
      return s.log.flatMap((x) => (x.kind === 'offer' && x.by === 'coalition' ? [x.offer.share] : []));
    };
    const b = asked(0.2);
    const c = asked(2);
    expect(b.length).toBe(c.length);
    b.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(c[i]));
    expect(b[0]).toBe(1);
    expect(c[0]).toBe(1);
    // Halfway, Boulware has given up about 3% of the surplus, Conceder about 70%.
    expect(b[5]).toBeGreaterThan(0.95);
    expect(c[5]).toBeLessThan(0.35);
  });

  it('tit-for-tat concedes what the opponent conceded (in its own utility), after one opening concession', () => {
    const s = new Session(surplusSplit(0.9, 0.9, { deadlineRounds: 12, firstProposer: 'target' }));
    // The target asks the coalition to accept shares 0, 0.1, 0.1, 0.3, ...: concessions 0.1, 0, 0.2.
    playSession(s, { coalition: createTitForTat(0.05), target: scripted([0, 0.1, 0.1, 0.3, 0.3, 0.3]) }, createRng('t'));
    const mine = s.log.flatMap((x) => (x.kind === 'offer' && x.by === 'coalition' ? [x.offer.share] : []));
    expect(mine[0]).toBe(1); // it opens at its best, having seen only the offer 0
    expect(mine[1]).toBeCloseTo(0.85, 14); // the opponent conceded 0.1 (0 -> 0.1), plus its opening concession 0.05
    expect(mine[2]).toBeCloseTo(0.85, 14); // the opponent conceded nothing (0.1 -> 0.1)
    expect(mine[3]).toBeCloseTo(0.65, 14); // the opponent conceded 0.2 (0.1 -> 0.3)
  });

  it('the Bayesian bargainer learns the target type from its offers', () => {
    for (const truth of ['weak', 'tough']) {
      const p = { ...twoTypeProblem(), targetType: truth, breakdownProbability: 0 };
      const s = new Session(p);
      const bayes = createBayesian();
      // Against a Linear target (the concession its likelihood assumes), every offer rejected up to the deadline.
      const target = createTimeBased('linear', 1);
      const seen: number[] = [];
      for (let k = 0; k < 80 && s.phase !== 'over'; k++) {
        const party = s.currentParty()!;
        const who = party === 'coalition' ? bayes : target;
        if (s.phase === 'propose') s.propose(party, who.propose(s.observe(party)) as Offer);
        else s.respond(party, 'reject');
        if (party === 'coalition' && s.phase === 'respond') seen.push(bayes.belief()[truth]);
      }
      expect(seen[0]).toBeCloseTo(truth === 'weak' ? 0.6 : 0.4, 15);
      expect(seen[seen.length - 1]).toBeGreaterThan(0.999);
    }
  });

  it('learning pays: the Bayesian coalition earns more than the subgame-perfect one that keeps the prior (paired, same seeds)', () => {
    const run = (coalition: typeof BAYESIAN) => runSessions({ protocol: twoTypeProblem(), coalition, target: SUBGAME_PERFECT, sessions: 400, seed: 21 }).outcomes;
    const learned = run(BAYESIAN);
    const fixed = run(SUBGAME_PERFECT);
    const diffs = learned.map((o, i) => o.payoff.coalition - fixed[i].payoff.coalition);
    const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
    const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (diffs.length - 1));
    expect(learned.map((o) => o.targetType)).toEqual(fixed.map((o) => o.targetType));
    expect(mean - 1.96 * (sd / Math.sqrt(diffs.length))).toBeGreaterThan(0);
  });

  it('external: waits for a move from outside, then resumes where it stopped', () => {
    const human = createExternal();
    const s = new Session(surplusSplit(0.9, 0.9, { deadlineRounds: 10 }));
    const rng = createRng('h');
    const negotiators = { coalition: human, target: SUBGAME_PERFECT.create(rng) };
    expect(playSession(s, negotiators, rng)).toEqual({ kind: 'awaiting', party: 'coalition', phase: 'propose' });
    expect(human.lastObservation()!.round).toBe(0);
    human.submitProposal({ share: 0.9 });
    // The subgame-perfect target rejects 0.9 and counters; the human is asked to reply.
    expect(playSession(s, negotiators, rng)).toEqual({ kind: 'awaiting', party: 'coalition', phase: 'respond' });
    expect(s.offerOnTable!.share).toBeLessThan(0.9);
    human.submitReply('accept');
    const end = playSession(s, negotiators, rng);
    expect(end.kind).toBe('over');
    expect(s.outcome!.roundsToAgree).toBe(2);
    expect(() => runSessions({ protocol: surplusSplit(0.9, 0.9), coalition: negotiatorByName('external'), target: BOULWARE, sessions: 1, seed: 1 })).toThrow(/coalition: external waits/);
  });

  it('outcomes over many sessions: agreement rate, rounds, terms with intervals, by type', () => {
    const r = runSessions({ protocol: twoTypeProblem(), coalition: TIT_FOR_TAT, target: CONCEDER, sessions: 400, seed: 1 });
    const s = r.summary;
    expect(s.sessions).toBe(400);
    expect(s.endings.agreement + s.endings.breakdown + s.endings.deadline + s.endings['walked-away']).toBe(400);
    expect(s.agreementRate.estimate).toBe(s.endings.agreement / 400);
    expect(s.agreementRate.ci95[0]).toBeLessThan(s.agreementRate.estimate);
    expect(s.roundsToAgree.n).toBe(s.endings.agreement);
    const agreed = r.outcomes.filter((o) => o.ending === 'agreement');
    const mean = agreed.reduce((a, o) => a + o.terms!.frontLoadedShare, 0) / agreed.length;
    expect(s.terms.frontLoadedShare.mean).toBeCloseTo(mean, 12);
    expect(s.byType.weak.sessions + s.byType.tough.sessions).toBe(400);
    // The type is drawn from the prior 0.6 / 0.4: 240 weak expected, sd 9.8.
    expect(Math.abs(s.byType.weak.sessions - 240)).toBeLessThan(30);
  });

  it('a stricter negotiator earns more when it does agree: Boulware vs Conceder on a known split', () => {
    const p = surplusSplit(0.95, 0.95, { deadlineRounds: 20 });
    const bc = runSessions({ protocol: p, coalition: BOULWARE, target: CONCEDER, sessions: 1, seed: 1 }).outcomes[0];
    const cb = runSessions({ protocol: p, coalition: CONCEDER, target: BOULWARE, sessions: 1, seed: 1 }).outcomes[0];
    expect(bc.ending).toBe('agreement');
    expect(cb.ending).toBe('agreement');
    expect(bc.terms!.share).toBeGreaterThan(0.5);
    expect(cb.terms!.share).toBeLessThan(0.5);
  });
});

describe('tournaments', () => {
  it('round robin: every pairing of unattended negotiators, on common random numbers', () => {
    const rows = roundRobin({ protocol: twoTypeProblem(), entries: NEGOTIATORS, sessions: 30, seed: 5 });
    const names = negotiatorsWhere({ external: false }).map((n) => n.name);
    expect(rows.map((r) => `${r.coalition}/${r.target}`)).toEqual(names.flatMap((c) => names.map((t) => `${c}/${t}`)));
    // The same seeds draw the same target types whoever plays.
    const mix = rows.map((r) => r.summary.byType.weak.sessions);
    expect(new Set(mix).size).toBe(1);
    // Standings: every negotiator once, its payoffs the session-weighted means of its rows.
    const table = standings(rows);
    expect(table.map((s) => s.name).sort()).toEqual([...names].sort());
    const sp = table.find((s) => s.name === 'subgame-perfect')!;
    const mine = rows.filter((r) => r.coalition === 'subgame-perfect');
    expect(sp.asCoalition).toBeCloseTo(mine.reduce((a, r) => a + r.summary.payoff.coalition.mean, 0) / mine.length, 12);
    for (let i = 1; i < table.length; i++) expect(table[i - 1].asCoalition + table[i - 1].asTarget).toBeGreaterThanOrEqual(table[i].asCoalition + table[i].asTarget);
    // And the same result as playing the pairing alone.
    expect(rows[1].summary).toEqual(runSessions({ protocol: twoTypeProblem(), coalition: SUBGAME_PERFECT, target: BOULWARE, sessions: 30, seed: 5 }).summary);
  });
});

// Observation is part of the public API: keep a use of it typed here.
export type { Observation };
