import { readFileBounded } from '../../node/file-io.ts';
import { escapeControlCharacters } from '../../scenario/text-safety.ts';
import { mergePartials, parseBatchPartial, summarizePartial, type BatchPartial } from '../../montecarlo/index.ts';
import type { ReportFormat } from '../../report/index.ts';
import { CliFailure, EXIT, type CliIo } from '../io.ts';
import { chooseFormat } from '../options.ts';
import { checkOutPath, emit } from './output.ts';
import { renderSummary } from './run.ts';
import { mergeExperimentCommand } from './experiment.ts';
import { isExperimentShardDir } from '../../node/experiments.ts';

/**
 * Most bytes read of one partial file. A shard of a million runs over 600 periods
 * writes about 20 MB; the limit keeps /dev/zero or a wrong file from filling memory.
 */
export const MAX_PARTIAL_BYTES = 128 * 1024 * 1024;

/**
 * `relief-lab merge <parts...>`: combines the partials that `run --shard i/N` wrote
 * into the result one unsharded run gives, byte for byte (JSON), or its report.
 */
export function mergeCommand(io: CliIo, files: string[], opts: { out?: string; format?: ReportFormat }): void | Promise<void> {
  if (files.length > 0 && files.every(isExperimentShardDir)) return mergeExperimentCommand(io, files, opts);
  const format = chooseFormat(opts.format, opts.out);
  if (opts.out !== undefined) checkOutPath(opts.out);
  const parts: BatchPartial[] = files.map((f) => {
    const shown = escapeControlCharacters(f);
    const r = readFileBounded(f, MAX_PARTIAL_BYTES);
    if (!r.ok) throw new CliFailure(`${shown}: ${r.message}; nothing was written.`, EXIT.failure);
    try {
      return parseBatchPartial(r.bytes.toString('utf8'), shown);
    } catch (e) {
      throw new CliFailure(`relief-lab: ${escapeControlCharacters((e as Error).message)}; give the files that relief-lab run --shard i/N wrote. Nothing was written.`, EXIT.failure);
    }
  });
  let summary;
  try {
    summary = summarizePartial(mergePartials(parts, files.map(escapeControlCharacters)));
  } catch (e) {
    throw new CliFailure(`relief-lab: cannot merge: ${escapeControlCharacters((e as Error).message)}. Nothing was written.`, EXIT.failure);
  }
  // A merge stands for the whole batch: missing shards make it partial, like a cancelled run.
  if (summary.runs < summary.runsRequested) summary = { ...summary, partial: true };
  emit(io, renderSummary(summary, format), opts.out, `the merged ${format} report (${summary.runs} of ${summary.runsRequested} runs)`);
  if (summary.partial) io.stderr(`relief-lab: the parts cover ${summary.runs} of ${summary.runsRequested} runs; the result is marked partial. Add the missing shards for the full batch.\n`);
}
