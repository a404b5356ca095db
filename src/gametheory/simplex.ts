/**
 * A small dense simplex for the one kind of linear programme the dominance checks need:
 *
 *   maximise c·y  subject to  M y <= b,  y >= 0,  with every b_i >= 0,
 *
 * so the origin is feasible and no phase 1 is needed. Bland's rule (the lowest-index
 * entering and leaving variable) rules out cycling on degenerate vertices, at the price
 * of more pivots than steepest-edge rules; the programmes here have a handful of rows.
 * Cost: O(rows × columns) per pivot, worst case exponentially many pivots.
 *
 * Returns the optimum, an optimal y and the dual prices of the constraints (the
 * multipliers p >= 0 with pᵀM >= c and p·b = the optimum), or `unbounded`.
 *
 * @throws RangeError when some b_i is negative or the shapes do not match.
 * @example maximizeFromOrigin([3, 5], [[1, 0], [0, 2], [3, 2]], [4, 12, 18])
 *   // { status: 'optimal', value: 36, solution: [2, 6], duals: [0, 1.5, 1] }
 */
export function maximizeFromOrigin(
  c: readonly number[],
  m: readonly (readonly number[])[],
  b: readonly number[],
  tolerance = 1e-12,
): { status: 'optimal'; value: number; solution: number[]; duals: number[] } | { status: 'unbounded' } {
  const rows = m.length;
  const vars = c.length;
  if (b.length !== rows || m.some((r) => r.length !== vars)) throw new RangeError('maximizeFromOrigin: M must have one row per entry of b and one column per entry of c');
  if (b.some((v) => !(v >= 0))) throw new RangeError('maximizeFromOrigin: every b_i must be >= 0 so that the origin is feasible');
  // Tableau columns: the vars decision variables, then one slack per row, then the right-hand side.
  const width = vars + rows + 1;
  const t = m.map((r, i) => {
    const row = new Array<number>(width).fill(0);
    r.forEach((v, j) => (row[j] = v));
    row[vars + i] = 1;
    row[width - 1] = b[i];
    return row;
  });
  // The objective row holds the reduced costs -c; the optimum is reached when none is negative.
  const objective = new Array<number>(width).fill(0);
  c.forEach((v, j) => (objective[j] = -v));
  const basis = Array.from({ length: rows }, (_, i) => vars + i);
  for (;;) {
    const entering = objective.findIndex((v, j) => j < width - 1 && v < -tolerance);
    if (entering < 0) break;
    let leaving = -1;
    let ratio = Infinity;
    for (let i = 0; i < rows; i++) {
      const a = t[i][entering];
      if (a <= tolerance) continue;
      const r = t[i][width - 1] / a;
      // Bland: among the smallest ratios, the row whose basic variable has the lowest index.
      if (r < ratio - tolerance || (Math.abs(r - ratio) <= tolerance && basis[i] < basis[leaving])) {
        ratio = r;
        leaving = i;
      }
    }
    if (leaving < 0) return { status: 'unbounded' };
    const p = t[leaving];
    const a = p[entering];
    for (let j = 0; j < width; j++) p[j] /= a;
    for (const row of [...t.filter((_, i) => i !== leaving), objective]) {
      const f = row[entering];
      if (f === 0) continue;
      for (let j = 0; j < width; j++) row[j] -= f * p[j];
    }
    basis[leaving] = entering;
  }
  const solution = new Array<number>(vars).fill(0);
  basis.forEach((v, i) => {
    if (v < vars) solution[v] = t[i][width - 1];
  });
  return { status: 'optimal', value: objective[width - 1], solution, duals: objective.slice(vars, vars + rows) };
}

/**
 * The value of the zero-sum game with payoff matrix `payoff` to the row player, who
 * maximises, and an optimal (maximin) mix for each side, by one linear programme:
 * after shifting payoffs to be positive, the column player's
 * max Σy s.t. payoff·y <= 1, y >= 0 has optimum 1/value, its solution is the column
 * player's mix and its dual prices the row player's (both scaled by the value).
 *
 * @example zeroSumValue([[1, -1], [-1, 1]]) // { value: 0, row: [0.5, 0.5], column: [0.5, 0.5] }
 */
export function zeroSumValue(payoff: readonly (readonly number[])[]): { value: number; row: number[]; column: number[] } {
  let low = Infinity;
  for (const r of payoff) for (const v of r) low = Math.min(low, v);
  const shifted = payoff.map((r) => r.map((v) => v - low + 1));
  const lp = maximizeFromOrigin(
    shifted[0].map(() => 1),
    shifted,
    shifted.map(() => 1),
  );
  // Positive payoffs bound every y_j by 1 / (its smallest entry), so the programme is bounded.
  if (lp.status !== 'optimal') throw new Error('zeroSumValue: unbounded programme (cannot happen with positive payoffs)');
  return { value: 1 / lp.value + low - 1, row: probabilities(lp.duals), column: probabilities(lp.solution) };
}

/** Scaled to sum to 1, with round-off below 0 (an optimal tableau's prices are >= 0 in exact arithmetic) set to 0. */
function probabilities(weights: readonly number[]): number[] {
  const clipped = weights.map((w) => Math.max(0, w));
  const sum = clipped.reduce((s, w) => s + w, 0);
  return clipped.map((w) => w / sum);
}
