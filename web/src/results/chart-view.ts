import type { View } from 'vega';
import type { ChartSpec } from '../../../src/index.ts';
import { compileChart, startCompiler } from './chart-compiler.ts';

/**
 * Vega is most of the app's code; it loads in its own chunk, started at once by the
 * results panel, so it arrives while the first batch runs. Vega-Lite compiles in a
 * worker (chart-compiler.ts), started at the same time. vega-tooltip is vega-embed's
 * own tooltip handler.
 */
let vegaLibs: Promise<{ vega: typeof import('vega'); expr: unknown; Tooltip: typeof import('vega-tooltip').Handler }> | undefined;
/** Starts loading the charts' libraries and the compile worker (idempotent). */
export function loadVega() {
  startCompiler();
  return (vegaLibs ??= Promise.all([import('vega'), import('vega-interpreter'), import('vega-tooltip')]).then(([vega, i, t]) => ({
    vega,
    // No code generation: expressions run in vega-interpreter, so the CSP needs no 'unsafe-eval'.
    expr: i.expressionInterpreter,
    Tooltip: t.Handler,
  })));
}

/**
 * Title lines every chart starts with (headline and subtitle each): most titles wrap to
 * two or three lines, and a streaming update that adds a line would lay the chart out
 * anew (a compile and parse), so room for three is kept from the first draw.
 */
const MIN_TITLE_LINES = 3;

/** Lets the page handle input and paint between the costly steps of a first draw. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The spec minus its data and title text: when this is unchanged, an update only swaps
 * data. The number of title lines is part of it: a title that grows from one line to
 * three needs a new layout (a view is laid out once; re-measuring on every streaming
 * update would cost every update), else it would be cut at the top. ChartView pads
 * titles to the most lines it has shown, so a title that shrinks and grows again as
 * runs stream in does not lay the chart out anew each time.
 */
export function structureKey(spec: ChartSpec): string {
  const { datasets: _d, params, ...rest } = spec;
  return JSON.stringify([rest, params.map((p) => [p.name, p.value.length])]);
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
  private live?: View;
  private key = '';
  private loop?: Promise<void>;
  private next?: ChartSpec;
  private spec?: ChartSpec;

  constructor(readonly element: HTMLElement) {}

  get view(): View | undefined {
    return this.live;
  }

  get currentSpec(): ChartSpec | undefined {
    return this.spec;
  }

  private contentKey = '';

  /** Resolves once this spec, or a newer one, is on screen. A spec equal to the one drawn is not drawn again. */
  show(spec: ChartSpec): Promise<void> {
    if (!this.loop && this.live) {
      const padded = { ...spec, params: spec.params.map((p) => ({ ...p, value: [...p.value, ...Array<string>(Math.max(0, (this.titleLines.get(p.name) ?? MIN_TITLE_LINES) - p.value.length)).fill('')] })) };
      if (structureKey(padded) === this.key && contentKey(padded) === this.contentKey) return Promise.resolve();
    }
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

  /** Most lines each title param has had on this chart: shorter titles are padded to it with empty lines. */
  private titleLines = new Map<string, number>();

  private padTitles(spec: ChartSpec): ChartSpec {
    const params = spec.params.map((p) => {
      const lines = Math.max(p.value.length, this.titleLines.get(p.name) ?? MIN_TITLE_LINES);
      this.titleLines.set(p.name, lines);
      return p.value.length === lines ? p : { ...p, value: [...p.value, ...Array<string>(lines - p.value.length).fill('')] };
    });
    return { ...spec, params } as ChartSpec;
  }

  private async draw(unpadded: ChartSpec): Promise<void> {
    const { vega, expr, Tooltip } = await loadVega();
    const spec = this.padTitles(unpadded);
    // A User Timing measure per draw, so the benchmark (bench/web.ts) can say which chart costs what.
    const started = performance.now();
    const key = structureKey(spec);
    if (this.live && key === this.key) {
      const view = this.live;
      for (const [name, rows] of Object.entries(spec.datasets)) view.change(name, vega.changeset().remove(vega.truthy).insert(rows.map((r) => ({ ...r }))));
      for (const p of spec.params) view.signal(p.name, p.value);
      await view.runAsync();
    } else {
      // A first draw: compiled in the worker, then parse and render in two tasks of the page's (each tens of ms).
      const compiled = await compileChart(spec);
      const runtime = vega.parse(compiled, undefined, { ast: true } as Parameters<typeof vega.parse>[2]);
      await nextTask();
      this.live?.finalize();
      this.element.replaceChildren();
      const view = new vega.View(runtime, { renderer: 'svg', container: this.element, hover: true, expr } as ConstructorParameters<typeof vega.View>[1]);
      view.tooltip(new Tooltip().call);
      this.live = view;
      await view.runAsync();
      this.key = key;
    }
    this.spec = spec;
    this.contentKey = contentKey(spec);
    // The chart's accessible name is what its title says (role="img" on the holder).
    const text = (name: string) => spec.params.find((p) => p.name === name)?.value.filter(Boolean).join(' ') ?? '';
    this.element.setAttribute('aria-label', `Chart: ${text('headline')}. ${text('subline')}`);
    this.element.dataset.rendered = 'true';
    performance.measure(`chart:${this.element.dataset.chart ?? '?'}`, { start: started });
  }

  clear(): void {
    this.live?.finalize();
    this.live = undefined;
    this.key = '';
    this.contentKey = '';
    this.titleLines.clear();
    this.spec = undefined;
    this.element.replaceChildren();
    delete this.element.dataset.rendered;
  }
}
