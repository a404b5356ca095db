import { h } from '../dom.ts';
import { runSettings } from '../store/run-settings.ts';

export const PREVIEW_RUNS = 2000;
export { DEFAULT_RUNS } from '../store/run-settings.ts';
export const MAX_RUNS = 1_000_000;

export interface RunForm {
  element: HTMLElement;
  runs(): number | string;
  seed(): number | string;
  livePreview(): boolean;
  setRunning(running: boolean): void;
}

/** Run count, master seed, live-preview switch, Run and Cancel. Values are checked by the caller, which names the field and range. */
export function runForm(onRun: () => void, onCancel: () => void, onPreviewToggle: () => void): RunForm {
  const runs = h('input', { type: 'number', min: 100, max: MAX_RUNS, step: 1000, value: runSettings.runs, id: 'run-count', 'data-testid': 'runs' });
  const seed = h('input', { type: 'number', min: 0, max: 2 ** 31 - 1, step: 1, value: runSettings.masterSeed, id: 'run-seed', 'data-testid': 'seed' });
  const live = h('input', { type: 'checkbox', checked: true, id: 'live-preview', 'data-testid': 'live-preview' });
  const run = h('button', { type: 'button', class: 'primary', 'data-testid': 'run' }, 'Run');
  const cancel = h('button', { type: 'button', 'data-testid': 'cancel', disabled: true }, 'Cancel');
  run.addEventListener('click', onRun);
  cancel.addEventListener('click', onCancel);
  live.addEventListener('change', onPreviewToggle);
  const element = h(
    'div',
    { class: 'run-form' },
    h('label', { for: 'run-count' }, 'Runs'),
    runs,
    h('label', { for: 'run-seed' }, 'Master seed'),
    seed,
    run,
    cancel,
    h('label', { class: 'check', for: 'live-preview', title: `While you edit a lever, re-run ${PREVIEW_RUNS.toLocaleString('en-US')} runs with the same seed` }, live, ` Live preview (${PREVIEW_RUNS.toLocaleString('en-US')} runs)`),
  );
  const num = (el: HTMLInputElement) => (el.value.trim() !== '' && Number.isFinite(Number(el.value)) ? Number(el.value) : el.value);
  // A share link carries what is typed here.
  runs.addEventListener('input', () => (runSettings.runs = num(runs)));
  seed.addEventListener('input', () => (runSettings.masterSeed = num(seed)));
  return {
    element,
    runs: () => num(runs),
    seed: () => num(seed),
    livePreview: () => live.checked,
    setRunning(running) {
      cancel.disabled = !running;
    },
  };
}

/** Checks a run count or seed typed by the user; returns the message naming the field and its range, or null. */
export function checkWhole(name: string, v: number | string, min: number, max: number): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return `${name}: ${JSON.stringify(v)} is not a whole number in [${min}, ${max}]`;
  return null;
}
