import type { ExperimentHeader } from './experiment.ts';
import type { ExperimentPartial } from './run.ts';
import type { PointSummary } from './summary.ts';

/**
 * The finished, JSON-ready result of an experiment. The same function makes it
 * from one unsharded run and from merged shards, so both give the same bytes.
 * Undefined statistics are NaN in memory and null in JSON.
 */
export interface ExperimentSummary extends ExperimentHeader {
  format: 'relief-lab/experiment-summary@1';
  /** True when some points are missing (cancelled, or shards not merged). */
  partial: boolean;
  pointsDone: number;
  points: PointSummary[];
}

/** The summary of the points at hand (of all `header.pointCount` points). */
export function finalizeExperiment(header: ExperimentHeader, points: readonly PointSummary[]): ExperimentSummary {
  return { format: 'relief-lab/experiment-summary@1', ...header, partial: points.length < header.pointCount, pointsDone: points.length, points: [...points] };
}

/** The JSON text of a summary or partial: one line, NaN as null, ending with a newline. */
export function experimentJson(x: ExperimentSummary | ExperimentPartial): string {
  return JSON.stringify(x) + '\n';
}

/**
 * Merges the partials of the shards of one experiment (any order) into one partial
 * over all its points, whose finalizeExperiment equals the unsharded result byte
 * for byte.
 *
 * @throws Error if the partials belong to different experiments or versions, or overlap.
 */
export function mergeExperimentPartials(parts: readonly ExperimentPartial[], names: readonly string[] = parts.map((_, i) => `part ${i + 1}`)): ExperimentPartial {
  if (parts.length === 0) throw new Error('nothing to merge');
  const ref = JSON.stringify(parts[0].header);
  parts.forEach((p, i) => {
    if (JSON.stringify(p.header) !== ref) {
      const h = p.header;
      const h0 = parts[0].header;
      const why = h.version !== h0.version ? `relief-lab ${h.version} against ${h0.version}` : h.experimentHash !== h0.experimentHash ? 'a different experiment (base scenario, points, runs, seed or outcomes)' : 'a different header';
      throw new Error(`${names[i]} belongs to ${why} than ${names[0]}`);
    }
  });
  const order = parts.map((p, i) => ({ p, i })).sort((a, b) => a.p.pointRange.first - b.p.pointRange.first);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1].p.pointRange;
    if (order[k].p.pointRange.first < prev.first + prev.count) throw new Error(`${names[order[k].i]} covers points that ${names[order[k - 1].i]} also covers; give each shard once`);
  }
  return {
    format: 'relief-lab/experiment-partial@1',
    header: parts[0].header,
    pointRange: { first: 0, count: parts[0].header.pointCount },
    points: order.flatMap(({ p }) => p.points),
  };
}

/**
 * Reads a partial written by `relief-lab experiment --shard i/N` (summary.json of the shard).
 *
 * @throws Error naming the file if it is not one.
 */
export function parseExperimentPartial(text: string, file: string): ExperimentPartial {
  let x: any;
  try {
    x = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not JSON (${(e as Error).message})`);
  }
  if (x?.format !== 'relief-lab/experiment-partial@1' || typeof x.header !== 'object' || !Array.isArray(x.points) || typeof x.pointRange?.first !== 'number') {
    throw new Error(`${file} is not an experiment partial (relief-lab/experiment-partial@1)`);
  }
  return x as ExperimentPartial;
}
