import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { acceptanceRows, acceptanceSpec, reportOf, simulateFamily, zoneRows, zoneSpec } from '../../src/negotiation/index.ts';

const loaded = loadScenarioFile('scenarios/baseline.yaml');
if (!loaded.ok) throw new Error('baseline');
const base = loaded.scenario;

describe('negotiation charts', async () => {
  const sim = await simulateFamily({ base, family: { parameters: [{ name: 'frontLoadedShare', low: 0, high: 1, steps: 3 }] }, runsPerDesign: 60, masterSeed: 4 });
  const report = reportOf('charts', base, sim);

  it('acceptance: each bar sums to P(signed) and its parts are the mix among signers', () => {
    const rows = acceptanceRows(report);
    for (const d of report.designs) {
      const mine = rows.filter((r) => r.design === d.id);
      expect(mine.reduce((s, r) => s + (r.mass as number), 0)).toBeCloseTo(d.acceptance.signingProbability, 12);
      for (const r of mine) if (d.acceptance.signingProbability > 0) expect((r.mass as number) / d.acceptance.signingProbability).toBeCloseTo(d.acceptance.signersMix![r.type as string], 12);
    }
    expect(() => compile(acceptanceSpec(report) as never)).not.toThrow();
  });

  it('zone: every design once, no deal and the current design marked, the frontier inside the zone', () => {
    for (const t of report.targetTypes) {
      const rows = zoneRows(report, t.name);
      expect(rows.filter((r) => r.kind === 'no deal')).toHaveLength(1);
      expect(rows.filter((r) => r.kind === 'current design')).toHaveLength(1);
      expect(rows.filter((r) => r.kind === 'in the zone').map((r) => r.id)).toEqual(report.byType.find((b) => b.type === t.name)!.zone.map((z) => z.id));
      expect(rows.filter((r) => r.frontier === 1).every((r) => r.kind === 'in the zone')).toBe(true);
      expect(() => compile(zoneSpec(report, t.name) as never)).not.toThrow();
    }
    expect(() => zoneRows(report, 'nobody')).toThrow(/"nobody" is not a type of the report/);
  });
});
