import cliProgress from 'cli-progress';
import type { CliIo } from './io.ts';

/** Progress of a batch on stderr: a bar when stderr is a terminal, nothing otherwise (logs stay clean). */
export interface Progress {
  update(runsDone: number): void;
  stop(): void;
}

export function startProgress(io: CliIo, total: number, label: string): Progress {
  if (!io.progress) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} runs | {eta_formatted} left | Ctrl-C stops and keeps the runs done`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (runsDone) => bar.update(runsDone),
    stop: () => bar.stop(),
  };
}
