import { runCli } from './program.ts';

// A closed pipe (`relief-lab run ... | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// Ctrl-C once: stop the batch and keep what is done; twice: leave at once.
const interrupt = new AbortController();
const onInterrupt = () => {
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write('\nrelief-lab: stopping; the runs done so far are kept (Ctrl-C again to quit at once)\n');
  interrupt.abort();
};
process.on('SIGINT', onInterrupt);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  progress: process.stderr.isTTY === true,
  signal: interrupt.signal,
});
// Leave Ctrl-C to its default once the work is done, so nothing waits on the handler.
process.off('SIGINT', onInterrupt);
