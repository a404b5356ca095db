/**
 * What a command may do to the outside world, passed in so tests can run the CLI
 * in-process and read what it printed.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Show a progress bar on stderr (only when it is a terminal). */
  progress?: boolean;
  /**
   * Aborted on Ctrl-C, SIGTERM or SIGHUP: a batch stops and keeps its partial
   * result. The abort reason names the signal ('SIGINT', 'SIGTERM', 'SIGHUP'),
   * which sets the exit code (130, 143, 129).
   */
  signal?: AbortSignal;
}

/**
 * Exit codes: 0 success; 1 the model or a file failed; 2 the command line was
 * wrong; stopped by a signal (partial result kept): 128 + the signal's number, as
 * a shell reports it: 130 Ctrl-C (SIGINT), 143 SIGTERM, 129 SIGHUP.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130, terminated: 143, hangup: 129 } as const;
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

/** The signals that stop a batch and keep its partial result, with their exit codes. */
export const STOP_SIGNALS = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: EXIT.hangup } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** The exit code of a batch stopped through `signal`: its reason's signal, Ctrl-C when it names none. */
export function stoppedExitCode(signal: AbortSignal | undefined): ExitCode {
  const reason = signal?.reason;
  return typeof reason === 'string' && reason in STOP_SIGNALS ? STOP_SIGNALS[reason as StopSignal] : EXIT.interrupted;
}
