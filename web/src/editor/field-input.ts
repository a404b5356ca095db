import { h, humanise, uid } from '../dom.ts';
import { pathString, type Path } from '../store/document.ts';
import type { FieldInfo } from './schema-fields.ts';
import { stepOf, unitOf } from './units.ts';

export interface FieldContext {
  periodLengthMonths: number;
  onChange(path: Path, value: unknown): void;
}

function rangeText(f: FieldInfo): string {
  const parts: string[] = [];
  if (f.min !== undefined && f.max !== undefined) parts.push(`allowed ${f.min} to ${f.max}`);
  if (f.kind === 'integer') parts.push('whole number');
  if (f.defaultValue !== undefined && f.defaultValue !== '' && typeof f.defaultValue !== 'object') parts.push(`default ${typeof f.defaultValue === 'number' ? Number(f.defaultValue.toPrecision(4)) : String(f.defaultValue)}`);
  if (f.optional) parts.push('optional: leave empty for none');
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** A number typed into a field: a number, undefined when cleared, or the raw text so validation can name it. */
function readNumber(input: HTMLInputElement): unknown {
  if (input.value.trim() === '') return undefined;
  const n = Number(input.value);
  return Number.isFinite(n) ? n : input.value;
}

function control(f: FieldInfo, id: string, value: unknown, path: Path, ctx: FieldContext): HTMLElement {
  const emit = (v: unknown) => ctx.onChange(path, v);
  switch (f.kind) {
    case 'boolean': {
      const input = h('input', { type: 'checkbox', id, checked: value === true });
      input.addEventListener('change', () => emit(input.checked));
      return input;
    }
    case 'enum': {
      const select = h('select', { id }, ...(f.optional ? [h('option', { value: '' }, '(none)')] : []), ...f.options!.map((o) => h('option', { value: o, selected: o === value }, o)));
      select.addEventListener('change', () => emit(select.value === '' ? undefined : select.value));
      return select;
    }
    case 'number':
    case 'integer': {
      const attrs = { type: 'number', id, step: stepOf(f), min: f.min, max: f.max, value: typeof value === 'number' ? value : value === undefined ? '' : String(value) };
      const input = h('input', attrs);
      input.addEventListener('input', () => emit(readNumber(input)));
      if (f.min === 0 && f.max === 1 && f.kind === 'number') {
        // A slider beside the box: dragging it is what live preview follows.
        const slider = h('input', { type: 'range', min: 0, max: 1, step: 0.01, value: typeof value === 'number' ? value : 0, 'aria-label': `${humanise(f.key)} slider` });
        slider.addEventListener('input', () => {
          input.value = slider.value;
          emit(Number(slider.value));
        });
        input.addEventListener('input', () => {
          if (typeof readNumber(input) === 'number') slider.value = input.value;
        });
        return h('span', { class: 'share-control' }, slider, input);
      }
      return input;
    }
    case 'string': {
      const input = h('input', { type: 'text', id, value: typeof value === 'string' ? value : '' });
      input.addEventListener('input', () => emit(input.value === '' && f.optional ? undefined : input.value));
      return input;
    }
    default:
      return h('span', { class: 'muted' }, 'edit in the YAML view');
  }
}

/**
 * One form field bound to a path of the document: label, control, unit, help text
 * from the schema, and a slot where validation messages for this path appear.
 */
export function fieldElement(f: FieldInfo, path: Path, value: unknown, ctx: FieldContext, label = humanise(f.key), withHelp = true): HTMLElement {
  const id = uid('f');
  const p = pathString(path);
  const unit = f.kind === 'number' || f.kind === 'integer' ? unitOf(f, ctx.periodLengthMonths) : '';
  const help = withHelp && (f.description || rangeText(f)) ? h('p', { class: 'help', id: `${id}-help` }, inMonths(`${plainHelp(f.description)}${rangeText(f)}`, ctx.periodLengthMonths)) : null;
  const error = h('p', { class: 'field-error', 'data-error-for': p, id: `${id}-error`, hidden: true });
  const input = control(f, id, value, path, ctx);
  // Screen readers read the help and, once shown, the error with the control (errors.ts sets aria-invalid).
  const describedBy = [help ? help.id : '', error.id].filter(Boolean).join(' ');
  for (const c of [input, ...input.querySelectorAll('input, select')]) if (c.matches('input, select')) c.setAttribute('aria-describedby', describedBy);
  return h(
    'div',
    { class: `field field-${f.kind}`, 'data-path': p },
    h('label', { for: id }, inMonths(label, ctx.periodLengthMonths)),
    h('div', { class: 'control' }, input, unit ? h('span', { class: 'unit' }, unit) : null),
    help,
    error,
  );
}

/**
 * The schema's help in words: the symbols of MODEL.md's equations ("p:", "(pi_R - pi_S)",
 * "(g x (1 + m h))") mean nothing beside a form field, so they are dropped or said in words.
 */
export function plainHelp(text: string): string {
  return text
    .replace(/^[a-zA-Z]: /, '')
    .replace(' (g x (1 + m h))', ': at full hardliner influence the gain is multiplied by 1 + this value')
    .replace(/ \((?:pi_R - pi_S|g)\)/g, '')
    .replace('among the last n reports', 'counted over this many of the latest reports')
    .replace(/\(([a-z]+[A-Z][A-Za-z]*)\)/g, (_, id: string) => `(${humanise(id).toLowerCase()})`);
}

/** Labels and help say months when a period is one month (the units beside the fields do). */
export function inMonths(text: string, periodLengthMonths: number): string {
  if (periodLengthMonths !== 1) return text;
  return text.replace(/\b([Pp])eriods\b/g, (_, p: string) => (p === 'P' ? 'Months' : 'months')).replace(/\b([Pp])eriod\b/g, (_, p: string) => (p === 'P' ? 'Month' : 'month'));
}
