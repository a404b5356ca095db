import { chartBase, PALETTE, type ChartSize, type ChartSpec } from '../../charts/spec.ts';
import type { NegotiationReport } from './negotiate.ts';

/**
 * Charts of the negotiation stage: pure functions from a NegotiationReport to Vega-Lite
 * specs, data in named datasets like every chart of the project.
 */


const pct = (x: number) => `${Math.round(100 * x)}%`;
const context = (r: NegotiationReport) => `${r.scenarioName}; ${r.runsPerDesign.toLocaleString('en-US')} runs per design, master seed ${r.masterSeed}`;

/** Rows of the acceptance chart: per design and signing type, the prior mass it adds to P(signed). */
export function acceptanceRows(r: NegotiationReport): Record<string, unknown>[] {
  const rows = [{ id: 'current design', acceptance: r.current.acceptance, order: -1 }, ...r.designs.map((d, i) => ({ id: d.id, acceptance: d.acceptance, order: i }))];
  return rows.flatMap((d) =>
    d.acceptance.byType.map((t) => ({
      design: d.id,
      order: d.order,
      type: t.type,
      mass: t.signs ? t.prior : 0,
      signs: t.signs ? 'signs' : 'does not sign',
      margin: t.margin,
      clear: t.clear,
      signingProbability: d.acceptance.signingProbability,
      share: d.acceptance.signersMix ? d.acceptance.signersMix[t.type] : 0,
    })),
  );
}

/**
 * Who signs each design: a bar per design, as tall as the probability that it is signed,
 * split by the target types that sign it (each type's prior), so the colours show the type
 * mix among signers: the coalition's belief at signing.
 * @example acceptanceSpec(report)
 */
export function acceptanceSpec(r: NegotiationReport, size: ChartSize = {}): ChartSpec {
  const ps = r.designs.map((d) => d.acceptance.signingProbability);
  const [lo, hi] = [Math.min(...ps), Math.max(...ps)];
  const top = r.designs[ps.indexOf(hi)];
  const headline =
    hi === 0 ? 'No design of the family is signed by any type' : lo === hi ? `Every design of the family is signed with probability ${pct(hi)}` : `P(signed) ranges from ${pct(lo)} to ${pct(hi)} (first at ${pct(hi)}: ${top.id})`;
  const sub = `Bar height: probability the design is signed; colours: the types that sign it (their prior mass), i.e. the coalition's belief at signing. ${context(r)}`;
  return {
    ...chartBase(headline, sub, size, { width: Math.max(320, 22 * (r.designs.length + 1)), height: 220 }),
    datasets: { acceptance: acceptanceRows(r) },
    data: { name: 'acceptance' },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'design', type: 'nominal', sort: { field: 'order' }, title: null, axis: { labelAngle: -60, labelLimit: 180 } },
      y: { field: 'mass', type: 'quantitative', aggregate: 'sum', stack: 'zero', title: 'P(signed)', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
      color: { field: 'type', type: 'nominal', title: 'signed by', scale: { domain: Object.keys(PALETTE.targetTypes), range: Object.values(PALETTE.targetTypes) } },
      tooltip: [
        { field: 'design' },
        { field: 'type' },
        { field: 'signs' },
        { field: 'margin', title: 'utility minus no deal', format: ',.4~g' },
        { field: 'clear', title: 'beyond Monte Carlo error' },
        { field: 'share', title: 'share among signers', format: '.0%' },
      ],
    },
  } as unknown as ChartSpec;
}

/** Rows of the zone chart for one type: every design, the no-deal point and the current design. */
export function zoneRows(r: NegotiationReport, type: string): Record<string, unknown>[] {
  const b = r.byType.find((x) => x.type === type);
  if (!b) throw new Error(`zoneRows: ${JSON.stringify(type)} is not a type of the report (${r.byType.map((x) => x.type).join(', ')})`);
  const frontier = new Set(b.pareto.frontier);
  const zone = new Set(b.zone.map((z) => z.index));
  const designs = r.designs.map((d, i) => ({
    kind: zone.has(i) ? 'in the zone' : 'outside the zone',
    id: d.id,
    coalition: d.utility.coalition[type].mean,
    target: d.utility.target[type].mean,
    frontier: frontier.has(i) && zone.has(i) ? 1 : 0,
    nash: b.nash?.index === i ? 1 : 0,
  }));
  return [
    ...designs,
    { kind: 'no deal', id: 'no deal', coalition: r.noDeal.coalition[type].mean, target: r.noDeal.target[type].mean, frontier: 0, nash: 0 },
    { kind: 'current design', id: 'current design', coalition: r.current.utility.coalition[type].mean, target: r.current.utility.target[type].mean, frontier: 0, nash: 0 },
  ];
}

/**
 * The zone of possible agreement when the target is of `type`: each design a point
 * (coalition's utility across, the target's up), the no-deal point with its two lines,
 * the Pareto frontier of the zone drawn, the Nash solution and the current design marked.
 * @throws Error for a type not in the report.
 */
export function zoneSpec(r: NegotiationReport, type: string, size: ChartSize = {}): ChartSpec {
  const b = r.byType.find((x) => x.type === type);
  const rows = zoneRows(r, type);
  const d = rows.find((x) => x.kind === 'no deal')!;
  const headline = b && b.zone.length ? `Facing a ${type} target, ${b.zone.length} of ${r.designs.length} designs beat no deal for both sides; Nash: ${b.nash?.id ?? 'none'}` : `Facing a ${type} target, no design beats no deal for both sides`;
  const colours = { 'in the zone': PALETTE.designs[0], 'outside the zone': '#999999', 'no deal': '#333333', 'current design': PALETTE.reference };
  return {
    ...chartBase(headline, `Expected utilities (means over the runs that drew this type); the lines through no deal bound the zone. ${context(r)}`, size, { width: 420, height: 300 }),
    datasets: { zone: rows },
    data: { name: 'zone' },
    layer: [
      { mark: { type: 'rule', strokeDash: [4, 3], color: '#666' }, encoding: { x: { datum: d.coalition as number, type: 'quantitative' } } },
      { mark: { type: 'rule', strokeDash: [4, 3], color: '#666' }, encoding: { y: { datum: d.target as number, type: 'quantitative' } } },
      { transform: [{ filter: 'datum.frontier == 1' }], mark: { type: 'line', color: PALETTE.designs[0], point: false }, encoding: { x: { field: 'coalition', type: 'quantitative', sort: null }, y: { field: 'target', type: 'quantitative' }, order: { field: 'coalition' } } },
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x: { field: 'coalition', type: 'quantitative', title: "coalition's expected utility", scale: { zero: false } },
          y: { field: 'target', type: 'quantitative', title: `${type} target's expected utility`, scale: { zero: false } },
          color: { field: 'kind', type: 'nominal', title: null, scale: { domain: Object.keys(colours), range: Object.values(colours) }, legend: { orient: 'top' } },
          // The same field, title and legend as the colour, so Vega-Lite draws one legend with both.
          shape: { field: 'kind', type: 'nominal', title: null, scale: { domain: Object.keys(colours), range: ['circle', 'circle', 'cross', 'diamond'] }, legend: { orient: 'top' } },
          tooltip: [{ field: 'id', title: 'design' }, { field: 'coalition', format: ',.4~g' }, { field: 'target', format: ',.4~g' }],
        },
      },
      { transform: [{ filter: 'datum.nash == 1' }], mark: { type: 'point', shape: 'circle', size: 260, stroke: '#000', strokeWidth: 1.5, filled: false }, encoding: { x: { field: 'coalition', type: 'quantitative' }, y: { field: 'target', type: 'quantitative' } } },
      { transform: [{ filter: "datum.nash == 1 || datum.kind == 'current design'" }], mark: { type: 'text', dx: 8, align: 'left', fontSize: 10 }, encoding: { x: { field: 'coalition', type: 'quantitative' }, y: { field: 'target', type: 'quantitative' }, text: { condition: { test: 'datum.nash == 1', value: 'Nash' }, value: 'current' } } },
    ],
  } as unknown as ChartSpec;
}

