import type { z } from 'zod';
import { scenarioSchema, TARGET_TYPES, type Scenario } from './schema.ts';
import { validateScenario } from './validate.ts';

/**
 * Levers by path: one field of a scenario named the way a reader would,
 * `design.verification.detectionProbability`, `design.tranches[step2].sustainedPeriods`
 * (list items by id), `coalition.members[ally].resolve`, `target.typePrior.sincere`,
 * `shocks[0].magnitude` (items without an id by position). Its type, range and unit
 * are read from the zod schema (the bounded/share/periods builders of fields.ts put
 * them there), never from a list kept by hand, so a new field is a lever at once.
 *
 * Setting levers keeps the scenario valid where a field is tied to others:
 * - a prior (`target.typePrior.*`, `shocks[i].typePrior.*`), the member weights and
 *   the categories' pain weights sum to 1: the entries not set are rescaled in
 *   proportion so the group still sums to 1;
 * - whole-number fields (periods, counts) are rounded to the nearest whole number;
 * - the tranches stay in release order: a tranche's `earliestPeriod` set by a lever
 *   bounds the tranches not set (those before it are not later, those after not earlier).
 * Anything else the schema checks (e.g. a tranche before the horizon) is checked by
 * validating the result, and reported with the lever and the value.
 */

export type LeverValue = number | boolean | string;

/** One step of a path: a field name, optionally with an item selector `[id]` or `[0]`. */
interface Step {
  key: string;
  item?: string;
}

export interface LeverInfo {
  /** The path as written. */
  path: string;
  kind: 'number' | 'integer' | 'boolean' | 'enum';
  /** Allowed range from the schema (numbers). */
  min?: number;
  max?: number;
  /** Allowed values (enums). */
  options?: readonly string[];
  /** share (in [0, 1]), periods, count, kUSD per period, utility per period, or number. */
  unit: string;
  /** The schema's description of the field. */
  description: string;
  /** The value in the base scenario. */
  base: LeverValue;
}

/** A lever resolved against a scenario: where to write, and what is allowed. */
export interface Lever extends LeverInfo {
  /** Keys and array indices from the scenario root. */
  location: (string | number)[];
}

/** A bad path or value: the message names the lever path and the value. */
export class LeverError extends Error {
  override name = 'LeverError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

const PATH_STEP = /^([A-Za-z][A-Za-z0-9_]*)(?:\[([A-Za-z0-9_-]+)\])?$/;

function parsePath(path: string): Step[] {
  if (typeof path !== 'string' || path.trim() === '') throw new LeverError(String(path), 'a lever path must be a non-empty string like design.verification.detectionProbability');
  return path.split('.').map((part) => {
    const m = PATH_STEP.exec(part);
    if (!m) throw new LeverError(path, `"${part}" is not a field name (letters and digits) with an optional [id] or [index]`);
    return m[2] === undefined ? { key: m[1] } : { key: m[1], item: m[2] };
  });
}

type Schema = z.ZodType & { def: Record<string, any> };

/** Strips defaults, optionality and the like down to the schema that holds the value. */
function unwrap(s: Schema): Schema {
  let cur = s;
  for (;;) {
    const t = cur.def.type;
    if (t === 'default' || t === 'prefault' || t === 'optional' || t === 'nullable' || t === 'readonly' || t === 'nonoptional') cur = cur.def.innerType;
    else if (t === 'pipe') cur = cur.def.in;
    else return cur;
  }
}

/** The description on the outermost schema that has one (`.describe` may sit outside `.default`). */
function descriptionOf(s: Schema): string {
  let cur: Schema | undefined = s;
  while (cur) {
    if (cur.description) return cur.description;
    cur = cur.def.innerType ?? (cur.def.type === 'union' ? cur.def.options[0] : undefined);
  }
  return '';
}

function unitOf(key: string, description: string, kind: LeverInfo['kind'], min?: number, max?: number): string {
  if (kind === 'integer') return /Periods?$/.test(key) ? 'periods' : 'count';
  if (kind !== 'number') return kind;
  if (min === 0 && max === 1) return 'share';
  if (/kUSD/.test(description)) return 'kUSD per period';
  if (/utility|cost per period/i.test(description)) return 'utility per period';
  return 'number';
}

/**
 * Resolves `path` against `scenario` (a validated scenario) and the schema.
 *
 * @throws LeverError naming the path when a field does not exist, an [id] names no
 *   item (the message lists the ids there are), or the field is not a number,
 *   boolean or choice.
 * @example resolveLever(s, 'design.tranches[step2].sustainedPeriods').max; // => 600
 */
export function resolveLever(scenario: Scenario, path: string): Lever {
  const steps = parsePath(path);
  let schema = unwrap(scenarioSchema as unknown as Schema);
  let value: any = scenario;
  const location: (string | number)[] = [];
  let lastKey = '';
  let described: Schema = schema;
  for (const [i, step] of steps.entries()) {
    const where = steps.slice(0, i).map((s) => s.key + (s.item !== undefined ? `[${s.item}]` : '')).join('.') || '(scenario)';
    if (schema.def.type === 'object') {
      const field = schema.def.shape[step.key] as Schema | undefined;
      if (!field) throw new LeverError(path, `${where} has no field "${step.key}" (fields: ${Object.keys(schema.def.shape).filter((k) => k !== '$schema' && k !== 'extends').join(', ')})`);
      described = field;
      schema = unwrap(field);
    } else if (schema.def.type === 'record') {
      if (value === undefined || !(step.key in value)) throw new LeverError(path, `${where} has no entry "${step.key}" (entries: ${Object.keys(value ?? {}).join(', ') || 'none'})`);
      described = schema.def.valueType;
      schema = unwrap(schema.def.valueType);
    } else {
      throw new LeverError(path, `${where} is not a group of fields, so it has no "${step.key}"`);
    }
    location.push(step.key);
    value = value?.[step.key];
    lastKey = step.key;
    if (step.item !== undefined) {
      if (schema.def.type !== 'array' || !Array.isArray(value)) throw new LeverError(path, `${step.key} is not a list, so [${step.item}] selects nothing`);
      const items: any[] = value;
      let index = items.findIndex((x) => x?.id === step.item);
      if (index < 0 && /^\d+$/.test(step.item) && items.every((x) => x?.id === undefined)) index = Number(step.item);
      if (index < 0 || index >= items.length) {
        const ids = items.map((x, j) => (x?.id !== undefined ? String(x.id) : String(j)));
        throw new LeverError(path, `${step.key} has no item "${step.item}" (there are: ${ids.join(', ') || 'none'})`);
      }
      location.push(index);
      value = items[index];
      described = schema.def.element;
      schema = unwrap(schema.def.element);
    } else if (schema.def.type === 'array') {
      throw new LeverError(path, `${step.key} is a list: select an item by id, e.g. ${step.key}[${value?.[0]?.id ?? 0}]`);
    }
  }
  // An uncertain field (a number or a uniform range) is a lever as a fixed number.
  if (schema.def.type === 'union') {
    const num = (schema.def.options as Schema[]).map(unwrap).find((o) => o.def.type === 'number');
    if (!num) throw new LeverError(path, 'is not a number, yes/no or choice field, so it cannot be a lever');
    schema = num;
  }
  if (value === undefined) throw new LeverError(path, 'is not set in the base scenario (an optional field); give it a value there first');
  const description = descriptionOf(described);
  const t = schema.def.type;
  let info: Omit<LeverInfo, 'path' | 'unit' | 'description' | 'base'>;
  if (t === 'number') {
    const n = schema as unknown as z.ZodNumber;
    info = { kind: n.isInt ? 'integer' : 'number', min: n.minValue ?? undefined, max: n.maxValue ?? undefined };
  } else if (t === 'boolean') info = { kind: 'boolean' };
  else if (t === 'enum') info = { kind: 'enum', options: (schema as unknown as z.ZodEnum).options as string[] };
  else throw new LeverError(path, `is ${t === 'object' ? 'a group of fields' : `a ${t} field`}; a lever must be a number, yes/no or choice field`);
  return { path, ...info, unit: unitOf(lastKey, description, info.kind, info.min, info.max), description, base: value as LeverValue, location };
}

/**
 * Checks a value for a lever and brings it to the field's form (whole numbers rounded).
 *
 * @throws LeverError naming the path and the value when it is of the wrong type or out of range.
 */
export function checkLeverValue(lever: LeverInfo, value: unknown): LeverValue {
  const bad = (why: string) => new LeverError(lever.path, `${JSON.stringify(value)} ${why}`);
  switch (lever.kind) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('is not a number');
      const v = lever.kind === 'integer' ? Math.round(value) : value;
      if ((lever.min !== undefined && v < lever.min) || (lever.max !== undefined && v > lever.max)) throw bad(`is not in [${lever.min}, ${lever.max}] (${lever.unit})`);
      return v;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('is not true or false');
      return value;
    case 'enum':
      if (typeof value !== 'string' || !lever.options!.includes(value)) throw bad(`is not one of ${lever.options!.join(', ')}`);
      return value;
  }
}

/** Groups of fields that sum to 1 (checked by the schema's whole-scenario refinement, which zod cannot describe). */
function sumGroupOf(location: readonly (string | number)[]): { members: (string | number)[][]; self: number } | undefined {
  const last = location[location.length - 1];
  const parent = location.slice(0, -1);
  const prior = parent[parent.length - 1] === 'typePrior' && (parent.length === 2 ? parent[0] === 'target' : parent[0] === 'shocks');
  if (prior && typeof last === 'string') return { members: TARGET_TYPES.map((t) => [...parent, t]), self: TARGET_TYPES.indexOf(last as never) };
  return undefined;
}

function listSumGroup(scenario: Scenario, location: readonly (string | number)[]): { members: (string | number)[][]; self: number } | undefined {
  const [a, b, index, field] = location;
  if (location.length !== 4 || typeof index !== 'number') return undefined;
  const tied = (a === 'coalition' && b === 'members' && field === 'weight') || (a === 'design' && b === 'categories' && field === 'painWeight');
  if (!tied) return undefined;
  const items = (scenario as any)[a][b] as unknown[];
  return { members: items.map((_, j) => [a, b, j, field]), self: index };
}

const get = (root: any, loc: readonly (string | number)[]) => loc.reduce((v, k) => v?.[k], root);
function set(root: any, loc: readonly (string | number)[], value: unknown): void {
  let v = root;
  for (const k of loc.slice(0, -1)) v = v[k];
  v[loc[loc.length - 1]] = value;
}
const key = (loc: readonly (string | number)[]) => loc.join('\u0000');

/**
 * The scenario with the levers set to `values` (in lever order), tied fields
 * adjusted as described above, and validated. `base` is not modified.
 *
 * @throws LeverError naming the lever(s) and value(s) when a value is out of range,
 *   set values of a group that sums to 1 exceed 1, or the result is invalid.
 * @example applyLevers(s, [resolveLever(s, 'target.typePrior.sincere')], [0.6]).target.typePrior;
 *   // => sincere 0.6, the other two rescaled to share 0.4 in their old proportion
 */
export function applyLevers(base: Scenario, levers: readonly Lever[], values: readonly unknown[]): Scenario {
  const s = setLevers(base, levers, values);
  const v = validateScenario(s);
  if (!v.ok) {
    const shown = levers.map((l, i) => `${l.path} = ${JSON.stringify(values[i])}`).join(', ');
    throw new LeverError(levers.map((l) => l.path).join(', '), `these values make the scenario invalid (${shown}): ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
  return v.scenario;
}

/**
 * Like applyLevers but without the final validation: for a worker that applies
 * values the caller has already validated with applyLevers (same result, bit for bit).
 */
export function setLevers(base: Scenario, levers: readonly Lever[], values: readonly unknown[]): Scenario {
  if (levers.length !== values.length) throw new Error(`setLevers: ${levers.length} levers but ${values.length} values`);
  const s = structuredClone(base) as Scenario;
  const fixed = new Map<string, { lever: Lever; value: LeverValue }>();
  levers.forEach((lever, i) => {
    const v = checkLeverValue(lever, values[i]);
    set(s, lever.location, v);
    fixed.set(key(lever.location), { lever, value: v });
  });
  const done = new Set<string>();
  for (const lever of levers) {
    const group = sumGroupOf(lever.location) ?? listSumGroup(s, lever.location);
    if (!group) continue;
    const id = key(group.members[0]);
    if (done.has(id)) continue;
    done.add(id);
    renormalise(s, base, group.members, fixed);
  }
  keepTrancheOrder(s, base, fixed);
  return s;
}

function renormalise(s: Scenario, base: Scenario, members: (string | number)[][], fixed: Map<string, { lever: Lever; value: LeverValue }>): void {
  const setOnes = members.filter((m) => fixed.has(key(m)));
  const free = members.filter((m) => !fixed.has(key(m)));
  const setTotal = setOnes.reduce((a, m) => a + (get(s, m) as number), 0);
  const names = setOnes.map((m) => fixed.get(key(m))!.lever.path);
  if (setTotal > 1 + 1e-9) throw new LeverError(names.join(', '), `set to values that sum to ${+setTotal.toFixed(6)}; they belong to a group that sums to 1`);
  if (free.length === 0) {
    if (Math.abs(setTotal - 1) > 1e-9) throw new LeverError(names.join(', '), `set every entry of a group that sums to 1, but they sum to ${+setTotal.toFixed(6)}`);
    return;
  }
  const freeTotal = free.reduce((a, m) => a + (get(base, m) as number), 0);
  const rest = 1 - setTotal;
  for (const m of free) set(s, m, freeTotal > 0 ? ((get(base, m) as number) * rest) / freeTotal : rest / free.length);
}

function keepTrancheOrder(s: Scenario, base: Scenario, fixed: Map<string, { lever: Lever; value: LeverValue }>): void {
  const tranches = s.design.tranches;
  const setAt = tranches.map((_, i) => fixed.get(key(['design', 'tranches', i, 'earliestPeriod']))?.value as number | undefined);
  if (setAt.every((v) => v === undefined)) return;
  // Only a base that releases in order has an order to keep.
  const baseOrder = base.design.tranches.map((t) => t.earliestPeriod);
  if (baseOrder.some((v, i) => i > 0 && v < baseOrder[i - 1])) return;
  let last = -Infinity;
  setAt.forEach((v, i) => {
    if (v === undefined) return;
    if (v < last) throw new LeverError(`design.tranches[${tranches[i].id}].earliestPeriod`, `${v} is before the earliestPeriod set for an earlier tranche (${last}); the tranches are released in order`);
    last = v;
  });
  tranches.forEach((t, i) => {
    if (setAt[i] !== undefined) return;
    const before = setAt.slice(0, i).filter((v): v is number => v !== undefined);
    const after = setAt.slice(i + 1).filter((v): v is number => v !== undefined);
    const lo = before.length ? Math.max(...before) : -Infinity;
    const hi = after.length ? Math.min(...after) : Infinity;
    t.earliestPeriod = Math.min(Math.max(t.earliestPeriod, lo), hi);
  });
}
