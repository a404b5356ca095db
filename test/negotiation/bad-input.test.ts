import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseNegotiationFile,
  acceptance,
  createProtocol,
  designGrid,
  frontierFromVertices,
  nashOnFrontier,
  NegotiationInputError,
  parseBargainingProblem,
  paretoFrontier,
  rubinsteinShare,
  runSessions,
  BOULWARE,
  validateDesignFamily,
  validateUtilityTable,
} from '../../src/negotiation/index.ts';
import { surplusSplit } from './fixtures.ts';

/** The error thrown by f, which must be a NegotiationInputError. */
function errorOf(f: () => unknown): NegotiationInputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NegotiationInputError);
    return e as NegotiationInputError;
  }
  throw new Error('expected an error');
}

describe('bad input: a clear error naming the argument', () => {
  it('an empty design family', () => {
    expect(errorOf(() => validateDesignFamily({ parameters: [] })).message).toBe('family.parameters: is empty: a design family needs at least one parameter with a range');
    expect(errorOf(() => validateUtilityTable({ parties: ['coalition', 'target'], targetParty: 'target', targetTypes: [{ name: 'a', prior: 1 }], designs: [], outsideOption: {} })).field).toBe('table.designs');
    expect(errorOf(() => paretoFrontier([])).field).toBe('points');
  });

  it('a parameter range with low > high', () => {
    const e = errorOf(() => designGrid({ parameters: [{ name: 'detection', low: 0.9, high: 0.3 }] }));
    expect(e.field).toBe('family.parameters[0].low');
    expect(e.message).toBe('family.parameters[0].low: 0.9 is above high (0.3); give low <= high');
  });

  it('a parameter range outside its allowed values', () => {
    const e = errorOf(() => validateDesignFamily({ parameters: [{ name: 'frontLoadedShare', low: 0, high: 1 }, { name: 'detection', low: 0.3, high: 1.2, allowed: [0, 1] }] }));
    expect(e.message).toBe('family.parameters[1].high: 1.2 is outside the allowed values [0, 1] of detection');
    const t = errorOf(() => validateDesignFamily({ parameters: [{ name: 'tranches', low: 1.5, high: 5, integer: true, allowed: [1, 10] }] }));
    expect(t.field).toBe('family.parameters[0].low');
    expect(t.message).toMatch(/whole numbers/);
  });

  it('discount factors outside (0, 1)', () => {
    for (const d of [0, 1, -0.1, 1.5]) {
      const e = errorOf(() => createProtocol(surplusSplit(d, 0.9)));
      expect(e.message).toBe(`protocol.coalition.discount: ${d} is not in (0, 1) (a discount factor per round)`);
    }
    expect(errorOf(() => createProtocol(surplusSplit(0.9, 1))).field).toBe('protocol.target.discount');
    expect(errorOf(() => rubinsteinShare(0.9, 1)).message).toBe('d2: 1 is not in (0, 1) (a discount factor per round)');
    expect(errorOf(() => rubinsteinShare(0, 0.5)).field).toBe('d1');
  });

  it('breakdown probability outside [0, 1)', () => {
    for (const q of [1, -0.01, 2]) {
      expect(errorOf(() => createProtocol(surplusSplit(0.9, 0.9, { breakdownProbability: q }))).message).toBe(
        `protocol.breakdownProbability: ${q} is not in [0, 1) (a breakdown probability per round)`,
      );
    }
    expect(errorOf(() => rubinsteinShare(0.9, 0.9, 1)).field).toBe('breakdownProbability');
  });

  it('every problem of a protocol at once', () => {
    const bad = { ...surplusSplit(1.2, 0, { breakdownProbability: 1, deadlineRounds: 0 }), issues: [{ name: 'share', low: 1, high: 0 }] };
    const e = errorOf(() => createProtocol(bad));
    expect(e.problems.map((p) => p.field).sort()).toEqual(['protocol.breakdownProbability', 'protocol.coalition.discount', 'protocol.deadlineRounds', 'protocol.issues[0].low', 'protocol.target.discount']);
  });

  it('utilities that do not fit the issues, priors that do not sum to 1, an unknown type', () => {
    const p = surplusSplit(0.9, 0.9);
    const weights = { ...p, coalition: { ...p.coalition, utility: { issues: { share: { weight: 0.5, prefers: 'high' as const } }, reservation: 0 } } };
    expect(errorOf(() => createProtocol(weights)).message).toMatch(/^protocol\.coalition\.utility\.issues: weights sum to 0\.5; they must sum to 1/);
    const unknown = { ...p, coalition: { ...p.coalition, utility: { issues: { share: { weight: 0.5, prefers: 'high' as const }, sharee: { weight: 0.5, prefers: 'high' as const } }, reservation: 0 } } };
    expect(errorOf(() => createProtocol(unknown)).field).toBe('protocol.coalition.utility.issues.sharee');
    const priors = { ...p, target: { ...p.target, types: [{ ...p.target.types[0], prior: 0.5 }] } };
    expect(errorOf(() => createProtocol(priors)).message).toBe('protocol.target.types: priors sum to 0.5; they must sum to 1');
    expect(errorOf(() => createProtocol({ ...p, targetType: 'ghost' })).field).toBe('protocol.targetType');
    expect(errorOf(() => createProtocol({ ...p, issues: [] })).message).toMatch(/protocol\.issues: is empty/);
  });

  it('other arguments', () => {
    expect(errorOf(() => acceptance([])).field).toBe('types');
    expect(errorOf(() => acceptance([{ type: 'a', prior: 1, utility: { mean: NaN, se: 0 }, outsideOption: { mean: 0, se: 0 } }])).field).toBe('types[0].utility.mean');
    expect(errorOf(() => frontierFromVertices([[0, 1], [0.5, 1.2]])).field).toBe('frontier.vertices[1]');
    expect(errorOf(() => nashOnFrontier(frontierFromVertices([[0, 1]]), [0, 0], 1)).field).toBe('power');
    expect(errorOf(() => runSessions({ protocol: surplusSplit(0.9, 0.9), coalition: BOULWARE, target: BOULWARE, sessions: 0, seed: 1 })).field).toBe('sessions');
    expect(errorOf(() => designGrid({ parameters: [{ name: 'a', low: 0, high: 1, steps: 1000 }, { name: 'b', low: 0, high: 1, steps: 1000 }] })).message).toMatch(/1000000 designs; at most 100000/);
  });
});

describe('bargaining problem files (YAML)', () => {
  it('the example in docs/negotiation.md is a valid problem', () => {
    const doc = readFileSync('docs/negotiation.md', 'utf8');
    // The bargaining problem's block (the negotiation file's block comes first, see the next test).
    const block = doc.match(/```yaml\n(issues:[\s\S]*?)```/);
    expect(block).not.toBeNull();
    const p = parseBargainingProblem(block![1]);
    expect(p.coalition.utilityByType?.opportunist.reservation).toBe(0.3);
    expect(p.targetType).toBe('sincere');
  });

  it('the negotiation file in docs/negotiation.md reads', () => {
    const doc = readFileSync('docs/negotiation.md', 'utf8');
    const block = doc.match(/```yaml\n(name:[\s\S]*?)```/);
    expect(block).not.toBeNull();
    const f = parseNegotiationFile(block![1]);
    expect(f.bargaining?.coalition).toBe('bayesian');
    expect(f.utility.members?.ally).toEqual({ finalCompliance: 1, meanNeedMet: 1 });
  });

  const yaml = `
issues:
  - { name: frontLoadedShare, low: 0, high: 1, allowed: [0, 1] }
coalition:
  discount: 0.95
  utility: { issues: { frontLoadedShare: { weight: 1, prefers: low } }, reservation: 0.2 }
target:
  discount: 0.9
  types:
    - name: sincere
      prior: 0.7
      utility: { issues: { frontLoadedShare: { weight: 1, prefers: high } }, reservation: 0.1 }
    - name: opportunist
      prior: 0.3
      utility: { issues: { frontLoadedShare: { weight: 1, prefers: high } }, reservation: 0.4 }
breakdownProbability: 0.05
deadlineRounds: 30
`;

  it('reads a problem and fills the defaults', () => {
    const p = parseBargainingProblem(yaml);
    expect(p.firstProposer).toBe('coalition');
    expect(p.information).toBe('private');
    expect(p.target.types.map((t) => t.name)).toEqual(['sincere', 'opportunist']);
    expect(runSessions({ protocol: p, coalition: BOULWARE, target: BOULWARE, sessions: 5, seed: 1 }).summary.sessions).toBe(5);
  });

  it('reports the field of a bad value, unreadable text, tags and unknown keys', () => {
    expect(errorOf(() => parseBargainingProblem(yaml.replace('discount: 0.9\n', 'discount: 1.2\n'))).message).toBe('protocol.target.discount: 1.2 is not in (0, 1) (a discount factor per round)');
    expect(errorOf(() => parseBargainingProblem('')).field).toBe('(file)');
    expect(errorOf(() => parseBargainingProblem('issues: [')).message).toMatch(/^\(file\): is not valid YAML/);
    expect(errorOf(() => parseBargainingProblem('issues: !include other.yaml')).message).toMatch(/YAML tag/);
    expect(errorOf(() => parseBargainingProblem(`${yaml}\ndeadline: 3\n`)).message).toMatch(/^protocol: unknown key\(s\) deadline/);
    expect(errorOf(() => parseBargainingProblem('- 1\n- 2')).message).toMatch(/mapping/);
  });
});
