import { createBrowserExperimentPool } from '../../../src/browser/index.ts';
import { breakPointsSpec, experiments, formatErrors, morrisSpec, primBoxSpec, primTradeoffSpec, RELIEF_LAB_VERSION, sobolIndicesSpec, studies, sweepLinesSpec, tornadoSpec, type ChartSpec, type Scenario } from '../../../src/index.ts';
import { download, h } from '../dom.ts';
import { showNotice } from '../notice.ts';
import { chartCard, type Provenance } from '../results/chart-card.ts';
import { loadVega } from '../results/chart-view.ts';
import { runAnalysis } from '../run/analysis-jobs.ts';
import { runBatchInWorkers } from '../run/batch-runner.ts';
import { LIBRARY, loadScenarioText } from '../scenarios/library.ts';
import type { DocumentStore } from '../store/document.ts';

/**
 * The analysis panel: stress break points, one-at-a-time sweeps, Sobol' and Morris
 * sensitivity and PRIM scenario discovery on the design being edited, run on Web
 * Workers through the same studies as the CLI (src/analysis/studies), with progress,
 * Cancel and partial results; and the memo (the CLI's `report`) as an HTML download.
 * The numbers equal the CLI's for the same runs and seed.
 */

type Kind = 'stress' | 'sweep' | 'sobol' | 'morris' | 'discover';
const KINDS: [Kind, string][] = [
  ['stress', 'Stress break points: which shocks break it, at what intensity'],
  ['sweep', 'One lever at a time (tornado)'],
  ['sobol', "Sobol' indices: what the outcome depends on"],
  ['morris', 'Morris screening (many levers, fewer runs)'],
  ['discover', 'Scenario discovery (PRIM): where it fails'],
];

/** Parses "path=low:high" lines (blank lines and # comments skipped). */
export function parseRanges(text: string): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const m = /^([^=\s]+)\s*=\s*([^:]+):(.+)$/.exec(line);
    const lo = m ? Number(m[2]) : NaN;
    const hi = m ? Number(m[3]) : NaN;
    if (!m || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new studies.StudyError(`levers, line ${i + 1}`, `"${line}" is not path=low:high, e.g. design.verification.detectionProbability=0.2:0.9`);
    out[m[1]] = [lo, hi];
  });
  return out;
}

/** A tiny renderer for the studies' Markdown (headings, paragraphs, tables, emphasis): text only, escaped. */
export function markdownToHtml(md: string): HTMLElement {
  const root = h('div', { class: 'study-text' });
  const blocks = md.split(/\n\s*\n/);
  for (const block of blocks) {
    const lines = block.trim().split('\n');
    if (!lines[0]) continue;
    if (lines[0].startsWith('|')) {
      const cells = (l: string) => l.replace(/^\|\s?|\s?\|$/g, '').split(/\s(?<!\\)\|\s/).map((c) => c.replace(/\\\|/g, '|'));
      const table = h('table', { class: 'study-table' });
      const head = h('tr', {}, ...cells(lines[0]).map((c) => h('th', {}, c)));
      table.append(h('thead', {}, head), h('tbody', {}, ...lines.slice(2).map((l) => h('tr', {}, ...cells(l).map((c) => h('td', {}, c))))));
      root.append(table);
    } else if (lines[0].startsWith('#')) root.append(h('h3', {}, lines[0].replace(/^#+\s*/, '')));
    else root.append(h('p', {}, lines.join(' ').replace(/\*\*|^_|_$/g, '')));
  }
  return root;
}

export function mountAnalysis(root: HTMLElement, store: DocumentStore, beforeRun: () => void): { cancel(): void; refresh(): void } {
  root.classList.add('analysis-panel');
  const kind = h('select', { id: 'analysis-kind', 'data-testid': 'analysis-kind' }, ...KINDS.map(([k, label]) => h('option', { value: k }, label)));
  const runs = h('input', { type: 'number', value: 100, min: 1, max: 100_000, step: 10, id: 'analysis-runs', 'data-testid': 'analysis-runs' });
  const seed = h('input', { type: 'number', value: 1, min: 0, step: 1, id: 'analysis-seed', 'data-testid': 'analysis-seed' });
  const samples = h('input', { type: 'number', value: 64, min: 2, step: 1, id: 'analysis-samples', 'data-testid': 'analysis-samples' });
  const levers = h('textarea', { id: 'analysis-levers', rows: 6, cols: 60, spellcheck: false, 'data-testid': 'analysis-levers' });
  const alternative = h('select', { id: 'analysis-alternative', 'data-testid': 'analysis-alternative' }, h('option', { value: '' }, 'none'), ...[...LIBRARY.keys()].map((f) => h('option', { value: f }, f)));
  const go = h('button', { type: 'button', class: 'primary', 'data-testid': 'analysis-run' }, 'Run');
  const memo = h('button', { type: 'button', 'data-testid': 'analysis-memo' }, 'Memo for print (HTML)');
  const cancel = h('button', { type: 'button', disabled: true, 'data-testid': 'analysis-cancel' }, 'Cancel');
  const progress = h('progress', { max: 1, value: 0 });
  const status = h('p', { class: 'run-status', role: 'status', 'data-testid': 'analysis-status' });
  const text = h('div', { class: 'study-output', 'data-testid': 'analysis-output' });
  let prov: Provenance | undefined;
  const card = chartCard('analysis', () => prov);
  const boxPick = h('select', { 'data-testid': 'analysis-box', hidden: true });
  const boxCard = chartCard('analysis-box', () => prov);
  boxCard.element.hidden = true;
  let discovered: studies.DiscoverResult | undefined;

  const field = (label: string, input: HTMLElement, hint = '') => h('label', { class: 'field' }, h('span', {}, label), input, ...(hint ? [h('small', {}, hint)] : []));
  root.append(
    h('h2', {}, 'Stress, sensitivity and discovery'),
    h('p', { class: 'hint' }, 'Every point runs the same seeds (common random numbers), so differences are the levers\u2019, not luck. Levers are scenario paths with a range, one per line; the defaults are ranges around the design\u2019s own values.'),
    h('div', { class: 'analysis-form' }, field('Study', kind), field('Runs per point', runs), field('Master seed', seed), field("Samples (Sobol' N, Morris trajectories, PRIM points)", samples), field('Levers and ranges', levers, 'path=low:high; stress ignores them'), field('Memo: compare with', alternative)),
    h('div', { class: 'run-buttons' }, go, cancel, memo, progress),
    status,
    text,
    card.element,
    boxPick,
    boxCard.element,
  );

  const refresh = () => {
    const s = store.state.scenario ?? store.state.lastValid;
    if (!levers.value.trim() || levers.dataset.auto === '1') {
      levers.value = Object.entries(studies.memoSweepRanges(s)).map(([p, [a, b]]) => `${p}=${a}:${b}`).join('\n');
      levers.dataset.auto = '1';
    }
  };
  levers.addEventListener('input', () => (levers.dataset.auto = '0'));
  store.subscribe(() => refresh());
  refresh();

  let abort: AbortController | undefined;
  let pool: experiments.ExperimentPool | undefined;
  /** What e2e tests wait for: running, done, cancelled or error. */
  const state = (st: 'running' | 'done' | 'cancelled' | 'error') => (root.dataset.state = st);
  const busy = (on: boolean) => {
    if (on) state('running');
    go.disabled = on;
    memo.disabled = on;
    cancel.disabled = !on;
  };
  const design = (): Scenario | null => {
    const s = store.state.scenario;
    if (!s) showNotice('error', 'The design has validation problems; fix them in the editor first.');
    return s;
  };
  const context = (s: Scenario, R: number, S: number) => `${s.metadata.name}${store.state.edited ? ' (edited)' : ''}; ${R} runs per point, seed ${S}`;

  const start = () => {
    beforeRun();
    abort = new AbortController();
    pool = createBrowserExperimentPool();
    busy(true);
    progress.value = 0;
    let base = 0;
    let last = 0;
    return {
      signal: abort.signal,
      pool,
      onProgress: (p: { runsDone: number; runsRequested: number }) => {
        if (p.runsDone < last) base += last;
        last = p.runsDone;
        status.textContent = `${(base + p.runsDone).toLocaleString('en-US')} runs done`;
        progress.value = p.runsRequested ? p.runsDone / p.runsRequested : 0;
      },
    };
  };
  const finish = async () => {
    busy(false);
    await pool?.close();
    pool = undefined;
  };
  const fail = (e: unknown) => {
    state('error');
    status.textContent = e instanceof studies.StudyError || e instanceof experiments.ExperimentRunError ? e.message : `Failed: ${e instanceof Error ? e.message : String(e)}`;
  };

  go.addEventListener('click', async () => {
    const s = design();
    if (!s) return;
    const R = Math.max(1, Math.floor(Number(runs.value)));
    const S = Math.max(0, Math.floor(Number(seed.value)));
    const n = Math.max(2, Math.floor(Number(samples.value)));
    const k = kind.value as Kind;
    text.replaceChildren();
    boxPick.hidden = true;
    boxCard.element.hidden = true;
    let ranges: Record<string, [number, number]>;
    try {
      ranges = k === 'stress' ? {} : parseRanges(levers.value);
    } catch (e) {
      fail(e);
      return;
    }
    const run = start();
    const shared = { ...run, runsPerPoint: R, masterSeed: S };
    const labels = { outcome: 'collapse probability', context: context(s, R, S) };
    prov = { scenario: s.metadata.name, edited: store.state.edited, runs: R, runsRequested: R, masterSeed: S, partial: false, version: RELIEF_LAB_VERSION };
    try {
      let spec: ChartSpec | null = null;
      let complete = true;
      if (k === 'stress') {
        const r = await studies.stressStudy(s, studies.libraryShocks(s, Math.floor(s.horizonPeriods / 4)), shared);
        text.append(markdownToHtml(studies.stressMarkdown(r)));
        const graded = r.shocks.filter((x) => x.result && x.intensity?.field === 'magnitude').map((x) => ({ shock: x.label, result: x.result! }));
        spec = graded.length ? breakPointsSpec(graded, { ...labels, intensity: 'magnitude' }) : null;
        complete = r.complete;
      } else if (k === 'sweep') {
        const r = await studies.sweepStudy(s, ranges, { ...shared, outcome: 'collapsed', levels: 5 });
        text.append(markdownToHtml(studies.sweepMarkdown(r)));
        spec = r.sweep ? tornadoSpec(r.sweep, labels) : null;
        if (r.sweep) {
          boxCard.element.hidden = false;
          await boxCard.show(sweepLinesSpec(r.sweep, labels));
        }
        complete = r.evaluation.complete;
      } else if (k === 'sobol') {
        const N = 2 ** Math.round(Math.log2(n));
        const r = await studies.sobolStudy(s, ranges, { ...shared, outcome: 'collapsed', baseSamples: N });
        text.append(markdownToHtml(studies.sobolMarkdown(r)));
        spec = r.indices ? sobolIndicesSpec(r.indices, labels) : null;
        complete = r.evaluation.complete;
      } else if (k === 'morris') {
        const r = await studies.morrisStudy(s, ranges, { ...shared, outcome: 'collapsed', trajectories: n });
        text.append(markdownToHtml(studies.morrisMarkdown(r)));
        spec = r.effects ? morrisSpec(r.effects, labels) : null;
        complete = r.evaluation.complete;
      } else {
        const r = await studies.discoverStudy(s, ranges, { ...shared, samples: Math.max(10, n) });
        discovered = r;
        text.append(markdownToHtml(studies.discoverMarkdown(r)));
        spec = r.prim ? primTradeoffSpec(r.prim, { ...labels, outcome: 'collapse more often than not' }) : null;
        if (r.prim) {
          boxPick.replaceChildren(...r.prim.trajectory.map((b, i) => h('option', { value: String(i) }, `box ${i}: coverage ${(100 * b.coverage).toFixed(0)}%, density ${(100 * b.density).toFixed(0)}%`)));
          boxPick.value = String(r.chosen?.index ?? r.prim.lastPeel);
          boxPick.hidden = false;
          await showBox();
        }
        complete = r.evaluation.complete;
      }
      if (spec) await card.show(spec);
      status.textContent = complete ? 'Done.' : 'Cancelled: the tables show what ran (marked PARTIAL).';
      state(complete ? 'done' : 'cancelled');
    } catch (e) {
      fail(e);
    } finally {
      await finish();
    }
  });

  /** The box the user picked on the trajectory: which of its restrictions matter. */
  const showBox = async () => {
    if (!discovered?.prim) return;
    const inspection = studies.inspectDiscoveredBox(discovered, Number(boxPick.value));
    boxCard.element.hidden = false;
    await boxCard.show(primBoxSpec(inspection, { outcome: 'collapse more often than not', context: 'restrictions with quasi-p < 0.05 matter' }));
  };
  boxPick.addEventListener('change', () => void showBox());

  cancel.addEventListener('click', () => abort?.abort());

  memo.addEventListener('click', async () => {
    const s = design();
    if (!s) return;
    const R = Math.max(1, Math.floor(Number(runs.value)));
    const S = Math.max(0, Math.floor(Number(seed.value)));
    let alt: Scenario | undefined;
    if (alternative.value) {
      const l = loadScenarioText(LIBRARY.get(alternative.value)!, alternative.value);
      if (!l.ok) return showNotice('error', `${alternative.value}: ${formatErrors(l.errors)}`);
      alt = l.scenario;
    }
    const run = start();
    try {
      // The audit runs in the analysis worker (the page stays responsive; Cancel stops it): at most 200 runs, as the CLI's default.
      const A = Math.min(200, R);
      const runAudit = (x: Scenario, o: { runs: number; masterSeed: number }) => runAnalysis({ kind: 'memo-audit', scenario: x, ...o }, run.signal);
      const st = await studies.memoStudies(s, { ...run, runsPerPoint: R, masterSeed: S, audit: { runs: A }, runAudit, ...(alt ? { alternative: alt } : {}), runBatch: (x) => runBatchInWorkers(x, { runs: 1000, masterSeed: S, signal: run.signal, onProgress: () => {}, live: false }) });
      const meta: studies.MemoMeta = { scenario: s, scenarioHash: studies.scenarioFingerprint(s), source: store.state.origin, edited: store.state.edited, version: RELIEF_LAB_VERSION, masterSeed: S, runsPerPoint: R, reproduce: `relief-lab report <the design saved as YAML>${alt ? ` --alternative scenarios/${alternative.value}` : ''} --seed ${S} --runs ${R} --batch-runs 1000 --audit-runs ${A}`, date: new Date().toISOString().slice(0, 10) };
      const { expr } = await loadVega();
      const svgs: Record<string, string> = {};
      for (const [name, spec] of Object.entries(studies.memoCharts(st, meta))) svgs[name] = await studies.chartSvg(spec, { expr });
      download(`memo-${s.metadata.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.html`, studies.memoHtml(st, meta, svgs), 'text/html');
      status.textContent = st.complete ? 'Memo written: open it and print to PDF.' : 'Cancelled: the memo covers what ran and is marked PARTIAL.';
      state(st.complete ? 'done' : 'cancelled');
    } catch (e) {
      fail(e);
    } finally {
      await finish();
    }
  });

  return { cancel: () => abort?.abort(), refresh };
}
