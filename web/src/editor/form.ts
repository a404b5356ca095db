import { h, humanise } from '../dom.ts';
import { getAt, pathString, setAt, type DocumentState, type Path } from '../store/document.ts';
import { fieldElement, type FieldContext } from './field-input.ts';
import { describeNode, fieldAt, objectFields, type FieldInfo } from './schema-fields.ts';
import { KEY_LEVERS, newItem, SECTIONS, type SectionPart } from './sections.ts';

const LEAF = new Set(['number', 'integer', 'boolean', 'enum', 'string']);

interface FormContext extends FieldContext {
  /** The document now (a getter): handlers read it when they run, never a copy from when the form was built. */
  readonly state: DocumentState;
  replaceData(data: Record<string, unknown>): void;
  /** A section's fields were built (sections build when opened or when the page is idle): show errors in them. */
  onBuilt(): void;
  /** Whether a section (by id) or list item (by path) was open before a rebuild, so the reader keeps their place. */
  isOpen(key: string): boolean | undefined;
}

const KEY_PATHS = new Map(KEY_LEVERS.map((p) => [pathString(p), p]));

/** The value a field shows: what the document says, else the validated default. */
function shown(ctx: FormContext, path: Path, f: FieldInfo): unknown {
  return getAt(ctx.state.data, path) ?? getAt(ctx.state.lastValid, path) ?? f.defaultValue;
}

function ids(ctx: FormContext, path: Path): { id: string; name: string }[] {
  const list = (getAt(ctx.state.data, path) ?? getAt(ctx.state.lastValid, path) ?? []) as { id: string; name?: string }[];
  return Array.isArray(list) ? list.map((x) => ({ id: String(x.id), name: x.name || String(x.id) })) : [];
}

/** Tranche -> lifts: one share per sanctions category of this design. */
function liftsEditor(ctx: FormContext, path: Path, f: FieldInfo): HTMLElement {
  const valueInfo = describeNode('lift', f.node._zod.def.valueType);
  const cats = ids(ctx, ['design', 'categories']);
  return h(
    'fieldset',
    { class: 'nested', 'data-path': pathString(path) },
    h('legend', {}, 'Lifts: share of each sanctions category this tranche lifts (0 to 1; empty: none)'),
    // The legend says it once; no help line under every category.
    ...cats.map((c) => fieldElement({ ...valueInfo, key: c.id, optional: true }, [...path, c.id], getAt(ctx.state.data, [...path, c.id]), ctx, c.name, false)),
    h('p', { class: 'field-error', 'data-error-for': pathString(path), hidden: true }),
  );
}

/** Tranche -> benchmarks: tick the benchmarks that must be verified. */
function benchmarkPicker(ctx: FormContext, path: Path, f: FieldInfo): HTMLElement {
  const chosen = new Set((getAt(ctx.state.data, path) ?? []) as string[]);
  const boxes = ids(ctx, ['design', 'benchmarks']).map((b) => {
    const box = h('input', { type: 'checkbox', value: b.id, checked: chosen.has(b.id) });
    box.addEventListener('change', () => {
      if (box.checked) chosen.add(b.id);
      else chosen.delete(b.id);
      ctx.onChange(path, ids(ctx, ['design', 'benchmarks']).map((x) => x.id).filter((id) => chosen.has(id)));
    });
    return h('label', { class: 'check' }, box, ` ${b.name}`);
  });
  return h('fieldset', { class: 'nested', 'data-path': pathString(path) }, h('legend', {}, `Benchmarks: ${f.description}`), ...boxes, h('p', { class: 'field-error', 'data-error-for': pathString(path), hidden: true }));
}

/** Shock -> member: choose among the coalition's members. */
function memberPicker(ctx: FormContext, path: Path, f: FieldInfo): HTMLElement {
  const members = ids(ctx, ['coalition', 'members']).map((m) => m.id);
  return fieldElement({ ...f, kind: 'enum', options: members }, path, getAt(ctx.state.data, path), ctx);
}

/** Is this schema node an uncertain input (src/scenario/fields.ts `uncertain`): a number, or a uniform range? */
function isUncertain(f: FieldInfo): boolean {
  const options = f.kind === 'union' ? (f.node._zod.def.options as any[]) : [];
  return options.length === 2 && describeNode('', options[0]).kind === 'number' && 'uniform' in (options[1]?._zod?.def?.shape ?? {});
}

/**
 * An uncertain input: two bounds, drawn uniformly per run; equal bounds mean a
 * fixed value (written as a plain number, as a scenario file would say it).
 */
function uncertainEditor(ctx: FormContext, path: Path, f: FieldInfo): HTMLElement {
  const bound = describeNode(f.key, f.node._zod.def.options[0]);
  const v = shown(ctx, path, f) as unknown;
  const range = v && typeof v === 'object' && Array.isArray((v as { uniform?: unknown }).uniform) ? (v as { uniform: unknown[] }).uniform : undefined;
  const bounds: unknown[] = typeof v === 'number' ? [v, v] : range ? [range[0], range[1]] : [undefined, undefined];
  const sub = (i: 0 | 1): FormContext => ({
    ...ctx,
    onChange: (_p, value) => {
      bounds[i] = value;
      ctx.onChange(path, typeof bounds[0] === 'number' && bounds[0] === bounds[1] ? bounds[0] : { uniform: [bounds[0], bounds[1]] });
    },
  });
  const one = (i: 0 | 1, label: string) => fieldElement({ ...bound, defaultValue: undefined, optional: false }, [...path, 'uniform', i], bounds[i], sub(i), label, false);
  return h(
    'fieldset',
    { class: 'nested', 'data-path': pathString(path) },
    h('legend', {}, `${humanise(f.key)}: ${bound.description}`),
    one(0, 'From'),
    one(1, 'To'),
    h('p', { class: 'help' }, `Drawn uniformly between the two bounds in each run; equal bounds give a fixed value (allowed ${bound.min} to ${bound.max}).`),
    h('p', { class: 'field-error', 'data-error-for': pathString(path), hidden: true }),
  );
}

function renderField(ctx: FormContext, path: Path, f: FieldInfo): HTMLElement | null {
  // A new government's prior belongs to a regime change only; other shocks would refuse it.
  if (f.key === 'typePrior' && path[0] === 'shocks' && getAt(ctx.state.data, [...path.slice(0, -1), 'kind']) !== 'regimeChange') return null;
  if (isUncertain(f)) return uncertainEditor(ctx, path, f);
  if (f.key === 'lifts' && f.kind === 'record') return liftsEditor(ctx, path, f);
  if (f.key === 'benchmarks' && f.kind === 'array' && path.includes('tranches')) return benchmarkPicker(ctx, path, f);
  if (f.key === 'member' && path[0] === 'shocks') return memberPicker(ctx, path, f);
  if (LEAF.has(f.kind)) return fieldElement(f, path, shown(ctx, path, f), ctx);
  if (f.kind === 'object') return h('fieldset', { class: 'nested' }, h('legend', {}, humanise(f.key)), ...renderObject(ctx, path, f));
  return h('p', { class: 'muted' }, `${humanise(f.key)}: edit in the YAML view`);
}

function renderObject(ctx: FormContext, path: Path, f: FieldInfo, keys?: string[]): HTMLElement[] {
  return objectFields(f.node)
    .filter((c) => !keys || keys.includes(c.key))
    .map((c) => {
      const p = [...path, c.key];
      // A key lever has its one field in Key levers; here a line says where it went.
      if (KEY_PATHS.has(pathString(p))) return h('p', { class: 'muted moved' }, `${humanise(c.key)}: in Key levers, at the top`);
      return renderField(ctx, p, c);
    })
    .filter((x): x is HTMLElement => x !== null);
}

function renderList(ctx: FormContext, part: Extract<SectionPart, { type: 'list' }>): HTMLElement {
  const items = (getAt(ctx.state.data, part.path) ?? []) as Record<string, unknown>[];
  const element = describeNode(part.item, fieldAt(part.path).node._zod.def.element);
  const rows = items.map((item, i) => {
    const path = [...part.path, i];
    const remove = h('button', { type: 'button', class: 'small', 'data-action': 'remove' }, 'Remove');
    // ctx.state is read at the click, so edits made since the form was built are kept.
    remove.addEventListener('click', () => ctx.replaceData(setAt(ctx.state.data, path, undefined)));
    const label = [item.id ?? item.kind, item.name].filter(Boolean).join(': ') || `${part.item} ${i + 1}`;
    return h('details', { class: 'list-item', 'data-path': pathString(path), open: ctx.isOpen(pathString(path)) }, h('summary', {}, String(label), ' ', remove), ...renderObject(ctx, path, element), h('p', { class: 'field-error', 'data-error-for': pathString(path), hidden: true }));
  });
  const add = h('button', { type: 'button', class: 'small' }, `Add ${part.item}`);
  add.addEventListener('click', () => {
    const now = (getAt(ctx.state.data, part.path) ?? []) as Record<string, unknown>[];
    ctx.replaceData(setAt(ctx.state.data, [...part.path, now.length], newItem(part.item, now)));
  });
  return h('div', { class: 'list', 'data-path': pathString(part.path) }, h('h4', {}, part.title), ...rows, add, h('p', { class: 'field-error', 'data-error-for': pathString(part.path), hidden: true }));
}

/** When the page has a moment: after input and drawing, so building the rest of the form never blocks either. */
function whenIdle(fn: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(() => fn(), { timeout: 2000 });
  else setTimeout(fn, 50);
}

/**
 * Builds the lever form for the current document. Rebuilt only when the document's
 * shape changes. Key levers come first and open; every other section is built when
 * it is opened or, failing that, one section per idle moment, so the page never
 * spends one long task building 300-odd controls.
 */
export function renderForm(ctx: FormContext): HTMLElement {
  const open = (id: string) => ctx.isOpen(id) ?? id === 'key';
  const key = h(
    'details',
    { class: 'section section-key', 'data-section': 'key', open: open('key') },
    h('summary', {}, 'Key levers'),
    h('p', { class: 'section-help' }, 'The levers that move the outcomes most: how well violations are seen, what a violation triggers, and what reaches civilians. Every other lever is in the sections below.'),
    ...KEY_LEVERS.map((p) => renderField(ctx, p, fieldAt(p))).filter((x): x is HTMLElement => x !== null),
  );
  const sections = SECTIONS.map((s) => {
    const details = h('details', { class: 'section', 'data-section': s.id, open: open(s.id) }, h('summary', {}, s.title));
    let built = false;
    const build = () => {
      if (built) return;
      built = true;
      details.append(
        h('p', { class: 'section-help' }, s.help),
        ...s.parts.flatMap((part) => {
          if (part.type === 'list') return [renderList(ctx, part)];
          return renderObject(ctx, part.path, fieldAt(part.path), part.type === 'fields' ? part.keys : undefined);
        }),
      );
      details.dataset.built = 'true';
      ctx.onBuilt();
    };
    if (details.open) build();
    else {
      details.addEventListener('toggle', () => details.open && build());
      whenIdle(() => details.isConnected && build());
    }
    return details;
  });
  return h('div', { class: 'lever-form' }, key, ...sections);
}
