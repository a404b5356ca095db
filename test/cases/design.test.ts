import { describe, expect, it } from 'vitest';
import { caseDesignRow, groupThousands, percent } from '../../src/cases/design.ts';
import { tinyScenario } from './fixtures.ts';

describe('caseDesignRow', () => {
  const row = caseDesignRow(tinyScenario());
  it('lists each tranche with what it lifts and how it is delivered', () => {
    expect(row.phases).toEqual([
      'First: lifts trade 100%',
      'Second: lifts oil 50% (licence for 4 periods, renewed on clean reports; permanent after 2 renewals; reaches the target 2 periods after release; 90% delivered)',
      't3: lifts oil 50%',
    ]);
  });
  it('says what releases each tranche, including time-based ones', () => {
    expect(row.releaseTriggers).toEqual(['First: b1 verified at 100%; not before period 3', 'Second: b1, b2 verified at 80% held for 6 periods', 't3: time-based: period 12']);
  });
  it('describes the verifier, the consequence rule and the humanitarian channel from the schema defaults', () => {
    expect(row.horizon).toBe('24 periods of 1 month');
    expect(row.verifier).toBe('access 90%; inspection every 1 period; detection p 0.6; false alarm q 0.03; report lag 1 period; no cross-checks; public report every 3 periods; verifiability b2 0.5');
    expect(row.consequenceRule).toBe('trigger: weighted majority of members; threshold: one flagged report; proportional re-imposition for good; dispute window 2 periods; capacity erodes 1% a period');
    expect(row.humanitarianChannel).toBe('carve-out 60,000 kUSD a period (non-discretionary); relief-linked 80,000 kUSD at full relief; safeguards: none; leakage 30% after safeguards; 20% held up by over-compliance');
  });
  it('names safeguards and the effective leakage after them', () => {
    const s = tinyScenario({ design: { humanitarian: { baseLeakage: 0.2, ringFencedAccounts: true, thirdPartyMonitoring: true, safeguardEffectiveness: 0.5, sunsetReviewPeriods: 6 } } });
    expect(caseDesignRow(s).humanitarianChannel).toContain('safeguards: ring-fenced accounts, third-party monitoring; leakage 5% after safeguards');
    expect(caseDesignRow(s).humanitarianChannel).toContain('exemptions reviewed every 6 periods (lapse 50% in a stalemate)');
  });
  it('shows late starts, discretionary release, vote caps, kept votes and a snapback window', () => {
    const s = tinyScenario({
      design: {
        benchmarks: [{ id: 'b1', startPeriod: 4 }, { id: 'b2', verifiability: 0.5 }],
        tranches: [
          { id: 'First', name: 'First', lifts: { trade: 1 }, benchmarks: ['b1'], earliestPeriod: 3, releaseRule: 'discretionary', releaseBeliefThreshold: 0.9 },
          { id: 't3', lifts: { oil: 0.5 }, earliestPeriod: 12 },
          { id: 't4', lifts: { oil: 0.5 }, benchmarks: ['b2'], sustainedPeriods: 4, sustainedFromEarliest: true, earliestPeriod: 20, clearanceHazardPerPeriod: 0.05 },
        ],
      },
      coalition: { members: [{ id: 'a', weight: 0.5, maxVoteProbability: 0.2, votesAfterEasing: true }, { id: 'b', weight: 0.5 }] },
      shocks: [{ kind: 'snapback', member: 'b', atPeriod: 10, disputeWindowPeriods: 1 }],
    });
    const r = caseDesignRow(s);
    expect(r.releaseTriggers[0]).toBe("First: b1 verified at 100% (work starts: b1 from period 4); not before period 3; at the coalition's discretion (belief in sincerity at least 0.9)");
    expect(r.releaseTriggers[2]).toBe('t4: b2 verified at 100% held for 4 periods counted from period 20; not before period 20; waits for a political clearance (chance 5% a period from period 20)');
    expect(r.consequenceRule).toContain('; vote capped: a 20%; keep their vote after easing: a; b\'s snapback window 1 period');
  });
  it('says when there is no re-imposition mechanism', () => {
    expect(caseDesignRow(tinyScenario({ design: { consequences: { trigger: 'none' } } })).consequenceRule).toBe('trigger: none (no re-imposition)');
  });
});

describe('number formats', () => {
  it('percent keeps at most one decimal', () => expect([percent(0.045), percent(1), percent(0.12345)]).toEqual(['4.5%', '100%', '12.3%']));
  it('groupThousands does not depend on the locale', () => expect([groupThousands(454000), groupThousands(999), groupThousands(-1234567)]).toEqual(['454,000', '999', '-1,234,567']));
});
