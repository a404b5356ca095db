/**
 * What a command may do to the outside world, passed in so tests can run the CLI
 * in-process and read what it printed.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Show a progress bar on stderr (only when it is a terminal). */
  progress?: boolean;
  /** Aborted on Ctrl-C: a batch stops and keeps its partial result. */
  signal?: AbortSignal;
}

/** Exit codes: 0 success; 1 the model or a file failed; 2 the command line was wrong; 130 interrupted (partial result kept). */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A failure the user can fix, with a message that says how. The CLI prints the
 * message as it is (never a stack trace) and exits with `exitCode`; problem lists
 * keep their `file: field: problem` form, other messages start with "relief-lab: ".
 */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}
