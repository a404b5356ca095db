import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/node/scenario-files.ts';
import { runCli } from '../../src/cli/program.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const PRESETS = ['front-loaded', 'step-for-step', 'milestone-phased', 'back-loaded', 'escrow', 'time-limited-licence'] as const;

function load(file: string): Scenario {
  const r = loadScenarioFile(file);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`).join('\n'));
  return r.scenario;
}

const baseline = load('scenarios/baseline.yaml');

/** Every scenario shipped, in subfolders too; the schemas, the experiment files (scenarios/experiments/, test/experiments), the game files (scenarios/games/, test/gametheory) and the negotiation files (scenarios/negotiations/, test/negotiation) are not scenarios. */
function scenarioFiles(dir = 'scenarios'): string[] {
  return readdirSync(dir).flatMap((f) => {
    if (f === 'experiments' || f === 'experiment.schema.json') return [];
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return p === join('scenarios', 'games') || p === join('scenarios', 'negotiations') ? [] : scenarioFiles(p);
    return /\.(ya?ml|json)$/.test(f) && f !== 'schema.json' ? [p] : [];
  });
}

describe('sequencing presets differ from the baseline only in their sequencing', () => {
  for (const name of PRESETS) {
    describe(name, () => {
      const file = `scenarios/${name}.yaml`;
      const raw = parse(readFileSync(file, 'utf8'));
      const preset = load(file);

      it('extends baseline.yaml and states only metadata, design.preset and design.tranches', () => {
        expect(raw.extends).toBe('baseline.yaml');
        expect(Object.keys(raw).sort()).toEqual(['design', 'extends', 'metadata']);
        expect(Object.keys(raw.design).every((k) => k === 'preset' || k === 'tranches')).toBe(true);
        expect(preset.design.preset).toBe(name);
      });
      it('everything else is the baseline, value for value', () => {
        // The period length is metadata but changes what a period means: it must match too.
        const strip = (s: Scenario) => ({ ...s, metadata: s.metadata.periodLengthMonths, extends: null, design: { ...s.design, preset: null, tranches: null } });
        expect(strip(preset)).toEqual(strip(baseline));
      });
      it('lifts the whole package in the end', () => {
        const lifted = new Map<string, number>();
        for (const t of preset.design.tranches) for (const [c, x] of Object.entries(t.lifts)) lifted.set(c, (lifted.get(c) ?? 0) + x);
        for (const c of preset.design.categories) expect(lifted.get(c.id) ?? 0).toBeCloseTo(1, 12);
      });
      it("keeps the baseline's joint timeline: no benchmark rewarded earlier than the baseline rewards it", () => {
        for (const t of preset.design.tranches) {
          for (const b of t.benchmarks) {
            const steps = baseline.design.tranches.filter((s) => s.benchmarks.includes(b) && s.requiredLevel >= t.requiredLevel - 1e-12);
            const milestone = Math.min(...steps.map((s) => s.earliestPeriod));
            expect(t.earliestPeriod, `${t.id} rewards ${b}`).toBeGreaterThanOrEqual(milestone);
          }
        }
      });
    });
  }

  it('step-for-step is the baseline design', () => expect(load('scenarios/step-for-step.yaml').design.tranches).toEqual(baseline.design.tranches));
  for (const [name, delivery] of [['escrow', 'escrow'], ['time-limited-licence', 'licence']] as const) {
    it(`${name} is the baseline's steps with delivery: ${delivery}`, () => {
      const tranches = load(`scenarios/${name}.yaml`).design.tranches;
      expect(tranches.map((t) => t.delivery)).toEqual(baseline.design.tranches.map(() => delivery));
      expect(tranches.map((t) => ({ ...t, delivery: 'lift' }))).toEqual(baseline.design.tranches);
    });
  }
  it('back-loaded releases nothing before every benchmark is verified complete', () => {
    const [only, ...rest] = load('scenarios/back-loaded.yaml').design.tranches;
    expect(rest).toHaveLength(0);
    expect(only.benchmarks.sort()).toEqual(baseline.design.benchmarks.map((b) => b.id).sort());
    expect(only.requiredLevel).toBe(1);
  });
});

describe('every file in scenarios/ validates and runs', () => {
  const files = scenarioFiles();
  it('includes the baseline and every preset', () => {
    for (const name of ['baseline', ...PRESETS]) expect(files).toContain(join('scenarios', `${name}.yaml`));
  });
  it('relief-lab validate <all of them> exits 0 (the real command line)', () => {
    const r = spawnSync(process.execPath, ['bin/relief-lab.js', 'validate', ...files], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const f of files) expect(r.stdout).toContain(`${f}: ok`);
  });
  for (const f of files) {
    it(`relief-lab run ${f}`, async () => {
      let out = '';
      let err = '';
      const code = await runCli(['run', f, '--runs', '20', '--format', 'json'], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
      expect(err).toBe('');
      expect(code).toBe(0);
      const report = JSON.parse(out);
      expect(report.runs).toBe(20);
      for (const m of ['trueCompliance', 'leverage', 'needMet']) for (const v of report.periods[m].mean) expect(v).toBeGreaterThanOrEqual(0);
    });
  }
});
