import { CHANCE } from './backward-induction.ts';
import { escapeText } from './escape.ts';
import type { DominanceSummary, GameReport, NormalFormReport, TreeReport } from './game-report.ts';
import type { NashSolution } from './nash.ts';

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
  out.push(...equilibria('Nash equilibria', r.nash, [p0, p1], [rows, cols]));
  out.push('', 'Iterated elimination of dominated strategies:');
  out.push(...dominance('strictly (by pure or mixed strategies)', r.dominance.strict));
  out.push(...dominance('weakly (by pure strategies; the result can depend on the order)', r.dominance.weak));
  out.push('', 'Notes:', ...r.nash.notes.flatMap((note) => wrap(escapeText(note), 86).map((l, i) => `${i === 0 ? '- ' : '  '}${l}`)));
  if (r.source) out.push('', ...wrap(`Source: ${escapeText(r.source)}`, 88));
  return out;
}

/** The equilibrium list: a heading that says how complete it is, then one line per equilibrium (`marked` gets `mark`). */
function equilibria(title: string, n: NashSolution, players: string[], names: string[][], marked?: readonly [number, number], mark = ''): string[] {
  const what = n.complete ? (n.degenerate ? 'the extreme equilibria; the game is degenerate' : 'all of them') : 'found by Lemke–Howson; there may be others';
  const out = [`${title}: ${n.equilibria.length} (${what})`];
  n.equilibria.forEach((e, k) => {
    const pure = e.supports[0].length === 1 && e.supports[1].length === 1;
    const isMarked = marked !== undefined && pure && e.row[marked[0]] === 1 && e.column[marked[1]] === 1;
    out.push(`  #${k + 1} ${pure ? 'pure ' : 'mixed'}  ${players[0]}: ${mix(e.row, names[0])}; ${players[1]}: ${mix(e.column, names[1])}; expected payoffs ${formatGameNumber(e.payoffs[0])}, ${formatGameNumber(e.payoffs[1])}${isMarked ? mark : ''}`);
  });
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
  const nf = r.normalForm;
  if ('skipped' in nf) {
    out.push('', `Normal form: not computed (${escapeText(nf.skipped)}).`);
  } else {
    const names = nf.strategies.map((s) => s.map(escapeText));
    out.push('', `Normal form: ${names[0].length}×${names[1].length} (a strategy is an action at each of the player's decision nodes, reached or not).`);
    out.push(...equilibria('Its Nash equilibria', nf.nash, players, names, nf.subgamePerfect, '  <- backward induction'));
    out.push(
      ...wrap(
        b.unique
          ? 'Backward induction had no ties, so its profile is the only subgame-perfect equilibrium: every other equilibrium here relies on a choice its mover would not make if that node were reached (a threat or promise that is not credible).'
          : 'Backward induction had ties, so some other equilibria here are subgame perfect too.',
        88,
      ),
    );
    if (nf.nash.degenerate) out.push(...wrap('The normal form is degenerate (normal forms of trees often are: a player whose node is not reached is indifferent there); continua are in --format json, under normalForm.nash.', 88));
  }
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
