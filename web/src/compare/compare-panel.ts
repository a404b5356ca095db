import { compareDesigns, format, type Comparison, type DesignResult, type PairedDifferences } from '../../../src/index.ts';
import { compareFanSpec, compareProbabilitySpec } from '../../../src/index.ts';
import { FAN_METRICS } from '../../../src/index.ts';
import type { Scenario } from '../../../src/index.ts';
import { formatErrors } from '../../../src/index.ts';
import { download, h } from '../dom.ts';
import { comparisonCsv } from '../export/comparison-files.ts';
import { showNotice } from '../notice.ts';
import { chartCard, fileStem, type Provenance } from '../results/chart-card.ts';
import { checkWhole, MAX_RUNS } from '../results/run-form.ts';
import { runBatchInWorkers } from '../run/batch-runner.ts';
import { LIBRARY, loadScenarioText } from '../scenarios/library.ts';
import type { DocumentStore } from '../store/document.ts';
import { listSaved } from '../store/saved-designs.ts';
import { comparisonTable } from './comparison-table.ts';
import { pairedInWorkers } from './paired-runner.ts';

interface Candidate {
  key: string;
  label: string;
  load(): { ok: true; scenario: Scenario } | { ok: false; message: string };
}

function candidates(store: DocumentStore): Candidate[] {
  const fromText = (text: string, name: string) => () => {
    const r = loadScenarioText(text, name);
    return r.ok ? { ok: true as const, scenario: r.scenario } : { ok: false as const, message: `${name}: ${formatErrors(r.errors)}` };
  };
  const current: Candidate = {
    key: 'current',
    label: `Current design (${store.state.lastValid.metadata.name}${store.state.edited ? ', edited' : ''})`,
    load: () => (store.state.scenario ? { ok: true, scenario: store.state.scenario } : { ok: false, message: 'the current design has validation problems; fix them first' }),
  };
  const saved = listSaved();
  return [
    current,
    ...[...LIBRARY.entries()].map(([file, text]) => ({ key: `gallery:${file}`, label: `Gallery: ${file}`, load: fromText(text, file) })),
    ...(saved.ok ? saved.designs.map((d) => ({ key: `saved:${d.name}`, label: `Saved: ${d.name}`, load: fromText(d.yaml, `${d.name}.yaml`) })) : []),
  ];
}

/**
 * Distinct names for the chart legends and the table: the scenario names, the current
 * design marked "(edited)" when it was edited since it was opened (so an edited
 * baseline and the shipped one read as before and after), numbered if two are still equal.
 */
function distinctNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n} (${k})`;
  });
}

/**
 * Compare 2 to 4 designs on common random numbers: every design runs the same run
 * indices with the same master seed, so run i of each design draws the same target
 * type, resolve and shocks, and differences are differences of design.
 */
export function mountCompare(root: HTMLElement, store: DocumentStore, beforeRun: () => void): { refresh(): void; cancel(): void } {
  const picks = h('fieldset', { class: 'picks', 'data-testid': 'compare-picks' }, h('legend', {}, 'Designs to compare (2 to 4; the first ticked is the reference)'));
  const runs = h('input', { type: 'number', value: 5000, min: 100, max: MAX_RUNS, step: 1000, id: 'compare-runs', 'data-testid': 'compare-runs' });
  const seed = h('input', { type: 'number', value: 1, min: 0, step: 1, id: 'compare-seed', 'data-testid': 'compare-seed' });
  const go = h('button', { type: 'button', class: 'primary', 'data-testid': 'compare-run' }, 'Run comparison');
  const cancel = h('button', { type: 'button', disabled: true, 'data-testid': 'compare-cancel' }, 'Cancel');
  const progress = h('progress', { max: 1, value: 0 });
  const status = h('p', { class: 'run-status', role: 'status', 'data-testid': 'compare-status' });
  const findings = h('ul', { class: 'findings', 'data-testid': 'findings' });
  const tableHolder = h('div', { class: 'table-holder' });
  const fanCards = FAN_METRICS.map((m) => ({ m, card: chartCard(`compare-${m}`, () => prov) }));
  const probCard = chartCard('compare-probabilities', () => prov);
  let prov: Provenance | undefined;
  let comparison: { c: Comparison; periodLengthMonths: number } | undefined;
  const exportTable = h('button', { type: 'button', class: 'small', 'data-testid': 'export-comparison', disabled: true }, 'Export table (CSV)');
  exportTable.addEventListener('click', () => {
    if (!comparison || !prov) return;
    download(`${fileStem('comparison', prov)}.csv`, comparisonCsv(comparison.c, { ...prov, periodLengthMonths: comparison.periodLengthMonths }), 'text/csv');
  });
  let abort: AbortController | undefined;
  const chosen: string[] = [];

  function refresh(): void {
    const list = candidates(store);
    for (let i = chosen.length - 1; i >= 0; i--) if (!list.some((c) => c.key === chosen[i])) chosen.splice(i, 1);
    picks.replaceChildren(
      picks.firstChild!,
      ...list.map((c) => {
        const box = h('input', { type: 'checkbox', value: c.key, checked: chosen.includes(c.key) });
        box.addEventListener('change', () => {
          if (box.checked) chosen.push(c.key);
          else chosen.splice(chosen.indexOf(c.key), 1);
        });
        return h('label', { class: 'check' }, box, ` ${c.label}`);
      }),
    );
  }

  async function run(): Promise<void> {
    const list = candidates(store);
    const num = (el: HTMLInputElement) => (el.value.trim() !== '' && Number.isFinite(Number(el.value)) ? Number(el.value) : el.value);
    const problem = chosen.length < 2 || chosen.length > 4 ? `designs: tick 2 to 4 designs (${chosen.length} ticked)` : checkWhole('runs per design', num(runs), 100, MAX_RUNS) ?? checkWhole('master seed', num(seed), 0, 2 ** 31 - 1);
    if (problem) return showNotice('error', problem);
    const loaded = chosen.map((k) => list.find((c) => c.key === k)!.load());
    const bad = loaded.find((l) => !l.ok);
    if (bad && !bad.ok) return showNotice('error', `Cannot compare: ${bad.message}`);
    const scenarios = loaded.map((l) => (l as { scenario: Scenario }).scenario);
    const names = distinctNames(scenarios.map((s, i) => (chosen[i] === 'current' && store.state.edited ? `${s.metadata.name} (edited)` : s.metadata.name)));
    const n = Number(runs.value);
    const masterSeed = Number(seed.value);
    beforeRun();
    abort = new AbortController();
    root.dataset.state = 'running';
    cancel.disabled = false;
    go.disabled = true;
    const results: DesignResult[] = [];
    let paired: PairedDifferences;
    // Progress: the batches (for the charts and each design's CIs), then the paired runs (for the differences), equal shares.
    const steps = scenarios.length + 1;
    try {
      for (let i = 0; i < scenarios.length; i++) {
        status.textContent = `Running ${names[i]} (${i + 1} of ${scenarios.length}), ${format.groupThousands(n)} runs, master seed ${masterSeed}…`;
        const summary = await runBatchInWorkers(scenarios[i], {
          runs: n,
          masterSeed,
          signal: abort.signal,
          onProgress: (p) => (progress.value = (i + p.runsDone / p.runsRequested) / steps),
        });
        if (summary.partial) throw new DOMException('cancelled', 'AbortError');
        results.push({ name: names[i], summary });
      }
      status.textContent = `Pairing the designs run by run (the same ${format.groupThousands(n)} seeds under each)…`;
      paired = await pairedInWorkers(
        scenarios.map((scenario, i) => ({ name: names[i], scenario })),
        { runs: n, masterSeed, signal: abort.signal, onProgress: (done) => (progress.value = (scenarios.length + done) / steps) },
      );
    } catch (e) {
      const cancelled = abort.signal.aborted;
      root.dataset.state = cancelled ? 'cancelled' : 'error';
      status.textContent = cancelled ? 'Comparison cancelled; a comparison needs every design complete on the same runs.' : `The comparison failed: ${e instanceof Error ? e.message : String(e)}`;
      return;
    } finally {
      cancel.disabled = true;
      go.disabled = false;
    }
    progress.value = 1;
    prov = { scenario: names.join(' vs '), edited: false, masterSeed, runs: n, runsRequested: n, partial: false, version: results[0].summary.version };
    const c = compareDesigns(results, { paired });
    comparison = { c, periodLengthMonths: results[0].summary.periodLengthMonths };
    exportTable.disabled = false;
    findings.replaceChildren(...c.findings.map((f) => h('li', {}, f)), c.commonRandomNumbers ? '' : h('li', { class: 'bad' }, 'Warning: the designs did not run on the same random numbers.'));
    tableHolder.replaceChildren(comparisonTable(c));
    await Promise.all([...fanCards.map(({ m, card }) => card.show(compareFanSpec(results, m, { width: 460 }))), probCard.show(compareProbabilitySpec(results, { width: 460 }))]);
    status.textContent = `Done: ${names.join(', ')}; ${format.groupThousands(n)} runs each on common random numbers (master seed ${masterSeed}), differences paired by run.`;
    root.dataset.state = 'done';
  }

  go.addEventListener('click', () => void run());
  cancel.addEventListener('click', () => abort?.abort());
  root.replaceChildren(
    h('h2', {}, 'Compare designs'),
    h('p', { class: 'lead' }, 'Each design runs the same runs (same master seed and run indices), so run i faces the same hidden target type, coalition resolve and shocks under every design. Differences are design minus reference, paired run by run: the mean of the per-run differences with its 95% interval, much narrower than that of two independent batches when the runs move together. A design is called better or worse on an outcome only when its interval excludes zero.'),
    picks,
    h('div', { class: 'run-form' }, h('label', { for: 'compare-runs' }, 'Runs per design'), runs, h('label', { for: 'compare-seed' }, 'Master seed'), seed, go, cancel),
    progress,
    status,
    h('h3', {}, 'What differs'),
    findings,
    h('p', { class: 'exports' }, exportTable),
    tableHolder,
    h('h3', {}, 'Side by side'),
    h('div', { class: 'chart-grid' }, probCard.element, ...fanCards.map((f) => f.card.element)),
  );
  root.dataset.state = 'idle';
  refresh();
  return { refresh, cancel: () => abort?.abort() };
}
