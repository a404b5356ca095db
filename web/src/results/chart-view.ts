import type { Result } from 'vega-embed';
import type { View } from 'vega';
import type { ChartSpec } from '../../../src/charts/spec.ts';

/**
 * Vega is most of the app's code; it loads on first use (its own chunk), so the
 * editor is ready before the charts' library has arrived.
 */
let vegaLibs: Promise<{ embed: typeof import('vega-embed').default; vega: typeof import('vega'); options: object }> | undefined;
/** Starts loading the charts' library (idempotent): the results panel calls it at start, so Vega arrives while the first batch runs. */
export function loadVega() {
  return (vegaLibs ??= Promise.all([import('vega-embed'), import('vega'), import('vega-interpreter')]).then(([e, vega, i]) => ({
    embed: e.default,
    vega,
    // No code generation: expressions run in vega-interpreter, so the CSP needs no 'unsafe-eval'.
    options: { actions: false, renderer: 'svg', ast: true, expr: i.expressionInterpreter, tooltip: true },
  })));
}

/** The spec minus its data and title text: when this is unchanged, an update only swaps data. */
function structureKey(spec: ChartSpec): string {
  const { datasets: _d, params, ...rest } = spec;
  return JSON.stringify([rest, params.map((p) => p.name)]);
}

/** The spec's data and title text: when these equal what is drawn, drawing it again would change nothing. */
function contentKey(spec: ChartSpec): string {
  return JSON.stringify([spec.datasets, spec.params]);
}

/**
 * One chart on screen. `show` embeds a spec the first time and afterwards, while
 * the spec's structure is the same, pushes only new data and title text into the
 * live view (a changeset), which is what keeps charts cheap to update as Monte
 * Carlo chunks stream in. Updates are serialised; if several arrive while one is
 * rendering, only the newest is drawn.
 */
export class ChartView {
  private result?: Result;
  private key = '';
  private loop?: Promise<void>;
  private next?: ChartSpec;
  private spec?: ChartSpec;

  constructor(readonly element: HTMLElement) {}

  get view(): View | undefined {
    return this.result?.view;
  }

  get currentSpec(): ChartSpec | undefined {
    return this.spec;
  }

  private contentKey = '';

  /** Resolves once this spec, or a newer one, is on screen. A spec equal to the one drawn is not drawn again. */
  show(spec: ChartSpec): Promise<void> {
    if (!this.loop && this.result && structureKey(spec) === this.key && contentKey(spec) === this.contentKey) return Promise.resolve();
    this.next = spec;
    return (this.loop ??= this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.next) {
        const s = this.next;
        this.next = undefined;
        await this.draw(s);
      }
    } finally {
      this.loop = undefined;
    }
  }

  private async draw(spec: ChartSpec): Promise<void> {
    const { embed, vega, options } = await loadVega();
    // A User Timing measure per draw, so the benchmark (bench/web.ts) can say which chart costs what.
    const started = performance.now();
    const key = structureKey(spec);
    if (this.result && key === this.key) {
      const view = this.result.view;
      for (const [name, rows] of Object.entries(spec.datasets)) view.change(name, vega.changeset().remove(vega.truthy).insert(rows.map((r) => ({ ...r }))));
      for (const p of spec.params) view.signal(p.name, p.value);
      await view.runAsync();
    } else {
      this.result?.finalize();
      this.result = await embed(this.element, structuredClone(spec) as object, options);
      this.key = key;
    }
    this.spec = spec;
    this.contentKey = contentKey(spec);
    // The chart's accessible name is what its title says (role="img" on the holder).
    const text = (name: string) => spec.params.find((p) => p.name === name)?.value.join(' ') ?? '';
    this.element.setAttribute('aria-label', `Chart: ${text('headline')}. ${text('subline')}`);
    this.element.dataset.rendered = 'true';
    performance.measure(`chart:${this.element.dataset.chart ?? '?'}`, { start: started });
  }

  clear(): void {
    this.result?.finalize();
    this.result = undefined;
    this.key = '';
    this.contentKey = '';
    this.spec = undefined;
    this.element.replaceChildren();
    delete this.element.dataset.rendered;
  }
}
