import type { Debrief, DebriefPath } from '../../../src/classroom/debrief.ts';
import { h } from '../dom.ts';
import { num, pct, roleLabel } from './format.ts';

const SVG = 'http://www.w3.org/2000/svg';
function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** One path over its fan: bands of 90% and 50% of the simulated runs, their median, the class's path. */
function fanSvg(p: DebriefPath, rounds: number): SVGSVGElement {
  const W = 360;
  const H = 170;
  const pad = { l: 34, r: 8, t: 8, b: 22 };
  const n = p.fan.length;
  const x = (t: number) => pad.l + ((W - pad.l - pad.r) * t) / Math.max(1, n - 1);
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - Math.max(0, Math.min(1, v)));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'cr-fan', role: 'img', 'aria-label': `${p.label}: the class's path over the simulated runs` });
  const band = (lo: 'q05' | 'q25', hi: 'q95' | 'q75', fill: string) => {
    const top = p.fan.map((b) => `${x(b.period)},${y(b[hi])}`);
    const bottom = [...p.fan].reverse().map((b) => `${x(b.period)},${y(b[lo])}`);
    svg.append(s('polygon', { points: [...top, ...bottom].join(' '), fill }));
  };
  for (const v of [0, 0.5, 1]) {
    svg.append(s('line', { x1: pad.l, x2: W - pad.r, y1: y(v), y2: y(v), stroke: '#ddd' }));
    const label = s('text', { x: pad.l - 4, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 10 });
    label.textContent = `${v * 100}%`;
    svg.append(label);
  }
  band('q05', 'q95', '#c6dbef');
  band('q25', 'q75', '#6baed6');
  svg.append(s('polyline', { points: p.fan.map((b) => `${x(b.period)},${y(b.q50)}`).join(' '), fill: 'none', stroke: '#fff', 'stroke-width': 2 }));
  svg.append(s('line', { x1: x(rounds), x2: x(rounds), y1: pad.t, y2: H - pad.b, stroke: '#555', 'stroke-dasharray': '3 3' }));
  svg.append(s('polyline', { points: p.classPath.map((v, t) => `${x(t)},${y(v)}`).join(' '), fill: 'none', stroke: '#d6336c', 'stroke-width': 2.5 }));
  const axis = s('text', { x: W - pad.r, y: H - 6, 'text-anchor': 'end', 'font-size': 10 });
  axis.textContent = `period (0 to ${n - 1}); dashed: end of the class's rounds`;
  svg.append(axis);
  return svg;
}

/** The debrief page: printable (the browser's Print gives the PDF). */
export function debriefView(d: Debrief, exportLinks?: HTMLElement): HTMLElement {
  const root = h('section', { class: 'cr-debrief', 'data-testid': 'debrief' });
  root.append(
    h('h2', {}, 'Debrief'),
    h('p', {}, `The class's path (red) over ${d.runs.toLocaleString('en')} simulated runs of the same design and shocks with the model's policies in every seat (blue: 90% and 50% of runs, white: the median). People played periods 0 to ${d.roundsByPeople - 1}; the model played the rest of the ${d.horizonPeriods} periods. The target was ${d.targetType}.`),
  );
  for (const p of d.paths) {
    const o = p.outcome;
    root.append(
      h('figure', { class: 'cr-figure', 'data-testid': `fan-${p.metric}` }, h('figcaption', {}, h('strong', {}, p.label), ` — ${o.label}: ${pct(o.classValue, 1)}, percentile ${pct(o.placement.percentile)} of the simulated runs (${o.reading})`), fanSvg(p, d.roundsByPeople)),
    );
  }
  root.append(
    h('h3', {}, 'Each seat against its objective'),
    h(
      'table',
      { class: 'cr-table', 'data-testid': 'scores' },
      h('tr', {}, h('th', {}, 'Seat'), h('th', {}, 'Played by'), h('th', {}, 'Class'), h('th', {}, 'Model median'), h('th', {}, 'Percentile')),
      ...d.scores.map((r) => h('tr', {}, h('td', { title: r.objective }, roleLabel(r.role)), h('td', {}, r.playedBy === 'people' ? 'people' : 'AI'), h('td', {}, num(r.classReturn)), h('td', {}, num(r.simulatedMedian)), h('td', {}, pct(r.placement.percentile)))),
    ),
    h('p', { class: 'cr-note' }, 'Percentile: the share of simulated runs in which the model, in that seat, did worse (ties count half). Objectives: hover a seat.'),
    h('h3', {}, 'What if the design had been different?'),
    h('p', {}, "The same seed and shocks, the class's own decisions where they still apply, the model's policies where they do not."),
    h(
      'table',
      { class: 'cr-table', 'data-testid': 'what-ifs' },
      h('tr', {}, h('th', {}, 'Design'), h('th', {}, 'Compliance'), h('th', {}, 'Leverage'), h('th', {}, 'Need met'), h('th', {}, 'Class decisions kept / replaced')),
      h('tr', { class: 'cr-class-row' }, h('td', {}, 'what the class did'), h('td', {}, pct(d.classOutcomes.finalCompliance)), h('td', {}, pct(d.classOutcomes.finalLeverage)), h('td', {}, pct(d.classOutcomes.meanNeedMet)), h('td', {}, '')),
      ...d.whatIfs.map((w) => h('tr', {}, h('td', {}, w.label), h('td', {}, pct(w.outcomes.finalCompliance)), h('td', {}, pct(w.outcomes.finalLeverage)), h('td', {}, pct(w.outcomes.meanNeedMet)), h('td', {}, `${w.reused} / ${w.replaced}`))),
    ),
    h('p', { class: 'cr-noprint' }, h('button', { type: 'button', class: 'cr-primary', 'data-testid': 'print' }, 'Print the debrief (PDF)')),
  );
  root.querySelector('[data-testid="print"]')!.addEventListener('click', () => window.print());
  if (exportLinks) root.append(exportLinks);
  return root;
}
