import { CHANCE } from './backward-induction.ts';
import { escapeText } from './escape.ts';
import type { DominanceSummary, GameReport, NormalFormReport, TreeReport } from './game-report.ts';

/** Payoff tables wider than this many columns are left out of the text report (the JSON has them). */
const MAX_TABLE_COLUMNS = 12;

/**
 * The solved game in words and tables, for a terminal. Every name from the file is
 * escaped (escape.ts); numbers that are simple fractions print as fractions (3/5).
 */
export function formatGameReport(report: GameReport): string {
  const lines = report.kind === 'normal-form' ? normalForm(report) : tree(report);
  return lines.join('\n') + '\n';
}

function normalForm(r: NormalFormReport): string[] {
  const [p0, p1] = r.players.map(escapeText);
  const [rows, cols] = r.strategies.map((s) => s.map(escapeText));
  const out = [escapeText(r.name), `${p0} (rows) against ${p1} (columns), ${rows.length}×${cols.length}`];
  if (r.description) out.push('', ...wrap(escapeText(r.description), 88));
  out.push('');
  if (cols.length <= MAX_TABLE_COLUMNS) {
    out.push(`Payoffs (${p0}, ${p1}):`);
    const cells = r.payoffs[0].map((row, i) => row.map((v, j) => `${formatGameNumber(v)}, ${formatGameNumber(r.payoffs[1][i][j])}`));
    out.push(...table(['', ...cols], rows.map((name, i) => [name, ...cells[i]])).map((l) => `  ${l}`), '');
  } else {
    out.push(`(The ${rows.length}×${cols.length} payoff table is left out; --format json has it.)`, '');
  }
  const n = r.nash;
  const what = n.complete ? (n.degenerate ? 'the extreme equilibria; the game is degenerate' : 'all of them') : 'found by Lemke–Howson; there may be others';
  out.push(`Nash equilibria: ${n.equilibria.length} (${what})`);
  n.equilibria.forEach((e, k) => {
    const pure = e.supports[0].length === 1 && e.supports[1].length === 1;
    out.push(`  #${k + 1} ${pure ? 'pure ' : 'mixed'}  ${p0}: ${mix(e.row, rows)}; ${p1}: ${mix(e.column, cols)}; expected payoffs ${formatGameNumber(e.payoffs[0])}, ${formatGameNumber(e.payoffs[1])}`);
  });
  out.push('', 'Iterated elimination of dominated strategies:');
  out.push(...dominance('strictly (by pure or mixed strategies)', r.dominance.strict));
  out.push(...dominance('weakly (by pure strategies; the result can depend on the order)', r.dominance.weak));
  out.push('', 'Notes:', ...n.notes.flatMap((note) => wrap(escapeText(note), 86).map((l, i) => `${i === 0 ? '- ' : '  '}${l}`)));
  if (r.source) out.push('', ...wrap(`Source: ${escapeText(r.source)}`, 88));
  return out;
}

function dominance(how: string, d: DominanceSummary): string[] {
  if (d.eliminations.length === 0) return [`  ${how}: nothing is dominated.`];
  const out = [`  ${how}:`];
  for (const e of d.eliminations) {
    const by = e.dominatedBy.length === 1 ? escapeText(e.dominatedBy[0].strategy) : e.dominatedBy.map((b) => `${formatGameNumber(b.probability)} ${escapeText(b.strategy)}`).join(' + ');
    out.push(`    round ${e.round}: ${escapeText(e.player)}'s ${escapeText(e.strategy)} is dominated by ${by}`);
  }
  const left = `${d.surviving[0].map(escapeText).join(', ')} against ${d.surviving[1].map(escapeText).join(', ')}`;
  out.push(`    left: ${left}${d.solved ? ' (solved by dominance)' : ''}`);
  return out;
}

function tree(r: TreeReport): string[] {
  const b = r.backwardInduction;
  const players = r.players.map(escapeText);
  const out = [escapeText(r.name), `Players: ${players.join(', ')}; ${r.nodes.decisions} decision node(s), ${r.nodes.chance} chance node(s), ${r.nodes.outcomes} outcome(s)`];
  if (r.description) out.push('', ...wrap(escapeText(r.description), 88));
  out.push('', b.plays.length === 1 ? 'Subgame-perfect path (backward induction):' : 'Subgame-perfect paths (backward induction), by probability:');
  for (const p of b.plays) {
    const moves = p.moves.map((m) => (m.mover === CHANCE ? `chance: ${escapeText(m.choice)}` : `${escapeText(m.mover)}: ${escapeText(m.choice)}`));
    const prefix = b.plays.length === 1 ? '  ' : `  ${pct(p.probability).padStart(6)}  `;
    out.push(`${prefix}${[...moves, escapeText(p.outcome)].join(' -> ')}  (payoffs ${p.payoffs.map(formatGameNumber).join(', ')})`);
  }
  out.push(`Expected payoffs: ${b.expectedPayoffs.map((v, i) => `${players[i]} ${formatGameNumber(v)}`).join(', ')}`);
  out.push('', 'Strategy profile (a choice at every decision node, on the path or not):');
  out.push(
    ...table(
      ['node', 'mover', 'choice', 'subgame payoffs', ''],
      b.decisions.map((d) => [escapeText(d.node), escapeText(d.player), escapeText(d.action), d.values.map(formatGameNumber).join(', '), [d.onPath ? '' : 'off the path', d.alsoOptimal.length > 0 ? `tie with ${d.alsoOptimal.map(escapeText).join(', ')}` : ''].filter(Boolean).join('; ')]),
    ).map((l) => `  ${l}`),
  );
  if (!b.unique) out.push('', 'Some mover is indifferent (a tie above): each tied choice gives another subgame-perfect equilibrium; the first action listed in the file was taken.');
  if (r.source) out.push('', ...wrap(`Source: ${escapeText(r.source)}`, 88));
  return out;
}

function mix(p: readonly number[], names: string[]): string {
  const used = p.flatMap((v, i) => (v > 0 ? [[names[i], v] as const] : []));
  if (used.length === 1) return used[0][0];
  return used.map(([s, v]) => `${s} ${formatGameNumber(v)}`).join(', ');
}

/** A number as a short fraction when it is one (denominator up to 100), else to 4 decimals. */
export function formatGameNumber(v: number): string {
  if (Object.is(v, -0) || Math.abs(v) < 1e-12) return '0';
  if (Number.isInteger(v)) return String(v);
  const r = Math.round(v * 1e6) / 1e6;
  if (Number.isInteger(r) && Math.abs(v - r) < 1e-9) return String(r);
  for (let q = 2; q <= 100; q++) {
    const p = Math.round(v * q);
    if (Math.abs(v - p / q) <= 1e-9 * Math.max(1, Math.abs(v))) return `${p}/${q}`;
  }
  return String(Number(v.toFixed(4)));
}

function pct(p: number): string {
  return `${Number((100 * p).toFixed(2))}%`;
}

function table(header: string[], rows: string[][]): string[] {
  const width = header.map((h, c) => Math.max(length(h), ...rows.map((r) => length(r[c]))));
  const line = (cells: string[]) => cells.map((s, c) => s + ' '.repeat(width[c] - length(s))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Width in code points, so names with accents line up (wide CJK characters still will not). */
function length(s: string): number {
  return [...s].length;
}

function wrap(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
