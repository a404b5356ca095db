/** A side's expected utility along the negotiated lever, with no deal's value and the offer on the table marked. */
const SVG = 'http://www.w3.org/2000/svg';
function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function utilityChart(points: readonly [number, number][], reservation: number, onTable: number | null, at: (x: number) => number): SVGSVGElement {
  const W = 340;
  const H = 120;
  const pad = { l: 40, r: 10, t: 10, b: 22 };
  const xs = points.map(([x]) => x);
  const ys = [...points.map(([, y]) => y), reservation];
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y1 - y0 < 1e-9) [y0, y1] = [y0 - 1, y1 + 1];
  const X = (x: number) => pad.l + ((W - pad.l - pad.r) * (x - x0)) / Math.max(1e-12, x1 - x0);
  const Y = (y: number) => pad.t + (H - pad.t - pad.b) * (1 - (y - y0) / (y1 - y0));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'cr-utility', role: 'img', 'aria-label': 'your expected utility along the negotiated lever', 'data-testid': 'utility-chart' });
  svg.append(
    s('line', { x1: pad.l, x2: W - pad.r, y1: Y(reservation), y2: Y(reservation), stroke: '#b42318', 'stroke-dasharray': '4 3' }),
    s('text', { x: W - pad.r, y: Y(reservation) - 3, 'text-anchor': 'end', 'font-size': 10, fill: '#b42318' }, 'no deal'),
    s('polyline', { points: points.map(([x, y]) => `${X(x)},${Y(y)}`).join(' '), fill: 'none', stroke: '#1c64c8', 'stroke-width': 2.5 }),
    s('text', { x: pad.l - 4, y: Y(y1) + 4, 'text-anchor': 'end', 'font-size': 10 }, y1.toFixed(1)),
    s('text', { x: pad.l - 4, y: Y(y0) + 4, 'text-anchor': 'end', 'font-size': 10 }, y0.toFixed(1)),
    s('text', { x: X(x0), y: H - 6, 'font-size': 10 }, String(x0)),
    s('text', { x: X(x1), y: H - 6, 'text-anchor': 'end', 'font-size': 10 }, String(x1)),
  );
  if (onTable !== null) svg.append(s('circle', { cx: X(onTable), cy: Y(at(onTable)), r: 5, fill: '#d6336c' }), s('text', { x: Math.min(W - pad.r - 30, Math.max(pad.l + 30, X(onTable))), y: Y(at(onTable)) < pad.t + 14 ? Y(at(onTable)) + 16 : Y(at(onTable)) - 8, 'text-anchor': 'middle', 'font-size': 10 }, 'on the table'));
  return svg;
}
