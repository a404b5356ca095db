import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchemaText } from '../../src/cli/json-schema.ts';

describe('scenarios/schema.json', () => {
  it('is the JSON Schema generated from the zod scenario schema (run `npm run schema` after changing src/scenario/schema.ts)', () => {
    expect(readFileSync('scenarios/schema.json', 'utf8')).toBe(scenarioJsonSchemaText());
  });
  it('describes the fields an editor should offer, with their ranges, and refuses unknown keys', () => {
    const s = JSON.parse(scenarioJsonSchemaText());
    expect(s.required).toEqual(expect.arrayContaining(['metadata', 'coalition', 'design']));
    expect(s.additionalProperties).toBe(false);
    const fa = s.properties.design.properties.verification.properties.falseAlarmProbability;
    expect([fa.minimum, fa.maximum, fa.default]).toEqual([0, 1, 0.03]);
    expect(s.properties.horizonPeriods.maximum).toBe(600);
  });
});
