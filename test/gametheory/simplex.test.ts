import { describe, expect, it } from 'vitest';
import { maximizeFromOrigin, zeroSumValue } from '../../src/gametheory/index.ts';

describe('maximizeFromOrigin (simplex, Bland’s rule)', () => {
  it('a textbook programme: max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18 is 36 at (2, 6), duals (0, 3/2, 1)', () => {
    const r = maximizeFromOrigin([3, 5], [[1, 0], [0, 2], [3, 2]], [4, 12, 18]);
    expect(r).toEqual({ status: 'optimal', value: 36, solution: [2, 6], duals: [0, 1.5, 1] });
  });

  it("Beale's example, which cycles under the largest-coefficient rule, ends at 5/4", () => {
    const r = maximizeFromOrigin(
      [0.75, -20, 0.5, -6],
      [
        [0.25, -8, -1, 9],
        [0.5, -12, -0.5, 3],
        [0, 0, 1, 0],
      ],
      [0, 0, 1],
    );
    expect(r.status).toBe('optimal');
    if (r.status !== 'optimal') return;
    expect(r.value).toBeCloseTo(1.25, 12);
    r.solution.forEach((v, i) => expect(v).toBeCloseTo([1, 0, 1, 0][i], 12));
  });

  it('reports an unbounded programme', () => {
    expect(maximizeFromOrigin([1, 1], [[1, -1]], [1])).toEqual({ status: 'unbounded' });
  });

  it('refuses a negative right-hand side (the origin would not be feasible)', () => {
    expect(() => maximizeFromOrigin([1], [[1]], [-1])).toThrow(RangeError);
  });

  it('zero-sum values: matching pennies 0, a saddle point 2, rock-paper-scissors 0 with uniform mixes', () => {
    expect(zeroSumValue([[1, -1], [-1, 1]]).value).toBeCloseTo(0, 12);
    expect(zeroSumValue([[2, 3], [1, 4]])).toEqual({ value: 2, row: [1, 0], column: [1, 0] });
    const rps = zeroSumValue([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]);
    expect(rps.value).toBeCloseTo(0, 12);
    for (const p of [...rps.row, ...rps.column]) expect(p).toBeCloseTo(1 / 3, 12);
  });
});
