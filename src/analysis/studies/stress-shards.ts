import type { BreakPointProbe } from '../break-point.ts';
import { RELIEF_LAB_VERSION } from '../../montecarlo/version.ts';
import { StudyError } from './errors.ts';

/**
 * A stress test on a cluster. A bisection is sequential (each probe depends on the
 * one before), but the searches of different shocks are independent, so a stress
 * test shards by shock: shard i of N searches the shocks whose index is i - 1 modulo
 * N (interleaved, so that a list ordered by kind spreads its slow searches), shard 1
 * also the baseline. A shard's partial records only what the runs said: the
 * collapses at each probe, in the order probed. Combining the partials replays each
 * search on them (src/analysis/stress-study.ts), so the combined study is computed
 * by the same code as an unsharded one and is identical to it; a partial whose
 * probes are not the ones the search asks for is refused, never half-used.
 */

export const STRESS_PARTIAL_FORMAT = 'relief-lab/stress-partial@1';

/** One probe as recorded: [intensity, collapses, runs]. */
export type RecordedProbe = [number, number, number];

/** One shock's search in a shard. */
export interface RecordedSearch {
  /** The shock's index in the study's list. */
  index: number;
  /**
   * True when the search produced a result (it ended, or was cancelled between
   * probes); false when a cancel cut a probe short, or before its ends ran.
   */
  searched: boolean;
  probes: RecordedProbe[];
}

/** What `relief-lab stress --shard i/N` writes. */
export interface StressPartial {
  format: typeof STRESS_PARTIAL_FORMAT;
  version: string;
  /** Fingerprint of the study's arguments (scenario, shocks and ranges, runs, seed, level, tolerance). */
  studyHash: string;
  shard: { index: number; count: number };
  /** False when the shard was cut short (its searches then hold the probes that ran). */
  complete: boolean;
  /** Collapses without any added shock (shard 1 only; null elsewhere, or if cancelled first). */
  baseline: RecordedProbe | null;
  searches: RecordedSearch[];
}

/** The shocks shard `index` of `count` searches (0-based indices into the study's shocks). */
export function shardShocks(shockCount: number, shard: { index: number; count: number }): number[] {
  const out: number[] = [];
  for (let i = shard.index - 1; i < shockCount; i += shard.count) out.push(i);
  return out;
}

/** The shard refused before any run: 1 <= i <= N <= the number of shocks (so that no shard is empty). */
export function checkStressShard(shard: { index: number; count: number }, shockCount: number): void {
  const { index, count } = shard;
  if (!Number.isInteger(count) || !Number.isInteger(index) || count < 1 || count > shockCount || index < 1 || index > count) {
    throw new StudyError('--shard', `${index}/${count}: needs 1 <= i <= N <= ${shockCount} (a stress test shards by shock, and this one grades ${shockCount})`);
  }
}

export function recordProbe(p: BreakPointProbe): RecordedProbe {
  return [p.intensity, p.successes, p.trials];
}

/**
 * Reads a partial written by `relief-lab stress --shard i/N`: its shape only (the
 * numbers are checked against the study when the parts are combined).
 *
 * @throws Error naming the file if it is not one.
 */
export function parseStressPartial(text: string, file: string): StressPartial {
  let x: any;
  try {
    x = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not JSON (${(e as Error).message})`);
  }
  const probeOk = (p: unknown) => Array.isArray(p) && p.length === 3 && p.every((v) => typeof v === 'number' && Number.isFinite(v));
  const ok =
    x?.format === STRESS_PARTIAL_FORMAT &&
    typeof x.version === 'string' &&
    typeof x.studyHash === 'string' &&
    Number.isInteger(x.shard?.index) &&
    Number.isInteger(x.shard?.count) &&
    typeof x.complete === 'boolean' &&
    (x.baseline === null || probeOk(x.baseline)) &&
    Array.isArray(x.searches) &&
    x.searches.every((s: any) => Number.isInteger(s?.index) && typeof s.searched === 'boolean' && Array.isArray(s.probes) && s.probes.every(probeOk));
  if (!ok) throw new Error(`${file} is not a stress partial (${STRESS_PARTIAL_FORMAT}, written by relief-lab stress --shard i/N)`);
  return x as StressPartial;
}

/**
 * The partials of every shard of one study, checked and put in shock order: the
 * same study (fingerprint and version), the same shard count, each shard once and
 * none missing, each with exactly its shocks, and every count possible for the
 * study's runs per point.
 *
 * @returns each shock's recorded search, and the baseline
 * @throws StudyError('--parts', ...) naming the part and what is wrong
 */
export function collectStressParts(parts: readonly StressPartial[], study: { hash: string; shockCount: number; runsPerPoint: number }): { searches: RecordedSearch[]; baseline: RecordedProbe | null; complete: boolean } {
  if (parts.length === 0) throw new StudyError('--parts', 'needs at least one partial');
  const N = parts[0].shard.count;
  const byShard = new Map<number, StressPartial>();
  parts.forEach((p, k) => {
    const which = `part ${k + 1} (shard ${p.shard.index}/${p.shard.count})`;
    if (p.version !== RELIEF_LAB_VERSION) throw new StudyError('--parts', `${which} was written by relief-lab ${p.version}, not ${RELIEF_LAB_VERSION}; run every shard with the same version`);
    if (p.studyHash !== study.hash) throw new StudyError('--parts', `part ${k + 1} belongs to another study (a different scenario, shocks, ranges, runs, seed, level or tolerance); run every shard with the same arguments`);
    if (p.shard.count !== N) throw new StudyError('--parts', `${which} is of a split into ${p.shard.count} shards, part 1 of one into ${N}`);
    if (p.shard.index < 1 || p.shard.index > N) throw new StudyError('--parts', `${which}: the shard is not in 1..${N}`);
    if (byShard.has(p.shard.index)) throw new StudyError('--parts', `${which}: shard ${p.shard.index}/${N} is given twice`);
    const want = shardShocks(study.shockCount, p.shard);
    if (p.searches.length !== want.length || p.searches.some((s, i) => s.index !== want[i])) throw new StudyError('--parts', `${which} does not hold that shard's shocks (${want.map((i) => i + 1).join(', ')})`);
    const counts = [...(p.baseline ? [p.baseline] : []), ...p.searches.flatMap((s) => s.probes)];
    const bad = counts.find(([, successes, trials]) => trials !== study.runsPerPoint || !Number.isInteger(successes) || successes < 0 || successes > trials);
    if (bad) throw new StudyError('--parts', `${which} has a probe of ${bad[1]} collapses in ${bad[2]} runs; this study runs ${study.runsPerPoint} a probe`);
    if (p.shard.index !== 1 && p.baseline !== null) throw new StudyError('--parts', `${which} has a baseline; only shard 1 runs it`);
    byShard.set(p.shard.index, p);
  });
  const missing = Array.from({ length: N }, (_, i) => i + 1).filter((i) => !byShard.has(i));
  if (missing.length) throw new StudyError('--parts', `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${N}`).join(', ')} missing; give the partials of all ${N} shards`);
  const searches: RecordedSearch[] = new Array(study.shockCount);
  for (const p of byShard.values()) for (const s of p.searches) searches[s.index] = s;
  const first = byShard.get(1)!;
  return { searches, baseline: first.baseline, complete: [...byShard.values()].every((p) => p.complete) };
}
