/**
 * Bad input to the negotiation layer. `field` names the argument or the path inside it
 * (`family.parameters[1].low`, `protocol.coalition.discount`) so a caller can point at it;
 * `problems` lists every problem found when several were checked at once.
 */
export class NegotiationInputError extends Error {
  readonly field: string;
  readonly problems: readonly { field: string; message: string }[];

  constructor(problems: { field: string; message: string }[] | string, message?: string) {
    const list = typeof problems === 'string' ? [{ field: problems, message: message ?? 'is invalid' }] : problems;
    super(list.map((p) => `${p.field}: ${p.message}`).join('\n'));
    this.name = 'NegotiationInputError';
    this.field = list[0]?.field ?? '(input)';
    this.problems = list;
  }
}

/** Throws unless `x` is a finite number. */
export function requireFinite(field: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new NegotiationInputError(field, `${String(x)} is not a finite number`);
  return x;
}

/** Throws unless `d` is a per-round discount factor in the open interval (0, 1). */
export function requireDiscount(field: string, d: unknown): number {
  const x = requireFinite(field, d);
  if (!(x > 0 && x < 1)) throw new NegotiationInputError(field, `${x} is not in (0, 1) (a discount factor per round)`);
  return x;
}

/** Throws unless `q` is a per-round breakdown probability in [0, 1). */
export function requireBreakdownProbability(field: string, q: unknown): number {
  const x = requireFinite(field, q);
  if (!(x >= 0 && x < 1)) throw new NegotiationInputError(field, `${x} is not in [0, 1) (a breakdown probability per round)`);
  return x;
}
