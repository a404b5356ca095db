/** The Ishigami function (Ishigami and Homma 1990), a standard test of Sobol' indices, on [-pi, pi]^3. */
export function ishigami([x1, x2, x3]: number[], a = 7, b = 0.1): number {
  return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
}

/**
 * Its indices in closed form (Sobol' and Levitan 1999): with V1 = (1 + b pi^4 / 5)^2 / 2,
 * V2 = a^2 / 8 and V13 = b^2 pi^8 (1/18 - 1/50), V = V1 + V2 + V13.
 */
export function ishigamiIndices(a = 7, b = 0.1): { first: number[]; total: number[]; variance: number } {
  const pi4 = Math.PI ** 4;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = (a * a) / 8;
  const v13 = b * b * pi4 * pi4 * (1 / 18 - 1 / 50);
  const v = v1 + v2 + v13;
  return { first: [v1 / v, v2 / v, 0], total: [(v1 + v13) / v, v2 / v, v13 / v], variance: v };
}

export const ISHIGAMI_FACTORS = [
  { name: 'x1', low: -Math.PI, high: Math.PI },
  { name: 'x2', low: -Math.PI, high: Math.PI },
  { name: 'x3', low: -Math.PI, high: Math.PI },
];
