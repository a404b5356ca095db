import { shardSpan } from '../../montecarlo/chunks.ts';
import { parseBatchPartial, type BatchPartial } from '../../montecarlo/partial.ts';
import { RELIEF_LAB_VERSION } from '../../montecarlo/version.ts';
import { parseExperimentPartial, type ExperimentPartial } from '../../experiments/index.ts';
import { StudyError } from './errors.ts';
import { parseStressPartial, type StressPartial } from './stress-shards.ts';

/**
 * A memo on a cluster. The memo is four studies that each shard on their own
 * (the batch by run, the stress test by shock, the sweep and the comparison by
 * point), so shard i of N of the memo is shard i of each of them. A study with
 * fewer units than N shards into as many as it has (the comparison has two
 * points): the shards above that hold nothing of it. The partial of a memo shard
 * holds its studies' own partials, each in its own format; combining checks the
 * envelope here (the same memo, every shard once), then hands each study its
 * parts, which combine exactly as on their own commands, so the combined memo is
 * the unsharded one. The design audit runs in one thread and does not shard: it
 * runs when the parts are combined.
 */

export const MEMO_PARTIAL_FORMAT = 'relief-lab/memo-partial@1';

/** The studies of a memo that shard, in the order a shard runs them. */
export const MEMO_SHARDED_STUDIES = ['batch', 'stress', 'sweep', 'comparison'] as const;
export type MemoShardedStudy = (typeof MEMO_SHARDED_STUDIES)[number];

/** What `relief-lab report --shard i/N` writes. */
export interface MemoPartial {
  format: typeof MEMO_PARTIAL_FORMAT;
  version: string;
  /** Fingerprint of the memo's arguments (scenario, alternative, runs, batch runs, seed, shocks, sweep ranges and levels). */
  studyHash: string;
  shard: { index: number; count: number };
  /** False when the shard was cut short: the studies it holds then hold the runs that finished. */
  complete: boolean;
  /** Each study's shard partial; null where the study has fewer units than this shard's index (or none at all). */
  batch: BatchPartial | null;
  stress: StressPartial | null;
  sweep: ExperimentPartial | null;
  comparison: ExperimentPartial | null;
}

/** How many units each study of a memo has: batch runs, shocks, sweep points, compared scenarios (0: not in this memo). */
export type MemoUnits = Record<MemoShardedStudy, number>;

/** The part of a study that memo shard `shard` runs: shard i of min(N, units), or null when i is above that. */
export function studyShard(shard: { index: number; count: number }, units: number): { index: number; count: number } | null {
  const count = Math.min(shard.count, units);
  return shard.index <= count ? { index: shard.index, count } : null;
}

/** The shard refused before any run: 1 <= i <= N <= the batch's runs (the largest study: no shard is empty). */
export function checkMemoShard(shard: { index: number; count: number }, units: MemoUnits): void {
  const { index, count } = shard;
  if (!Number.isInteger(count) || !Number.isInteger(index) || count < 1 || count > units.batch || index < 1 || index > count) {
    throw new StudyError('--shard', `${index}/${count}: needs 1 <= i <= N <= ${units.batch} (a memo shards its batch by run, and this one runs ${units.batch})`);
  }
}

/**
 * Reads a partial written by `relief-lab report --shard i/N`: the envelope, and each
 * study's partial through that study's own reader.
 *
 * @throws Error naming the file and the study if it is not one.
 */
export function parseMemoPartial(text: string, file: string): MemoPartial {
  let x: any;
  try {
    x = JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    throw new Error(`${file} is not JSON${at ? ` (at character ${Number(at[1]) + 1})` : ''}`);
  }
  const ok =
    x?.format === MEMO_PARTIAL_FORMAT &&
    typeof x.version === 'string' &&
    typeof x.studyHash === 'string' &&
    Number.isInteger(x.shard?.index) &&
    Number.isInteger(x.shard?.count) &&
    typeof x.complete === 'boolean' &&
    MEMO_SHARDED_STUDIES.every((k) => k in x && (x[k] === null || typeof x[k] === 'object'));
  if (!ok) throw new Error(`${file} is not a memo partial (${MEMO_PARTIAL_FORMAT}, written by relief-lab report --shard i/N)`);
  // Each study's partial is read by its own reader, from its own JSON, as its command would.
  const inner = (k: MemoShardedStudy) => `${file} (its ${k})`;
  return {
    format: MEMO_PARTIAL_FORMAT,
    version: x.version,
    studyHash: x.studyHash,
    shard: { index: x.shard.index, count: x.shard.count },
    complete: x.complete,
    batch: x.batch === null ? null : parseBatchPartial(JSON.stringify(x.batch), inner('batch')),
    stress: x.stress === null ? null : parseStressPartial(JSON.stringify(x.stress), inner('stress')),
    sweep: x.sweep === null ? null : parseExperimentPartial(JSON.stringify(x.sweep), inner('sweep')),
    comparison: x.comparison === null ? null : parseExperimentPartial(JSON.stringify(x.comparison), inner('comparison')),
  };
}

/** Each study's parts, from every shard that holds one, in shard order. */
export interface MemoStudyParts {
  batch: BatchPartial[];
  stress: StressPartial[];
  sweep: ExperimentPartial[];
  comparison: ExperimentPartial[];
}

/**
 * The partials of every shard of one memo, checked: the same memo (fingerprint and
 * version), the same shard count, each shard once and none missing, and each
 * holding exactly its share of each study (its runs of the batch, its shard of the
 * stress test, its points of the sweep and the comparison). What each study's
 * parts hold beyond that is checked when that study combines them.
 *
 * @throws StudyError('--parts', ...) naming the part and what is wrong
 */
export function collectMemoParts(parts: readonly MemoPartial[], memo: { hash: string; units: MemoUnits }): MemoStudyParts {
  if (parts.length === 0) throw new StudyError('--parts', 'needs at least one partial');
  const N = parts[0].shard.count;
  const seen = new Set<number>();
  parts.forEach((p, k) => {
    const which = `part ${k + 1} (shard ${p.shard.index}/${p.shard.count})`;
    if (p.version !== RELIEF_LAB_VERSION) throw new StudyError('--parts', `${which} was written by relief-lab ${p.version}, not ${RELIEF_LAB_VERSION}; run every shard with the same version`);
    if (p.studyHash !== memo.hash) throw new StudyError('--parts', `part ${k + 1} belongs to another memo (a different scenario, alternative, runs, batch runs, seed, stress period or shocks); run every shard with the same arguments`);
    if (p.shard.count !== N) throw new StudyError('--parts', `${which} is of a split into ${p.shard.count} shards, part 1 of one into ${N}`);
    if (p.shard.index < 1 || p.shard.index > N) throw new StudyError('--parts', `${which}: the shard is not in 1..${N}`);
    if (seen.has(p.shard.index)) throw new StudyError('--parts', `${which}: shard ${p.shard.index}/${N} is given twice`);
    seen.add(p.shard.index);
    for (const study of MEMO_SHARDED_STUDIES) {
      const want = studyShard(p.shard, memo.units[study]);
      const got = p[study];
      if ((want === null) !== (got === null)) throw new StudyError('--parts', `${which} ${want === null ? 'holds a share of the ' + study + ', which has no shard ' + p.shard.index : 'holds no share of the ' + study}; the part was not written by this memo`);
      if (want === null || got === null) continue;
      const span = shardSpan(want.index, want.count, memo.units[study]);
      const share =
        study === 'batch'
          ? (got as BatchPartial).assigned.length === 1 && (got as BatchPartial).assigned[0][0] === span.first && (got as BatchPartial).assigned[0][1] === span.count
          : study === 'stress'
            ? (got as StressPartial).shard.index === want.index && (got as StressPartial).shard.count === want.count
            : (got as ExperimentPartial).pointRange.first === span.first && (got as ExperimentPartial).pointRange.count === span.count;
      if (!share) throw new StudyError('--parts', `${which}: its ${study} is not that shard's share (shard ${want.index}/${want.count} of the ${study}); the part was not written by this memo`);
    }
  });
  const missing = Array.from({ length: N }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) throw new StudyError('--parts', `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${N}`).join(', ')} missing; give the partials of all ${N} shards`);
  const ordered = [...parts].sort((a, b) => a.shard.index - b.shard.index);
  const of = <K extends MemoShardedStudy>(k: K) => ordered.flatMap((p) => (p[k] === null ? [] : [p[k]!])) as NonNullable<MemoPartial[K]>[];
  return { batch: of('batch'), stress: of('stress'), sweep: of('sweep'), comparison: of('comparison') };
}
