import { describe, expect, it } from 'vitest';
import { AuditInputError } from '../../src/audit/errors.ts';
import { defaultSanctioners, defaultTargets, entrantsByName, playTournament, tournamentMatrixSpec, tournamentRankingSpec } from '../../src/tournament/index.ts';
import { complyingScenario, analyticScenario } from '../helpers/analytic.ts';

describe('tournament entrants', () => {
  it('come from the registry by metadata: every non-external coalition policy, the parameter-free target policies', () => {
    expect(defaultSanctioners().map((d) => d.name)).toEqual(['design-rules', 'snapback', 'graduated', 'forgiving', 'tit-for-tat', 'lenient']);
    expect(defaultTargets().map((d) => d.name)).toEqual(['best-response', 'quantal', 'always-comply', 'always-cheat', 'cheat-while-access-denied', 'cheat-after-full-relief']);
  });
  it('by name, with a clear error for an unknown one or none', () => {
    expect(entrantsByName('coalition', ['lenient'], '--sanctioners')[0].name).toBe('lenient');
    expect(() => entrantsByName('coalition', ['nice'], '--sanctioners')).toThrow('--sanctioners[0]: unknown coalition policy "nice" (known: design-rules, snapback');
    expect(() => entrantsByName('target', [], '--targets')).toThrow('--targets: is empty');
  });
});

describe('a tournament whose ranking is known', () => {
  // An always-complying target, false alarms q = 0.05 per inspection, 20 periods, one
  // alarm enough for a dispute to be upheld: snapback re-imposes at the first upheld
  // alarm, forgiving and graduated at the second, lenient never. Run by run on common
  // random numbers, so false re-impositions order lenient < forgiving = graduated < snapback = tit-for-tat.
  const s = complyingScenario({ horizonPeriods: 20 });
  const sanctioners = entrantsByName('coalition', ['snapback', 'forgiving', 'graduated', 'tit-for-tat', 'lenient'], 'sanctioners');
  const targets = entrantsByName('target', ['always-comply'], 'targets');
  const r = playTournament(s, { runs: 400, masterSeed: 3, noise: 0.05, sanctioners, targets, outcomes: ['falseReimpositions', 'collapsed'] });
  const mean = (name: string) => r.rankings[0].entries.find((e) => e.sanctioner === name)!.mean;

  it('ranks false re-impositions as constructed', () => {
    const order = r.rankings[0].entries.map((e) => [e.sanctioner, e.rank]);
    expect(order).toEqual([['lenient', 1], ['forgiving', 2], ['graduated', 2], ['snapback', 4], ['tit-for-tat', 4]]);
    expect(mean('lenient')).toBe(0);
    // P(at least one alarm in 20 inspections) = 1 - 0.95^20 = 0.642; the first inspection's report arrives in period 1,
    // so 19 reports can be acted on within the horizon: 1 - 0.95^19 = 0.623. The CI must cover it.
    const e = r.rankings[0].entries.find((x) => x.sanctioner === 'snapback')!;
    const expected = 1 - 0.95 ** 19;
    expect(e.ci95[0]).toBeLessThan(expected);
    expect(e.ci95[1]).toBeGreaterThan(expected);
    expect(mean('forgiving')).toBeLessThan(mean('snapback'));
  });

  it('is deterministic: the same seed gives the same result, another seed another', () => {
    expect(playTournament(s, { runs: 400, masterSeed: 3, noise: 0.05, sanctioners, targets, outcomes: ['falseReimpositions', 'collapsed'] })).toEqual(r);
    expect(playTournament(s, { runs: 400, masterSeed: 4, noise: 0.05, sanctioners, targets, outcomes: ['falseReimpositions', 'collapsed'] }).rankings[0].entries).not.toEqual(r.rankings[0].entries);
  });

  it('charts read the result set: a ranking with CIs, a matrix of cells', () => {
    const ranking = tournamentRankingSpec(r, 'falseReimpositions');
    expect(ranking.datasets.ranking.map((x) => x.sanctioner)).toEqual(['lenient', 'forgiving', 'graduated', 'snapback', 'tit-for-tat']);
    expect(ranking.datasets.ranking.every((x) => (x.lo as number) <= (x.mean as number) && (x.mean as number) <= (x.hi as number))).toBe(true);
    const matrix = tournamentMatrixSpec(r, 'collapsed');
    expect(matrix.datasets.matrix).toHaveLength(5);
    expect(() => tournamentRankingSpec(r, 'meanNeedMet')).toThrow('outcome "meanNeedMet" is not in this tournament');
  });
});

describe('bad input', () => {
  const s = analyticScenario();
  it('names the field and the allowed range', () => {
    expect(() => playTournament(s, { runs: 0 })).toThrow(AuditInputError);
    expect(() => playTournament(s, { runs: 0 })).toThrow('runs: 0 is not a whole number in [1, 100000]');
    expect(() => playTournament(s, { runs: 1, noise: 1.5 })).toThrow('noise: 1.5 is not a probability in [0, 1]');
    expect(() => playTournament(s, { runs: 1, noise: NaN })).toThrow('noise: NaN');
    expect(() => playTournament(s, { runs: 1, sanctioners: [] })).toThrow('sanctioners: is empty');
    expect(() => playTournament(s, { runs: 1, outcomes: ['wins' as never] })).toThrow('outcomes[0]: unknown outcome "wins"');
  });
});
