import { runCli } from './program.ts';
import { STOP_SIGNALS, type StopSignal } from './io.ts';

// A closed pipe (`relief-lab run ... | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// After SIGHUP the terminal may be gone: a failed write of a message must not end the process before the partial is written.
process.stderr.on('error', () => {});

// Ctrl-C, SIGTERM (Slurm, Kubernetes, kill) or SIGHUP (the terminal closed) once:
// stop the batch and keep what is done; a second signal: leave at once.
const interrupt = new AbortController();
const onStop = (signal: StopSignal) => {
  if (interrupt.signal.aborted) process.exit(STOP_SIGNALS[signal]);
  const again = signal === 'SIGINT' ? 'Ctrl-C again' : `${signal} again`;
  process.stderr.write(`\nrelief-lab: ${signal === 'SIGINT' ? 'stopping' : `${signal}: stopping`}; the runs done so far are kept (${again} to quit at once)\n`);
  interrupt.abort(signal);
};
const signals = Object.keys(STOP_SIGNALS) as StopSignal[];
for (const s of signals) process.on(s, onStop);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  progress: process.stderr.isTTY === true,
  signal: interrupt.signal,
});
// Leave the signals to their defaults once the work is done, so nothing waits on the handlers.
for (const s of signals) process.off(s, onStop);
