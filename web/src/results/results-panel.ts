import { periodWord } from '../../../src/index.ts';
import type { ReferenceResult } from '../../../src/index.ts';
import { formatShare } from '../../../src/index.ts';
import type { BatchSummary } from '../../../src/index.ts';
import type { Scenario } from '../../../src/index.ts';
import { download, h } from '../dom.ts';
import { outcomesCsv, periodsCsv, summaryJson } from '../export/summary-files.ts';
import { showNotice } from '../notice.ts';
import { runBatchInWorkers } from '../run/batch-runner.ts';
import { RunController, type RunStatus } from '../run/run-controller.ts';
import type { DocumentStore } from '../store/document.ts';
import { hooks } from '../test-hooks.ts';
import { chartCard, fileStem, type Provenance } from './chart-card.ts';
import { RESULT_CHARTS, type ChartContext } from './chart-list.ts';
import { loadVega } from './chart-view.ts';
import { checkWhole, MAX_RUNS, PREVIEW_RUNS, runForm } from './run-form.ts';

/**
 * Plot width and columns: two charts side by side in the results column when they
 * fit (the column's content box, less the gap, halved, less about 95 px of axis
 * labels and padding), else one chart the column's width (a phone).
 */
/** Work per task of a drawing pass (ms): below the 50 ms of a long task, with room for the browser's own. */
const TASK_BUDGET_MS = 35;
/** Lever edits this close together (ms) are a moving lever; a preview's second stage waits until it rested QUIET_MS. */
const MOVING_MS = 400;
const QUIET_MS = 150;

/** Yields to the page (input, paint) and resumes in a new task: a message, which is not clamped like nested timers. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

function chartLayout(column: HTMLElement): { width: number; columns: number } {
  const style = getComputedStyle(column);
  const inner = column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  if (inner >= 2 * 335 + 14) return { width: Math.min(520, Math.floor((inner - 14) / 2) - 95), columns: 2 };
  return { width: Math.max(160, Math.min(520, Math.floor(inner) - 115)), columns: 1 };
}

export interface ResultsPanel {
  /** The design changed: re-run the preview. `supersede` (a new document) cancels a preview of the old one at once. */
  leverEdited(options?: { supersede?: boolean }): void;
  /** Stops the workspace's batch (and a pending preview), e.g. when a comparison needs the workers. */
  cancel(): void;
  /** The last summary drawn (for exports, tests and the benchmark). */
  summary(): BatchSummary | undefined;
}

const n = (x: number) => x.toLocaleString('en-US');

function statusText(s: RunStatus, chartsShowIt: boolean): string {
  const what = s.kind === 'preview' ? 'Preview' : 'Run';
  switch (s.phase) {
    case 'running':
      return `${what}: ${n(s.runsDone)} of ${n(s.runsRequested)} runs, master seed ${s.masterSeed}…`;
    case 'done':
      return `${what} done: ${n(s.runsDone)} runs, master seed ${s.masterSeed}, relief-lab ${s.summary?.version ?? ''}`;
    case 'cancelled':
      return chartsShowIt
        ? `Cancelled after ${n(s.runsDone)} of ${n(s.runsRequested)} runs; the charts show these ${n(s.runsDone)} runs (master seed ${s.masterSeed}).`
        : `Cancelled after ${n(s.runsDone)} of ${n(s.runsRequested)} runs, before any result came in; the charts still show the result before.`;
    case 'error':
      return `The batch failed: ${s.error}`;
  }
}

/** "Before → now: collapse 3.7% → 12%; full relief 93% → 80%; final compliance (mean) 95% → 71%". */
function beforeAfterText(before: BatchSummary, now: BatchSummary): string {
  const pair = (label: string, a: number, b: number) => `${label} ${formatShare(a)} → ${formatShare(b)}`;
  return [
    pair('collapse', before.outcomes.collapsed.mean, now.outcomes.collapsed.mean),
    pair('full relief', before.outcomes.fullRelief.mean, now.outcomes.fullRelief.mean),
    pair('final compliance (mean)', before.outcomes.finalCompliance.mean, now.outcomes.finalCompliance.mean),
    pair('final leverage (mean)', before.outcomes.finalLeverage.mean, now.outcomes.finalLeverage.mean),
  ].join('; ');
}

/**
 * The results column: run controls, progress, charts that update as chunks arrive,
 * the result before the latest edits beside the new one, and exports. Live preview
 * re-runs a short batch as levers move.
 */
export function mountResults(root: HTMLElement, store: DocumentStore, beforeRun: () => void): ResultsPanel {
  // Vega is fetched and compiled while the first batch runs, not after it.
  void loadVega();
  /** The latest summary received (live while running) and what it was run on: exports use these. */
  let last: BatchSummary | undefined;
  let lastLive = false;
  let lastKind: RunStatus['kind'] = 'preview';
  let lastEdited = false;
  const provenance = (): Provenance | undefined =>
    last ? { scenario: last.scenarioName, edited: lastEdited, masterSeed: last.masterSeed, runs: last.runs, runsRequested: last.runsRequested, partial: last.partial || last.runs < last.runsRequested, version: last.version } : undefined;
  const cards = RESULT_CHARTS.map((def) => ({ def, card: chartCard(def.id, provenance) }));
  const progress = h('progress', { max: 1, value: 0, 'data-testid': 'progress', 'aria-label': 'Runs done' });
  const status = h('p', { class: 'run-status', 'data-testid': 'run-status', role: 'status' }, 'No results yet.');

  /** The scenario the charts were run on; when the document moves on without a new run, a note says so. */
  let shownScenario: unknown;
  const staleNote = h('p', { class: 'stale-note', 'data-testid': 'stale', hidden: true });
  function updateStale(): void {
    const state = store.state;
    // Not shown for the moment between an edit and the preview it starts (a task later): showing and hiding
    // it would move every chart below it down and up again, and repaint them.
    staleNote.hidden = state.scenario === shownScenario || controller.running || previewQueued;
    staleNote.textContent = !state.scenario
      ? 'The charts are for the last valid version of this design: fix the problems listed in the editor to update them.'
      : form.livePreview()
        ? 'The charts are for an earlier version of this design; a preview of this one follows.'
        : 'The charts are for an earlier version of this design: press Run, or turn on live preview, to update them.';
  }

  /**
   * Before and after: the first result of a document as opened is kept as "before",
   * and every result of an edited version is drawn beside it. "Keep as before" makes
   * the result on screen the new before; "Hide before" drops it.
   */
  let reference: (ReferenceResult & { scenario: Scenario }) | undefined;
  let referencePending = true;
  const beforeAfter = h('p', { class: 'before-after', 'data-testid': 'before-after', hidden: true });
  const keepBefore = h('button', { type: 'button', class: 'small', 'data-testid': 'keep-before', title: 'Compare later edits against the result now on screen' }, 'Keep as before');
  const hideBefore = h('button', { type: 'button', class: 'small', 'data-testid': 'hide-before', disabled: true }, 'Hide before');
  keepBefore.addEventListener('click', () => {
    if (!drawn || !drawnFinal || !ranOn) return;
    reference = { label: `${drawn.scenarioName}${lastEdited ? ' (edited)' : ''}, kept`, summary: drawn, scenario: ranOn };
    redraw();
  });
  hideBefore.addEventListener('click', () => {
    reference = undefined;
    redraw();
  });

  store.subscribe((_state, kind) => {
    // Another document: its first result becomes the new "before" (another scenario's result is no before of this one).
    if (kind === 'replace') {
      reference = undefined;
      referencePending = true;
    }
    updateStale();
    // A new document (gallery, import, saved design) gets results at once, like a lever edit.
    if (kind === 'replace') panel.leverEdited({ supersede: true });
  });

  /**
   * Following a moving lever: a preview runs in two stages (its first 256 runs are drawn as soon as they
   * are in, then the 2,000; run/batch-runner.ts). An edit while a preview runs waits for that preview's
   * first stage to be in, then supersedes it (a preview between its stages never starts the second; the
   * workers stay warm), so during a drag the charts show a recent value's first stage every few tenths of
   * a second, and the whole 2,000-run result once the lever stops.
   */
  let previewRunning = false;
  /** The running preview has reported its first stage (the batch id that did). */
  let previewFirstStageIn = false;
  let firstStageOf = -1;
  /** The design was edited while a preview's first stage was still running: a new preview follows it. */
  let editedDuringPreview = false;
  /** A preview was asked for and starts in the next task (edits until then join it). */
  let previewQueued = false;
  function queuePreview(): void {
    if (previewQueued) return;
    previewQueued = true;
    setTimeout(() => {
      previewQueued = false;
      start('preview');
    }, 0);
  }
  /** What the batch now running was run on (scenario, edited, history). */
  let runScenario: Scenario | undefined;
  let runEdited = false;
  let ranOn: Scenario | undefined;
  /** When the last two lever edits came (ms): closer than MOVING_MS means a lever is moving (a drag). */
  const lastEdits: number[] = [];
  /**
   * A preview's second stage waits while a lever moves, until QUIET_MS passed without an edit (or the
   * preview was superseded): a typed edit or a lever that stopped starts it at once.
   */
  const secondStageGate = (signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      signal.addEventListener('abort', () => resolve(), { once: true });
      const check = () => {
        const [a, b] = lastEdits;
        const quietFor = b === undefined ? Infinity : performance.now() - b;
        if (signal.aborted || a === undefined || b - a > MOVING_MS || quietFor >= QUIET_MS) resolve();
        else setTimeout(check, QUIET_MS - quietFor);
      };
      check();
    });
  const controller = new RunController(runBatchInWorkers, (s) => {
    previewRunning = s.phase === 'running' && s.kind === 'preview';
    if (previewRunning && s.summary) firstStageOf = s.id;
    previewFirstStageIn = previewRunning && firstStageOf === s.id;
    // An edit came while this preview's first stage ran: now that it is in, a preview of the latest design
    // supersedes it (at the end of this handler, so that the first stage is drawn, and before the
    // preview's second stage starts); a preview that ended is followed after its status was handled.
    const supersede = editedDuringPreview && previewFirstStageIn;
    if (editedDuringPreview && !previewRunning) {
      editedDuringPreview = false;
      queuePreview();
    }
    root.dataset.state = s.phase;
    root.dataset.kind = s.kind;
    // Which batch the state describes: ids only grow, so a waiter can ask for a batch newer than one it saw.
    root.dataset.batch = String(s.id);
    root.dataset.runsDone = String(s.runsDone);
    form.setRunning(s.phase === 'running');
    progress.value = s.runsRequested ? s.runsDone / s.runsRequested : 0;
    // A live summary of zero runs has nothing to draw (empty histograms have no extent).
    const drawable = !!s.summary && s.summary.runs > 0;
    status.textContent = statusText(s, drawable);
    updateStale();
    if (drawable) {
      if (s.phase !== 'running') settling = s.summary;
      last = s.summary;
      lastLive = s.phase === 'running';
      lastKind = s.kind;
      // How many runs an export taken now would hold.
      root.dataset.summaryRuns = String(s.summary!.runs);
      lastEdited = runEdited;
      ranOn = runScenario;
      void draw();
    }
    // A batch that ended with nothing to draw still says it is settled, so waiters (tests, the benchmark) never hang.
    else if (s.phase !== 'running') root.dataset.drawn = '0';
    if (supersede) {
      editedDuringPreview = false;
      start('preview');
    }
  }, { secondStageGate });

  let drawing = false;
  let drawn: BatchSummary | undefined;
  let drawnFinal = false;
  /** Bumped when the before/after context changes, so the charts are drawn again with the same summary. */
  let contextVersion = 0;
  let drawnContext = -1;
  /**
   * The final summary of the batch the panel now stands for; data-drawn is set only once this one is on
   * every chart. start() clears it, so a pass of an earlier batch that ends after a new batch was asked
   * for cannot mark the new one settled.
   */
  let settling: BatchSummary | undefined;

  /** Which chart cards are on screen (an IntersectionObserver keeps it); before its first report, all count as in view. */
  const visible = new Set<Element>();
  let visibilityKnown = false;
  const watcher = new IntersectionObserver((entries) => {
    visibilityKnown = true;
    for (const e of entries) {
      if (e.isIntersecting) visible.add(e.target);
      else visible.delete(e.target);
    }
  });
  for (const { card } of cards) watcher.observe(card.element);
  const inView = (el: Element) => !visibilityKnown || visible.has(el);
  /** How long each chart's last draw took (ms), to plan the tasks of the next pass. */
  const drawCost = new Map<string, number>();

  function chartContext(summary: BatchSummary, live: boolean): ChartContext {
    // The before is drawn only beside another design's result, never beside itself.
    const ref = reference && reference.summary !== summary && reference.scenario !== ranOn ? reference : undefined;
    return { ...chartLayout(root), live, reference: ref, history: ranOn?.metadata.historicalOutcome, periodWord: periodWord(summary.periodLengthMonths) };
  }

  function redraw(): void {
    contextVersion++;
    void draw();
  }

  /**
   * Draws the newest summary, one chart per task with a yield in between, so input
   * is handled between charts. A pass draws one summary on every chart (never two
   * run counts at once); a summary that arrives mid-pass gets the next pass. A chart
   * whose data and text are unchanged is not drawn again (the last live summary and
   * the final one are usually equal).
   */
  async function draw(): Promise<void> {
    if (drawing) return;
    drawing = true;
    try {
      while (last && (drawn !== last || (!lastLive && !drawnFinal) || drawnContext !== contextVersion)) {
        const passSummary = last;
        const passFinal = !lastLive;
        const passContext = contextVersion;
        const passKind = lastKind;
        const c = chartContext(passSummary, !passFinal);
        // Charts in view first; a live pass draws only those (the others say they update when the run ends).
        const order = [...cards].sort((a, b) => Number(inView(b.card.element)) - Number(inView(a.card.element)));
        let taskStart = performance.now();
        for (const { def, card } of order) {
          const skip = !passFinal && (!!def.finalOnly || !inView(card.element));
          card.element.classList.toggle('stale', skip);
          if (skip) continue;
          // Several chart updates per task while they fit in a frame's worth of work (each task boundary
          // may cost a paint of the page); a yield before one that would make the task long.
          if (performance.now() - taskStart + (drawCost.get(def.id) ?? 50) > TASK_BUDGET_MS) {
            await yieldToPage();
            taskStart = performance.now();
          }
          const t = performance.now();
          await card.show(def.build(passSummary, c));
          drawCost.set(def.id, performance.now() - t);
        }
        drawn = passSummary;
        drawnFinal = passFinal;
        drawnContext = passContext;
        const ref = c.reference;
        beforeAfter.hidden = !ref;
        if (ref) beforeAfter.textContent = `Before (${ref.label}, ${n(ref.summary.runs)} runs) → now (${n(passSummary.runs)} runs): ${beforeAfterText(ref.summary, passSummary)}.`;
        hideBefore.disabled = !reference;
        if (passFinal && referencePending && passSummary === settling) {
          // The first complete result of a document as opened is its "before".
          referencePending = false;
          if (!lastEdited && ranOn) reference = { label: `${passSummary.scenarioName} as opened`, summary: passSummary, scenario: ranOn };
        }
        const settled = passFinal && passSummary === settling;
        if (settled) {
          root.dataset.drawn = `${passSummary.runs}`;
          root.dataset.drawnAt = String(Math.round(performance.now()));
        }
        // final: this batch settled (what waiters want); complete: some batch's final summary is on every chart
        // (during a drag the next preview is already asked for when the last one's pass ends, so it never settles);
        // kind: the pass drew a preview or a full run (a preview's first stage is a pass that is not complete).
        root.dispatchEvent(new CustomEvent('relief:drawn', { detail: { runs: passSummary.runs, final: settled, complete: passFinal, kind: passKind } }));
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
    delete root.dataset.summaryRuns;
    shownScenario = scenario;
    runScenario = scenario;
    runEdited = store.state.edited;
    beforeRun();
    // A preview draws only its final summary (it takes a fraction of a second); a full run streams.
    void controller.start(kind, scenario, runs as number, seed as number, kind === 'full');
  }

  const form = runForm(
    () => start('full'),
    () => controller.cancel(),
    () => updateStale(),
  );

  const exportJson = h('button', { type: 'button', class: 'small', 'data-testid': 'export-json' }, 'Summary JSON');
  const exportCsv = h('button', { type: 'button', class: 'small', 'data-testid': 'export-csv' }, 'Per-period CSV');
  const exportOutcomes = h('button', { type: 'button', class: 'small', 'data-testid': 'export-outcomes' }, 'Outcomes CSV');
  const stem = () => fileStem('', provenance()!);
  exportJson.addEventListener('click', () => last && download(`${stem()}.json`, summaryJson(last), 'application/json'));
  exportCsv.addEventListener('click', () => last && download(`${stem()}_periods.csv`, periodsCsv(last, lastEdited), 'text/csv'));
  exportOutcomes.addEventListener('click', () => last && download(`${stem()}_outcomes.csv`, outcomesCsv(last, lastEdited), 'text/csv'));

  const groups = [...new Set(RESULT_CHARTS.map((c) => c.group))].map((g) =>
    h('section', { class: 'chart-group', 'aria-label': g }, h('h3', {}, g), h('div', { class: 'chart-grid' }, ...cards.filter((c) => c.def.group === g).map((c) => c.card.element))),
  );
  root.replaceChildren(
    h(
      'div',
      { class: 'run-panel', id: 'run-controls' },
      form.element,
      progress,
      status,
      staleNote,
      h('div', { class: 'before-after-row' }, beforeAfter, h('span', { class: 'group' }, keepBefore, ' ', hideBefore)),
      h('div', { class: 'exports' }, 'Export: ', exportJson, ' ', exportCsv, ' ', exportOutcomes),
    ),
    ...groups,
  );
  root.dataset.state = 'idle';
  if (__E2E__) hooks.summary = () => last;

  // Opening the app shows results for the default scenario straight away.
  start('preview');

  const panel: ResultsPanel = {
    leverEdited(options = {}) {
      if (!form.livePreview()) return;
      lastEdits.push(performance.now());
      if (lastEdits.length > 2) lastEdits.shift();
      if (options.supersede) {
        editedDuringPreview = false;
        start('preview');
        return;
      }
      // The first edit starts a preview at once. An edit while one runs waits for its first stage to be in
      // (so a drag draws something), then supersedes it.
      if (previewQueued) return;
      if (previewRunning && !previewFirstStageIn) {
        editedDuringPreview = true;
        return;
      }
      queuePreview();
    },
    cancel() {
      editedDuringPreview = false;
      controller.cancel();
    },
    summary: () => last,
  };
  return panel;
}
