import type { Scenario } from '../scenario/schema.ts';
import { batchLayout } from './layout.ts';
import { momentsLength } from './moments.ts';
import { SHARE_SLOTS } from './share-histogram.ts';

/**
 * Heap a worker needs for a batch, in MB: its accumulator, sample reservoir and
 * result arena, sized from the layout, plus the engine and libraries. Used to
 * give workers an old-generation limit a few times their live memory: V8 sizes
 * its first collection from that limit, and with the default (gigabytes) a
 * worker's resident memory creeps up for minutes before the first full
 * collection, so peak memory would look as if it grew with the number of runs.
 */
export function workerHeapEstimateMb(scenario: Scenario, sampleSize: number): number {
  const L = batchLayout(scenario.horizonPeriods);
  const S = L.summaryMetrics.length;
  const histogram = L.shareEntries * SHARE_SLOTS * 12; // counts + touched list
  const minMax = L.entries * 16;
  const sketches = L.sketchEntries * 4096; // generous: a few hundred buckets per entry
  const moments = momentsLength(L) * 8 * 24; // tree nodes and spare buffers
  const samples = sampleSize * (L.periodEntries + S) * 8 * 3; // kept, offered and in the arena
  const base = 24 * 2 ** 20; // engine, zod, comlink, code
  return (histogram + minMax + sketches + moments + samples + base) / 2 ** 20;
}

/** The old-generation limit given to a worker for a batch: 3x its estimate, at least 64 MB. */
export function workerHeapLimitMb(scenario: Scenario, sampleSize: number): number {
  return Math.max(64, Math.ceil(3 * workerHeapEstimateMb(scenario, sampleSize)));
}
