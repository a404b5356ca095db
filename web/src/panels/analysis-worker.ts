import { expose, transfer } from 'comlink';
import { experiments } from '../../../src/index.ts';

/**
 * A Web Worker of the analysis panel: an experiment chunk service (the same code as
 * the CLI's worker threads, src/node/experiment-worker.ts) behind comlink, with the
 * batch workers' method names, so the browser worker pool carries it.
 */
const service = new experiments.ExperimentChunkService();
expose({
  prepare(spec: experiments.ExperimentSpec): void {
    service.prepare(spec);
  },
  runChunk(chunk: experiments.PointChunkSpec) {
    const outcome = service.runChunk(chunk);
    return outcome.ok ? transfer(outcome, [outcome.records.buffer]) : outcome;
  },
});
