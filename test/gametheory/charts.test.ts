import { describe, expect, it } from 'vitest';
import { auditDesign, auditHeatMapSpec } from '../../src/audit/index.ts';
import { entrantsByName, playTournament, tournamentMatrixSpec, tournamentRankingSpec } from '../../src/tournament/index.ts';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { plainRows, renderSpec } from '../charts/render.ts';

const iran = loadScenarioFile('scenarios/cases/iran-jcpoa-2015.yaml');
if (!iran.ok) throw new Error('the Iran case does not load');

describe('audit and tournament charts render without warnings', () => {
  it('the heat map: one cell per (period, tranche) the type decided, the weak link outlined', async () => {
    const a = auditDesign(iran.scenario, { runs: 20, fixes: false, thresholds: false });
    const spec = auditHeatMapSpec(a, 'hardliner');
    const warnings: string[] = [];
    const view = await renderSpec(spec, warnings);
    expect(warnings).toEqual([]);
    const cells = plainRows(view, 'cells');
    expect(cells.length).toBe(a.heat.filter((c) => c.type === 'hardliner').length);
    expect(cells.some((c) => (c.margin as number) < 0)).toBe(true);
    expect(plainRows(view, 'weak')).toHaveLength(1);
    expect(() => auditHeatMapSpec({ ...a, heat: [] }, 'sincere')).toThrow('no runs of type sincere');
  });

  it('the ranking and the payoff matrix', async () => {
    const r = playTournament(iran.scenario, { runs: 5, sanctioners: entrantsByName('coalition', ['snapback', 'lenient'], 's'), targets: entrantsByName('target', ['always-comply', 'best-response'], 't'), outcomes: ['finalCompliance'] });
    for (const spec of [tournamentRankingSpec(r, 'finalCompliance'), tournamentMatrixSpec(r, 'finalCompliance')]) {
      const warnings: string[] = [];
      await renderSpec(spec, warnings);
      expect(warnings).toEqual([]);
    }
  });
});
