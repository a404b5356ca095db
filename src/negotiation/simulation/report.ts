import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import type { NegotiationReport } from './negotiate.ts';

/** A number for a terminal table: 3 significant digits, NaN as "-". */
function num(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}
const indent = (text: string) => text.split('\n').map((l) => `    ${l}`).join('\n');
const pct = (x: number) => `${Math.round(x * 100)}%`;

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The negotiation report in words and tables for a terminal: who signs each design
 * (P(signed), the type mix among signers), the zone of agreement per type with the Nash
 * and Kalai-Smorodinsky designs, and the bargaining run with what the agreed designs
 * deliver. Names from files are shown with control characters escaped.
 */
export function formatNegotiationReport(r: NegotiationReport): string {
  const esc = escapeControlCharacters;
  const types = r.targetTypes.map((t) => t.name);
  const out: string[] = [];
  out.push(`${esc(r.name)}: ${esc(r.scenarioName)}, ${r.designs.length} designs x ${r.runsPerDesign} runs (seed ${r.masterSeed}, common random numbers)`);
  out.push(`Types and priors: ${r.targetTypes.map((t) => `${t.name} ${pct(t.prior)}`).join(', ')}. Utilities: ${r.parties.map((p) => `${esc(p.party)} = ${Object.entries(p.weights).map(([m, w]) => `${w} ${m}`).join(' + ')}`).join('; ')}.`);
  out.push('');
  out.push('Who signs which design (a type signs iff its expected utility is at least its no-deal utility; * = within Monte Carlo error)');
  const row = (id: string, acc: NegotiationReport['current']['acceptance'], value: string) => [
    esc(id),
    ...acc.byType.map((d) => `${d.signs ? 'signs' : 'no'}${d.clear ? '' : '*'} ${num(d.margin)}`),
    pct(acc.signingProbability),
    acc.signersMix ? types.map((t) => pct(acc.signersMix![t])).join('/') : '-',
    value,
  ];
  const rows = [row('current design', r.current.acceptance, '-'), ...r.designs.map((d) => row(d.id, d.acceptance, num(d.valueOfOffering.coalition?.mean)))];
  out.push(table(['design', ...types.map((t) => `${t} (margin)`), 'P(signed)', `signers ${types.join('/')}`, 'coalition offers'], rows));
  out.push('');
  for (const b of r.byType) {
    const zone = b.zone.map((z) => z.id);
    out.push(`If the target is ${b.type} (prior ${pct(b.prior)}): ${zone.length} of ${r.designs.length} designs in the zone of agreement${zone.length ? ` (${zone.slice(0, 6).map(esc).join('; ')}${zone.length > 6 ? '; ...' : ''})` : ''}.`);
    out.push(`  Pareto frontier: ${b.pareto.frontier.length} design${b.pareto.frontier.length === 1 ? '' : 's'}. Nash: ${b.nash ? esc(b.nash.id) : 'none (no design beats no deal for both)'}. Kalai-Smorodinsky: ${b.kalaiSmorodinsky ? esc(b.kalaiSmorodinsky.id) : 'none'}.`);
  }
  for (const [p, best] of Object.entries(r.bestOffer)) out.push(`The ${esc(p)} would rather offer ${esc(best.id)} not knowing the type (expected ${num(best.value.mean)} +/- ${num(1.96 * best.value.se)}).`);
  const g = r.bargaining;
  if (g) {
    const s = g.summary;
    out.push('');
    out.push(`Bargaining over ${esc(g.protocol.issues[0].name)} (${Object.entries(g.at).map(([k, v]) => `${esc(k)}=${v}`).join(', ') || 'no other parameter'}), ${s.sessions} sessions, ${g.protocol.deadlineRounds} rounds at most, breakdown ${g.protocol.breakdownProbability} per rejection, ${g.protocol.information} information:`);
    out.push(`  agreement rate ${pct(s.agreementRate.estimate)} [${pct(s.agreementRate.ci95[0])}, ${pct(s.agreementRate.ci95[1])}]; endings ${Object.entries(s.endings).map(([k, v]) => `${k} ${v}`).join(', ')}; rounds to agree ${num(s.roundsToAgree.mean)}; terms ${Object.entries(s.terms).map(([k, v]) => `${esc(k)} ${num(v.mean)}`).join(', ')}.`);
    out.push(`  By type: ${Object.entries(s.byType).map(([t, v]) => `${t} ${v.agreements}/${v.sessions} agree`).join(', ')}.`);
    if (g.agreed.length) {
      out.push('  What the agreed designs deliver in implementation (the coalition believing the types that agreed):');
      out.push(
        indent(table(
          ['agreed design', 'times', 'types', 'compliance', 'leverage', 'need met', 'collapsed'],
          g.agreed.map((a) => [
            esc(a.design.id),
            String(a.agreements),
            Object.entries(a.byType).map(([t, n]) => `${t} ${n}`).join(', '),
            num(a.implementation.outcomes.finalCompliance.mean),
            num(a.implementation.outcomes.finalLeverage.mean),
            num(a.implementation.outcomes.meanNeedMet.mean),
            pct(a.implementation.outcomes.collapsed.mean),
          ]),
        )),
      );
    } else out.push('  No session agreed: nothing to implement.');
  }
  return out.join('\n') + '\n';
}
