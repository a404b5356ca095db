/** A bad audit or tournament request: the message names the field and the allowed range. */
export class AuditInputError extends Error {
  override name = 'AuditInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
