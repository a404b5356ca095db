/** Two-sided 95% normal quantile, z = Phi^-1(0.975). */
export const Z95 = 1.959963984540054;

/**
 * Normal-approximation interval of an estimate: estimate +- z se.
 *
 * @example normalInterval(0.5, 0.1); // => [0.304, 0.696] (to 3 places)
 */
export function normalInterval(estimate: number, se: number, z = Z95): [number, number] {
  return [estimate - z * se, estimate + z * se];
}
