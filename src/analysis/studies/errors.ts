/**
 * A bad study request: `field` says where (a lever path, a command-line flag, an
 * option), `problem` what is wrong and what is allowed, e.g.
 * `--lever design.verification.detectionProbability: the range [0.2, 1.4] is outside the field's allowed range [0, 1] (share)`.
 */
export class StudyError extends Error {
  override name = 'StudyError';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}
