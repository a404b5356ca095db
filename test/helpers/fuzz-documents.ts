import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { createRunner } from '../../src/engine/simulate.ts';
import { mergeDeep } from '../../src/scenario/extends.ts';
import { readScenario, validateScenario, type ScenarioError } from '../../src/scenario/validate.ts';
import { scenarioArb } from './arbitrary-scenario.ts';

/**
 * Random scenario documents for the fuzz test (issue #17): built from the
 * schema's shapes (random valid scenarios and the shipped files), then mutated
 * (values of the wrong type or out of range, NaN and infinities, hostile strings,
 * keys removed, added or renamed to `__proto__`, subtrees swapped, deep nesting),
 * written as YAML or JSON and, sometimes, damaged as text (a byte changed, cut
 * short, a line doubled, a NUL or BOM inserted). The invariant, `checkDocument`:
 * a clear error (every problem has a path and a one-line message, no stack), or
 * a scenario that runs with every period metric a finite number. Never an
 * uncaught exception.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const SHIPPED = ['baseline', 'front-loaded', 'back-loaded', 'escrow', 'cases/iran-jcpoa-2015', 'cases/libya-2003'].flatMap((name) => {
  try {
    const text = readFileSync(`scenarios/${name}.yaml`, 'utf8');
    const data = parse(text) as Record<string, Json>;
    // A preset extends the baseline: merge it so the document stands alone.
    if (typeof data.extends === 'string') {
      const { extends: _drop, ...rest } = data;
      return [mergeDeep(parse(readFileSync('scenarios/baseline.yaml', 'utf8')), rest) as Json];
    }
    return [data as Json];
  } catch {
    return [];
  }
});

const hostileStrings = ['', ' ', 'x', '=1+2', '@SUM(A1)', '-5', '1e3', '0x10', 'NaN', 'Infinity', 'null', 'true', '\u001b]0;pwned\u0007', 'a\nextends: ../../evil.yaml', '\u0000', '\u202e', '__proto__', 'constructor', '../../etc/passwd', 'ü'.repeat(70)];

/** Values put in place of a node. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(NaN, Infinity, -Infinity, -1, -0, 0, 0.5, 1, 2, 1e308, -1e308, 2 ** 53, 5e-324, 0.1 + 0.2, null, true, false, [], {}, [1, 2], [2, 1], { uniform: [1, 0] }, { uniform: [0, 1] }, { uniform: [0] }),
  fc.constantFrom<Json>(...hostileStrings),
  fc.double(),
  fc.integer({ min: -1000, max: 100_000 }),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 1, max: 200 }).map((depth) => {
    let v: Json = 1;
    for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
    return v;
  }),
);

const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '<<', 'extends', '$schema', 'unknownField', '', '1', '\u001b[2J'), fc.string({ maxLength: 8 }));

type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: Json }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'rename'; at: number; key: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: hostileKey, value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), key: hostileKey }) },
);

type TextDamage =
  | { kind: 'none' }
  | { kind: 'char'; at: number; char: string }
  | { kind: 'cut'; at: number }
  | { kind: 'doubleLine'; at: number }
  | { kind: 'prefix'; text: string };

const damageArb: fc.Arbitrary<TextDamage> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('char' as const), at: fc.nat(), char: fc.constantFrom(':', '{', '[', '"', "'", '\n', '\t', '\u0000', '&a', '*a', '!!js/function ', '? ', '- ', '#') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('doubleLine' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('prefix' as const), text: fc.constantFrom('\ufeff', '%YAML 1.1\n---\n', '--- !!map\n', 'extends: baseline.yaml\n', '\ufffd\ufffd') }) },
);

/** One fuzzed document: its text and how it was made (for a failure's report). */
export interface FuzzDocument {
  text: string;
  format: 'yaml' | 'json';
  mutations: Mutation[];
  damage: TextDamage;
}

/**
 * Valid scenarios to start from: drawn once (seeded) from the property tests'
 * random scenarios, so the many documents spend their time on mutations and
 * checks rather than on drawing whole scenarios again.
 */
const RANDOM_BASES = fc.sample(scenarioArb, { numRuns: 400, seed: 1717 }).map((s) => JSON.parse(JSON.stringify(s)) as Json);

export const fuzzDocumentArb: fc.Arbitrary<FuzzDocument> = fc
  .record({
    base: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...RANDOM_BASES) }, { weight: 1, arbitrary: fc.constantFrom(...SHIPPED) }),
    mutations: fc.array(mutationArb, { maxLength: 4 }),
    format: fc.constantFrom('yaml' as const, 'json' as const),
    damage: damageArb,
  })
  .map(({ base, mutations, format, damage }) => {
    const doc = structuredClone(base);
    // Cloned: constantFrom hands out the same [] and {} every time; a mutation must never change a shared constant.
    for (const m of mutations) mutate(doc, structuredClone(m));
    const written = format === 'json' ? JSON.stringify(doc, null, 1) : stringify(doc, { lineWidth: 0 });
    return { text: damageText(written, damage), format, mutations, damage };
  });

/** Every node of a document as (parent, key) pairs, in a fixed order. */
function slots(doc: Json): { parent: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const stack: Json[] = [doc];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i }), stack.push(x)));
    else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) out.push({ parent: v, key: k }), stack.push(v[k]);
  }
  return out;
}

function setKey(parent: { [k: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
}

function mutate(doc: Json, m: Mutation): void {
  const all = slots(doc);
  if (all.length === 0) return;
  const s = all[m.at % all.length];
  const p = s.parent as Record<string | number, Json>;
  switch (m.kind) {
    case 'replace':
      if (Array.isArray(s.parent)) s.parent[s.key as number] = m.value;
      else setKey(s.parent, s.key as string, m.value);
      return;
    case 'delete':
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete p[s.key];
      return;
    case 'add': {
      const target = p[s.key];
      if (Array.isArray(target)) target.push(m.value);
      else if (target !== null && typeof target === 'object') setKey(target, m.key, m.value);
      else if (!Array.isArray(s.parent)) setKey(s.parent, m.key, m.value);
      return;
    }
    case 'swap': {
      const o = all[m.other % all.length];
      const a = p[s.key];
      const b = (o.parent as Record<string | number, Json>)[o.key];
      // Swapping a node with one inside it would make a cycle: only swap leaves.
      if ((a !== null && typeof a === 'object') || (b !== null && typeof b === 'object')) return;
      (p as Record<string | number, Json>)[s.key] = b;
      (o.parent as Record<string | number, Json>)[o.key] = a;
      return;
    }
    case 'rename':
      if (!Array.isArray(s.parent) && s.key !== m.key) {
        setKey(s.parent, m.key, p[s.key]);
        delete p[s.key];
      }
      return;
  }
}

function damageText(text: string, d: TextDamage): string {
  switch (d.kind) {
    case 'none':
      return text;
    case 'char': {
      const at = d.at % (text.length + 1);
      return text.slice(0, at) + d.char + text.slice(at);
    }
    case 'cut':
      return text.slice(0, d.at % (text.length + 1));
    case 'doubleLine': {
      const lines = text.split('\n');
      const at = d.at % lines.length;
      lines.splice(at, 0, lines[at]);
      return lines.join('\n');
    }
    case 'prefix':
      return d.text + text;
  }
}

/** What a fuzzed document did: refused with problems, or ran. */
export type FuzzOutcome = { kind: 'refused'; errors: ScenarioError[] } | { kind: 'ran'; periods: number };

/**
 * The invariant for one document. Throws (so fast-check reports and shrinks the
 * document) if reading it threw, if a problem is not a clear one-line message
 * with a path, or if a valid scenario's run threw or gave a non-finite period metric.
 */
export function checkDocument(text: string): FuzzOutcome {
  const r = readScenario(text);
  if (!r.ok) {
    if (r.errors.length === 0) throw new Error('refused without a problem');
    for (const e of r.errors) {
      if (typeof e.path !== 'string' || e.path === '' || typeof e.message !== 'string' || e.message === '') throw new Error(`unclear problem ${JSON.stringify(e)}`);
      if (/\n/.test(e.message) || /\n\s+at |node:internal|Maximum call stack/.test(e.message)) throw new Error(`problem with a stack or several lines: ${JSON.stringify(e)}`);
      if (/[\u0000-\u001f\u007f-\u009f]/.test(e.path)) throw new Error(`path with a raw control character: ${JSON.stringify(e.path)}`);
    }
    return { kind: 'refused', errors: r.errors };
  }
  // What was accepted must be accepted again as data (the web app re-validates the merged document).
  if (!validateScenario(JSON.parse(JSON.stringify(r.scenario))).ok) throw new Error('a validated scenario did not validate again');
  const result = createRunner(r.scenario).run('fuzz/0');
  for (const [metric, series] of Object.entries(result.series)) {
    for (let t = 0; t < series.length; t++) if (!Number.isFinite(series[t])) throw new Error(`period metric ${metric} is ${series[t]} at period ${t}`);
  }
  for (const [metric, x] of Object.entries(result.summary)) if (x === Infinity || x === -Infinity) throw new Error(`summary metric ${metric} is ${x}`);
  return { kind: 'ran', periods: r.scenario.horizonPeriods };
}
