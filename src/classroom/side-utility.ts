/**
 * A side's expected utility of an offer, in the simulation's units, as the room shows it
 * (and the page evaluates it for a draft): over one lever the simulated table, linear
 * between its designs; over several the linear fit of design-utility.ts. Plain data, no
 * imports, so the page's bundle can take it.
 */
export type SideUtilityModel =
  | { kind: 'tabulated'; issue: string; points: [number, number][]; reservation: number }
  | { kind: 'linear'; constant: number; perIssue: Record<string, { low: number; high: number; coefficient: number }>; reservation: number };

/**
 * u(offer): tabulated, linear between the points (the nearest end outside them); linear,
 * constant + sum of coefficient x position, the position (x - low) / (high - low).
 * @example sideUtility({ kind: 'tabulated', issue: 'p', points: [[0, 1], [1, 3]], reservation: 0 }, { p: 0.5 }) // 2
 */
export function sideUtility(model: SideUtilityModel, offer: Record<string, number>): number {
  if (model.kind === 'tabulated') {
    const x = offer[model.issue];
    const pts = model.points;
    if (x <= pts[0][0]) return pts[0][1];
    for (let j = 1; j < pts.length; j++) if (x <= pts[j][0]) return pts[j - 1][1] + ((x - pts[j - 1][0]) * (pts[j][1] - pts[j - 1][1])) / (pts[j][0] - pts[j - 1][0]);
    return pts[pts.length - 1][1];
  }
  let u = model.constant;
  for (const [path, { low, high, coefficient }] of Object.entries(model.perIssue)) u += coefficient * (high === low ? 0 : (offer[path] - low) / (high - low));
  return u;
}
