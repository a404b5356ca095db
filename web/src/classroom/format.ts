/** Small display helpers for the classroom pages. */
export const pct = (x: number | null | undefined, digits = 0) => (typeof x === 'number' && Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : '–');
export const num = (x: number | null | undefined, digits = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–');

/** 'member:lead' -> 'Member: lead'; 'aid' -> 'Aid agency'. */
export function roleLabel(role: string | null | undefined): string {
  if (!role) return 'no role yet';
  if (role.startsWith('member:')) return `Coalition member: ${role.slice(7)}`;
  return { target: 'Target government', coalition: 'Coalition (collective decisions)', verifier: 'Verifier', aid: 'Humanitarian agency' }[role] ?? role;
}

/** Linear interpolation on [x, y] points (the side's tabulated utility). */
export function interpolate(points: readonly [number, number][], x: number): number {
  if (points.length === 0) return NaN;
  if (x <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i];
    const [x0, y0] = points[i - 1];
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return points[points.length - 1][1];
}

/** An action in words. */
export function actionLabel(a: Record<string, unknown>): string {
  switch (a.kind) {
    case 'act':
      return `moves ${(a.moves as string[]).join('/')}, reports ${(a.reports as string[]).join('/')}`;
    case 'release':
      return (a.tranches as string[]).length ? `release ${(a.tranches as string[]).join(', ')}` : 'release nothing';
    case 'vote':
      return a.yes ? 'vote to re-impose' : 'vote against re-imposing';
    case 'allocate':
      return `allocate ${pct(a.carveOutShare as number)} of the carve-out, ${pct(a.reliefLinkedShare as number)} of the relief-linked aid`;
    default:
      return String(a.kind);
  }
}
