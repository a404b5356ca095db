import { describe, expect, it } from 'vitest';
import { inMonths, plainHelp } from '../../web/src/editor/field-input.ts';
import { describeNode, fieldAt } from '../../web/src/editor/schema-fields.ts';
import { unitOf } from '../../web/src/editor/units.ts';

describe('the form in words', () => {
  it('drops or spells out the equation symbols of the schema help', () => {
    expect(plainHelp('utility per period of full relief versus full sanctions (pi_R - pi_S)')).toBe('utility per period of full relief versus full sanctions');
    expect(plainHelp('how much hardliner influence raises the gain from cheating (g x (1 + m h))')).toBe('how much hardliner influence raises the gain from cheating: at full hardliner influence the gain is multiplied by 1 + this value');
    expect(plainHelp('p: chance an inspection detects a real violation')).toBe('chance an inspection detects a real violation');
    expect(plainHelp('n: among the last n reports')).toBe('counted over this many of the latest reports');
    expect(plainHelp('also needs the coalition to believe the target sincere (releaseBeliefThreshold)')).toBe('also needs the coalition to believe the target sincere (release belief threshold)');
  });

  it('has no symbol left in any help text of the design levers', () => {
    const texts: string[] = [];
    for (const group of ['verification', 'consequences', 'humanitarian', 'incentives', 'reviews']) {
      const node = fieldAt(['design', group]).node;
      for (const [k, v] of Object.entries(node._zod.def.shape)) texts.push(plainHelp(describeNode(k, v).description));
    }
    for (const t of texts) expect(t, t).not.toMatch(/^[a-z]: |_[A-Z]| x \(|\(g\)/);
  });

  it('says months in labels, help and units when a period is a month, and periods otherwise', () => {
    expect(inMonths('Sustained periods', 1)).toBe('Sustained months');
    expect(inMonths('periods between inspections; per period', 1)).toBe('months between inspections; per month');
    expect(inMonths('Sustained periods', 3)).toBe('Sustained periods');
    const interval = fieldAt(['design', 'verification', 'inspectionIntervalPeriods']);
    expect(unitOf(interval, 1)).toBe('months');
    expect(unitOf(fieldAt(['design', 'humanitarian', 'carveOutAidPerPeriod']), 1)).toBe('kUSD per month');
    expect(unitOf(fieldAt(['design', 'humanitarian', 'carveOutAidPerPeriod']), 3)).toBe('kUSD per period');
  });
});
