import type { BatchSummary } from '../../../src/montecarlo/types.ts';
import { download, h } from '../dom.ts';
import { outcomesCsv, periodsCsv, summaryJson } from '../export/summary-files.ts';
import { showNotice } from '../notice.ts';
import { runBatchInWorkers } from '../run/batch-runner.ts';
import { RunController, type RunStatus } from '../run/run-controller.ts';
import type { DocumentStore } from '../store/document.ts';
import { chartCard, type Provenance } from './chart-card.ts';
import { RESULT_CHARTS } from './chart-list.ts';
import { checkWhole, MAX_RUNS, PREVIEW_RUNS, runForm } from './run-form.ts';

/**
 * Pause after a lever edit before a preview starts. While a preview is running,
 * edits do not restart it: it finishes (its charts are drawn), then one preview of
 * the latest design follows, so the charts follow a slider as it is dragged instead
 * of waiting for the drag to stop.
 */
const PREVIEW_DEBOUNCE_MS = 350;
/**
 * Plot width so two charts sit side by side in the results column: the column's
 * content box, less the gap, halved, less about 95 px of axis labels and padding.
 */
function chartWidth(column: HTMLElement): number {
  const style = getComputedStyle(column);
  const inner = column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return Math.max(240, Math.min(520, Math.floor((inner - 14) / 2) - 95));
}

export interface ResultsPanel {
  /** The design changed: re-run the preview. `supersede` (a new document) cancels a preview of the old one at once. */
  leverEdited(options?: { supersede?: boolean }): void;
  /** Stops the workspace's batch (and a pending preview), e.g. when a comparison needs the workers. */
  cancel(): void;
  /** The last summary drawn (for exports, tests and the benchmark). */
  summary(): BatchSummary | undefined;
}

function statusText(s: RunStatus): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const what = s.kind === 'preview' ? 'Preview' : 'Run';
  switch (s.phase) {
    case 'running':
      return `${what}: ${n(s.runsDone)} of ${n(s.runsRequested)} runs, master seed ${s.masterSeed}…`;
    case 'done':
      return `${what} done: ${n(s.runsDone)} runs, master seed ${s.masterSeed}, relief-lab ${s.summary?.version ?? ''}`;
    case 'cancelled':
      return `Cancelled after ${n(s.runsDone)} of ${n(s.runsRequested)} runs; the charts show the partial result (master seed ${s.masterSeed}).`;
    case 'error':
      return `The batch failed: ${s.error}`;
  }
}

/**
 * The results column: run controls, progress, charts that update as chunks arrive,
 * and exports. Live preview re-runs a short batch after lever edits.
 */
export function mountResults(root: HTMLElement, store: DocumentStore): ResultsPanel {
  let last: BatchSummary | undefined;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  const provenance = (): Provenance | undefined => (last ? { scenario: last.scenarioName, masterSeed: last.masterSeed, runs: last.runs, version: last.version } : undefined);
  const cards = RESULT_CHARTS.map((def) => ({ def, card: chartCard(def.id, provenance) }));
  const progress = h('progress', { max: 1, value: 0, 'data-testid': 'progress' });
  const status = h('p', { class: 'run-status', 'data-testid': 'run-status', role: 'status' }, 'No results yet.');

  /** The scenario the charts were run on; when the document moves on without a new run, the status line says so. */
  let shownScenario: unknown;
  const staleNote = h('p', { class: 'stale-note', 'data-testid': 'stale', hidden: true }, 'The charts are for an earlier version of this design: press Run (or turn on live preview) to update them.');
  store.subscribe((state, kind) => {
    staleNote.hidden = state.scenario === shownScenario || controller.running;
    // A new document (gallery, import, saved design) gets results at once, like a lever edit.
    if (kind === 'replace') panel.leverEdited({ supersede: true });
  });

  /** A preview is running, and the design was edited since it started: one more preview follows it. */
  let previewRunning = false;
  let editedDuringPreview = false;
  const controller = new RunController(runBatchInWorkers, (s) => {
    if (s.phase === 'running') staleNote.hidden = true;
    previewRunning = s.phase === 'running' && s.kind === 'preview';
    if (s.phase !== 'running' && editedDuringPreview) {
      editedDuringPreview = false;
      // After this batch's status has been handled, not inside it.
      setTimeout(() => start('preview'), 0);
    }
    root.dataset.state = s.phase;
    root.dataset.kind = s.kind;
    // Which batch the state describes: ids only grow, so a waiter can ask for a batch newer than one it saw.
    root.dataset.batch = String(s.id);
    root.dataset.runsDone = String(s.runsDone);
    form.setRunning(s.phase === 'running');
    progress.value = s.runsRequested ? s.runsDone / s.runsRequested : 0;
    status.textContent = statusText(s);
    // A live summary of zero runs has nothing to draw (empty histograms have no extent).
    if (s.summary && s.summary.runs > 0) {
      if (s.phase !== 'running') settling = s.summary;
      void draw(s.summary, s.phase !== 'running');
    }
    // A batch that ended with nothing to draw still says it is settled, so waiters (tests, the benchmark) never hang.
    else if (s.phase !== 'running') root.dataset.drawn = '0';
  });

  let drawing = false;
  let lastFinal = false;
  let drawn: BatchSummary | undefined;
  let drawnFinal = false;
  /**
   * The final summary of the batch the panel now stands for; data-drawn is set only once this one is on
   * every chart. start() clears it, so a pass of an earlier batch that ends after a new batch was asked
   * for cannot mark the new one settled.
   */
  let settling: BatchSummary | undefined;
  /**
   * Draws the newest summary, one chart per task with a yield in between, so input
   * is handled between charts. Summaries that arrive mid-pass are picked up by the
   * charts not yet drawn, and another pass follows until the newest is on every chart
   * (and once more if a summary already drawn live turns out to be the final one).
   */
  async function draw(summary: BatchSummary, final: boolean): Promise<void> {
    last = summary;
    lastFinal = final;
    if (drawing) return;
    drawing = true;
    try {
      while (drawn !== last || (lastFinal && !drawnFinal)) {
        const passSummary: BatchSummary = last!;
        const passFinal = lastFinal;
        const width = chartWidth(root);
        for (const { def, card } of cards) {
          const live = !(passFinal && last === passSummary);
          card.element.classList.toggle('stale', live && !!def.finalOnly);
          if (live && def.finalOnly) continue;
          await card.show(def.build(last!, width));
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        drawn = passSummary;
        drawnFinal = passFinal && last === passSummary;
        const settled = drawnFinal && passSummary === settling;
        if (settled) root.dataset.drawn = `${passSummary.runs}`;
        root.dispatchEvent(new CustomEvent('relief:drawn', { detail: { runs: passSummary.runs, final: settled } }));
      }
    } finally {
      drawing = false;
    }
  }

  function start(kind: 'preview' | 'full'): void {
    const scenario = store.state.scenario;
    if (!scenario) {
      if (kind === 'full') showNotice('error', 'Fix the problems listed in the editor before running; the last valid version is not run to avoid confusion.');
      return;
    }
    const runs = kind === 'preview' ? PREVIEW_RUNS : form.runs();
    const seed = form.seed();
    const problem = checkWhole('runs', runs, 100, MAX_RUNS) ?? checkWhole('master seed', seed, 0, 2 ** 31 - 1);
    if (problem) return showNotice('error', problem);
    // This batch runs the latest design, whatever edits were waiting for the last preview.
    editedDuringPreview = false;
    settling = undefined;
    delete root.dataset.drawn;
    shownScenario = scenario;
    void controller.start(kind, scenario, runs as number, seed as number);
  }

  const form = runForm(
    () => start('full'),
    () => controller.cancel(),
    () => undefined,
  );

  const exportJson = h('button', { type: 'button', class: 'small', 'data-testid': 'export-json' }, 'Summary JSON');
  const exportCsv = h('button', { type: 'button', class: 'small', 'data-testid': 'export-csv' }, 'Per-period CSV');
  const exportOutcomes = h('button', { type: 'button', class: 'small', 'data-testid': 'export-outcomes' }, 'Outcomes CSV');
  const stem = () => `relief-lab_${last!.scenarioName.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}_seed${last!.masterSeed}_${last!.runs}runs`;
  exportJson.addEventListener('click', () => last && download(`${stem()}.json`, summaryJson(last), 'application/json'));
  exportCsv.addEventListener('click', () => last && download(`${stem()}_periods.csv`, periodsCsv(last), 'text/csv'));
  exportOutcomes.addEventListener('click', () => last && download(`${stem()}_outcomes.csv`, outcomesCsv(last), 'text/csv'));

  const groups = [...new Set(RESULT_CHARTS.map((c) => c.group))].map((g) =>
    h('section', { class: 'chart-group' }, h('h3', {}, g), h('div', { class: 'chart-grid' }, ...cards.filter((c) => c.def.group === g).map((c) => c.card.element))),
  );
  root.replaceChildren(
    h('div', { class: 'run-panel' }, form.element, progress, status, staleNote, h('div', { class: 'exports' }, 'Export: ', exportJson, ' ', exportCsv, ' ', exportOutcomes)),
    ...groups,
  );
  root.dataset.state = 'idle';

  // Opening the app shows results for the default scenario straight away.
  start('preview');

  const panel: ResultsPanel = {
    leverEdited(options = {}) {
      if (!form.livePreview()) return;
      clearTimeout(previewTimer);
      if (previewRunning && !options.supersede) {
        editedDuringPreview = true;
        return;
      }
      editedDuringPreview = false;
      previewTimer = setTimeout(() => start('preview'), PREVIEW_DEBOUNCE_MS);
    },
    cancel() {
      clearTimeout(previewTimer);
      editedDuringPreview = false;
      controller.cancel();
    },
    summary: () => last,
  };
  return panel;
}
