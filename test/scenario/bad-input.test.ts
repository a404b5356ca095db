import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblems, loadScenarioFile } from '../../src/node/scenario-files.ts';
import { MAX_SCENARIO_CHARS } from '../../src/scenario/validate.ts';

/**
 * Malformed scenarios, each loaded through the library: the right kind of failure
 * ('invalid' or 'io', both exit 1 in the CLI) and a message that names the file,
 * the field and what is allowed. test/cli/cli-process.test.ts runs a few of these
 * through the real command line.
 */
const dir = mkdtempSync(join(tmpdir(), 'relief-bad-'));
copyFileSync('scenarios/baseline.yaml', join(dir, 'baseline.yaml'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(name: string, text: string) {
  writeFileSync(join(dir, name), text);
  const r = loadScenarioFile(join(dir, name));
  if (r.ok) throw new Error(`${name} was accepted`);
  return { kind: r.kind, text: formatProblems(r.problems), lines: r.problems.length };
}

/** A scenario that overrides the baseline with `yaml` (indented as top-level YAML). */
const over = (yaml: string) => `extends: baseline.yaml\n${yaml}\n`;

const cases: [name: string, text: string, expected: RegExp][] = [
  ['wrong-type.yaml', over('target: { discountFactor: high }'), /wrong-type\.yaml: target\.discountFactor: expected number, got the string "high"/],
  ['probability-out-of-range.yaml', over('design: { verification: { falseAlarmProbability: 1.4 } }'), /design\.verification\.falseAlarmProbability: 1\.4 is not in \[0, 1\]/],
  ['negative-share.yaml', over('design: { humanitarian: { baseLeakage: -0.2 } }'), /design\.humanitarian\.baseLeakage: -0\.2 is not in \[0, 1\]/],
  ['huge-horizon.yaml', over('horizonPeriods: 100000'), /horizonPeriods: 100000 is not in \[1, 600\]/],
  ['fractional-periods.yaml', over('design: { verification: { inspectionIntervalPeriods: 2.5 } }'), /inspectionIntervalPeriods: 2\.5 is not a whole number/],
  ['not-a-number.yaml', over('design: { verification: { detectionProbability: .nan } }'), /detectionProbability: NaN is not allowed; give a finite number/],
  ['missing-required.yaml', 'horizonPeriods: 12\n', /metadata: is missing \(expected a mapping[^\n]*\n[^\n]*coalition: is missing[^\n]*\n[^\n]*design: is missing/],
  ['missing-weight.yaml', over('coalition: { members: [ { id: solo } ] }'), /coalition\.members\[0\]\.weight: is missing \(expected number\)/],
  ['unknown-key.yaml', over('horizon: 60'), /unknown-key\.yaml: horizon: unknown key \(check the spelling; allowed: [^)]*horizonPeriods/],
  ['unknown-nested-key.yaml', over('design: { verification: { detectionProb: 0.5 } }'), /design\.verification\.detectionProb: unknown key \(check the spelling; allowed: [^)]*detectionProbability/],
  ['bad-enum.yaml', over('target: { decisionMode: random }'), /target\.decisionMode: "random" is not one of "best-response", "quantal", "scripted"/],
  ['prior-on-wrong-shock.yaml', over('shocks: [ { kind: election, member: lead, atPeriod: 3, typePrior: { sincere: 1, opportunist: 0, hardliner: 0 } } ]'), /shocks\[0\]\.typePrior: only a regimeChange takes a typePrior \(this shock is election\)/],
  ['regime-prior-sum.yaml', over('shocks: [ { kind: regimeChange, atPeriod: 3, typePrior: { sincere: 0.5, opportunist: 0.4, hardliner: 0.4 } } ]'), /shocks\[0\]\.typePrior: the three prior probabilities must sum to 1 \(they sum to 1\.3\)/],
  ['bad-uncertain.yaml', over('coalition: { members: [ { id: solo, weight: 1, resolve: { normal: [1, 2] } } ] }'), /resolve\.normal: unknown key \(check the spelling; allowed: uniform\)/],
  ['reversed-range.yaml', over('coalition: { members: [ { id: solo, weight: 1, resolve: { uniform: [5, 2] } } ] }\nshocks: []'), /resolve\.uniform: lower bound must not exceed upper bound/],
  ['weights-not-one.yaml', over('coalition: { members: [ { id: a, weight: 0.5 }, { id: b, weight: 0.3 } ] }\nshocks: []'), /coalition\.members: member weights must sum to 1/],
  ['pain-not-one.yaml', over('design: { categories: [ { id: finance, painWeight: 0.4 }, { id: energy, painWeight: 0.4 }, { id: trade, painWeight: 0.1 } ] }'), /design\.categories: painWeight values must sum to 1 \(they sum to 0\.9\)/],
  ['unknown-benchmark.yaml', over('design: { tranches: [ { id: t, lifts: { trade: 1 }, benchmarks: [declar] } ] }'), /design\.tranches\[0\]\.benchmarks\[0\]: unknown benchmark "declar" \(known: declare, dismantle, reform\)/],
  ['unknown-category.yaml', over('design: { tranches: [ { id: t, lifts: { oil: 1 } } ] }'), /design\.tranches\[0\]\.lifts\.oil: unknown category "oil" \(known: finance, energy, trade\)/],
  ['duplicate-ids.yaml', over('design: { benchmarks: [ { id: declare }, { id: declare } ], tranches: [] }'), /design\.benchmarks\[1\]\.id: duplicate benchmark id "declare"/],
  ['over-lifted.yaml', over('design: { tranches: [ { id: t, lifts: { trade: 0.5 } }, { id: u, lifts: { trade: 0.8 } } ] }'), /design\.tranches: tranches lift 1\.3 of category "trade"; at most 1 can be lifted/],
  ['shock-both.yaml', over('shocks: [ { kind: commodityPrice, atPeriod: 3, hazardPerPeriod: 0.1 } ]'), /shocks\[0\]: give exactly one of atPeriod \(scripted\), hazardPerPeriod \(by hazard rate\) or followsShock \(after another shock\)/],
  ['shock-late.yaml', over('shocks: [ { kind: commodityPrice, atPeriod: 70 } ]'), /shocks\[0\]\.atPeriod: 70 is not in \[0, 59\] \(the horizon\)/],
  ['bad-id.yaml', over('design: { categories: [ { id: 1finance, painWeight: 1 } ], tranches: [] }'), /design\.categories\[0\]\.id: "1finance" must start with a letter/],
  ['empty.yaml', '', /empty\.yaml: \(file\): is empty; a scenario needs at least metadata, coalition and design/],
  ['comments-only.yaml', '# nothing but a comment\n\n', /\(file\): has only comments or blank lines/],
  ['not-yaml.yaml', 'metadata: { name: [\n', /\(file\): is not valid YAML or JSON: .*line \d+, column \d+$/],
  ['bad-json.json', '{"metadata": {"name": "x"},, }', /bad-json\.json: \(file\): is not valid YAML or JSON/],
  ['a-list.yaml', '- metadata\n- design\n', /\(file\): must be a YAML or JSON mapping \(object\), got a list/],
  ['a-scalar.yaml', '42\n', /\(file\): must be a YAML or JSON mapping \(object\), got number 42/],
  ['a-string.yaml', 'hello world\n', /\(file\): must be a YAML or JSON mapping \(object\), got text \(11 characters\) rather than a mapping of fields; is this the right file\?$/],
  ['duplicate-keys.yaml', 'metadata: { name: a }\nmetadata: { name: b }\n', /duplicate-keys\.yaml: metadata: appears twice in the same mapping \(lines 1 and 2\); keys must be unique/],
  ['custom-tag.yaml', over('metadata: { name: !!js/function "function () { return 1 }" }'), /\(file\): Unresolved tag: .*js\/function.*YAML tags other than the standard ones are not accepted/],
  ['include-tag.yaml', over('metadata: { name: !include secrets.yaml }'), /Unresolved tag: !include/],
  ['anchors-bomb.yaml', ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefgh'[i]).join(', ')}]`)].join('\n') + '\n', /\(file\): is not valid YAML or JSON: Excessive alias count/],
  ['extends-number.yaml', 'extends: 5\n', /extends-number\.yaml: extends: expected a file name, got number/],
  ['extends-not-scenario.yaml', 'extends: /etc/passwd\n', /extends: "\/etc\/passwd" must name a \.yaml, \.yml or \.json scenario file/],
];

describe('malformed scenarios give a message naming the field and what is allowed', () => {
  it('at least 20 cases', () => expect(cases.length).toBeGreaterThanOrEqual(20));
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const r = load(name, text);
      expect(r.kind).toBe('invalid');
      expect(r.text).toMatch(expected);
      // One line per problem, each `file: path: message`; no stack frames.
      for (const line of r.text.split('\n')) expect(line).toMatch(/^[^:]+: [^:]+: \S/);
      expect(r.text).not.toMatch(/\n\s+at /);
    });
  }
});

describe('every problem at once', () => {
  it('reports each field problem on its own line', () => {
    const r = load('many.yaml', over('thirdParty: { maxEvasion: 2 }\ntarget: { discountFactor: 2, rationality: -1 }\ndesign: { verification: { detectionProbability: 7 } }'));
    expect(r.lines).toBe(4);
    expect(r.text).toMatch(/thirdParty\.maxEvasion: 2 is not in \[0, 1\]/);
    expect(r.text).toMatch(/target\.discountFactor: 2 is not in \[0, 0\.999\]/);
    expect(r.text).toMatch(/target\.rationality: -1 is not in \[0, 1000\]/);
    expect(r.text).toMatch(/design\.verification\.detectionProbability: 7 is not in \[0, 1\]/);
  });
});

describe('extends and files', () => {
  it('a cycle is named as such', () => {
    writeFileSync(join(dir, 'cycle-b.yaml'), 'extends: cycle-a.yaml\n');
    const r = load('cycle-a.yaml', 'extends: cycle-b.yaml\n');
    expect(r.text).toMatch(/cycle-b\.yaml: extends: cycle: cycle-a\.yaml -> cycle-b\.yaml -> cycle-a\.yaml; a scenario cannot extend itself/);
  });
  it('a file that extends itself', () => {
    expect(load('self.yaml', 'extends: self.yaml\n').text).toMatch(/self\.yaml: extends: cycle: self\.yaml -> self\.yaml/);
  });
  it('a missing base is reported on the file that names it, relative to that file', () => {
    const r = load('missing-base.yaml', 'extends: nowhere.yaml\n');
    expect(r.kind).toBe('io');
    expect(r.text).toMatch(/missing-base\.yaml: extends: "nowhere\.yaml": file not found \(looked for .*nowhere\.yaml; extends paths are relative to the file that names them\)/);
  });
  it('extends resolves relative to the file, not the current folder', () => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'child.yaml'), 'extends: ../baseline.yaml\nmetadata: { name: Child }\n');
    const r = loadScenarioFile(join(dir, 'sub', 'child.yaml'));
    expect(r.ok && r.scenario.metadata.name).toBe('Child');
  });
  it('a broken base is reported on the base', () => {
    writeFileSync(join(dir, 'broken-base.yaml'), 'metadata: [\n');
    const r = load('uses-broken.yaml', 'extends: broken-base.yaml\n');
    expect(r.text).toMatch(/broken-base\.yaml: \(file\): is not valid YAML or JSON/);
  });
  it('a file that does not exist', () => {
    const r = loadScenarioFile(join(dir, 'absent.yaml'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe('io');
      expect(formatProblems(r.problems)).toMatch(/absent\.yaml: \(file\): file not found; check the path/);
    }
  });
  it('a folder instead of a file', () => {
    const r = loadScenarioFile(dir);
    expect(!r.ok && r.kind).toBe('io');
    expect(!r.ok && formatProblems(r.problems)).toMatch(/is a folder, not a scenario file/);
  });
  it('a huge file is refused before parsing', () => {
    const r = load('huge.yaml', `# ${'x'.repeat(MAX_SCENARIO_CHARS)}\n`);
    expect(r.text).toMatch(/huge\.yaml: \(file\): is \d+ characters; at most 2000000 are accepted/);
  });
});
