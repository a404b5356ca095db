import { scenarioSchema } from '../../../src/index.ts';
import type { Path } from '../store/document.ts';

/**
 * Reads the scenario schema so the form shows exactly what validation enforces:
 * each field's kind, allowed range, choices, default and help text come from the
 * same zod definition as the CLI's checks, so they cannot drift apart.
 */
export type FieldKind = 'number' | 'integer' | 'boolean' | 'enum' | 'string' | 'object' | 'array' | 'record' | 'union' | 'other';

export interface FieldInfo {
  key: string;
  kind: FieldKind;
  description: string;
  min?: number;
  max?: number;
  options?: string[];
  defaultValue?: unknown;
  optional: boolean;
  /** The unwrapped schema node (object shape, array element, ...). */
  node: any;
}

const WRAPPERS = ['default', 'prefault', 'optional', 'pipe', 'nullable', 'readonly'];

/** Unwraps defaults/optionals, collecting the description, default and optionality on the way. */
export function describeNode(key: string, node: any): FieldInfo {
  let description: string = node?.description ?? '';
  let defaultValue: unknown;
  let optional = false;
  while (node?._zod?.def && WRAPPERS.includes(node._zod.def.type)) {
    const def = node._zod.def;
    if (def.type === 'optional') optional = true;
    if (def.type === 'default' && defaultValue === undefined) {
      defaultValue = typeof def.defaultValue === 'function' ? def.defaultValue() : def.defaultValue;
    }
    node = def.innerType ?? def.in;
    if (!description && node?.description) description = node.description;
  }
  const type: string = node?._zod?.def?.type ?? 'other';
  const info: FieldInfo = { key, kind: 'other', description, defaultValue, optional, node };
  switch (type) {
    case 'number':
      info.kind = node.isInt ? 'integer' : 'number';
      if (Number.isFinite(node.minValue)) info.min = node.minValue;
      if (Number.isFinite(node.maxValue)) info.max = node.maxValue;
      break;
    case 'boolean':
    case 'string':
    case 'object':
    case 'array':
    case 'record':
    case 'union':
      info.kind = type;
      break;
    case 'enum':
      info.kind = 'enum';
      info.options = [...node.options];
      break;
  }
  return info;
}

/** The fields of an object schema node, in schema order. */
export function objectFields(node: any): FieldInfo[] {
  const shape = node?._zod?.def?.shape ?? {};
  return Object.entries(shape).map(([k, v]) => describeNode(k, v));
}

/** The schema node at a data path (array indices step into the element schema). */
export function fieldAt(path: Path): FieldInfo {
  let info = describeNode('(scenario)', scenarioSchema);
  for (const k of path) {
    if (info.kind === 'object') {
      const child = info.node._zod.def.shape[k as string];
      if (!child) throw new Error(`no schema field at ${path.join('.')}`);
      info = describeNode(String(k), child);
    } else if (info.kind === 'array') info = describeNode(String(k), info.node._zod.def.element);
    else if (info.kind === 'record') info = describeNode(String(k), info.node._zod.def.valueType);
    else throw new Error(`no schema field at ${path.join('.')}`);
  }
  return info;
}
