/**
 * Analysis benchmark (a script, not a test): the cost of the designs and
 * estimators in src/analysis, apart from the model runs they organise.
 * `node --import tsx bench/analysis.ts [--quick]` prints a table; `npm run bench`
 * appends the same table to bench/RESULTS.md. Best of REPS repetitions.
 *
 * 1. Sobol' sequence: points per second, 12 dimensions (the base of a Saltelli
 *    design for 6 factors).
 * 2. Saltelli design for 6 factors at N = 512 (the target analysis:
 *    4,096 points) and N = 16,384.
 * 3. Sobol' estimators with 1,000 bootstrap resamples at N = 512, D = 6; and
 *    throughput in rows per second (N D (resamples + 1) terms of each sum).
 * 4. Latin hypercube 100,000 x 6; Morris effects r = 1,000, D = 6;
 *    PRIM on 10,000 runs x 6 inputs.
 */
import seedrandom from 'seedrandom';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { latinHypercube } from '../src/analysis/latin-hypercube.ts';
import { morrisDesign, morrisEffects } from '../src/analysis/morris.ts';
import { prim } from '../src/analysis/prim.ts';
import { saltelliDesign } from '../src/analysis/saltelli.ts';
import { sobolIndices } from '../src/analysis/sobol-indices.ts';
import { sobolSequence } from '../src/analysis/sobol-sequence.ts';

const REPS = 3;

function best(f: () => void): number {
  let b = Infinity;
  for (let i = 0; i < REPS; i++) {
    const t = performance.now();
    f();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** The benchmark's lines (a Markdown section with a table). */
export function analysisBench(quick: boolean): string[] {
  const load = loadavg()[0];
  const factors = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, low: 0, high: 1 }));
  const model = (x: number[]) => Math.sin(6 * x[0]) + 2 * x[1] * x[2] + x[3] ** 2 + 0.1 * x[4];

  const SEQ = quick ? 2 ** 15 : 2 ** 17;
  const seqMs = best(() => void sobolSequence(SEQ, 12));

  const small = best(() => void saltelliDesign(factors, 512));
  const BIG_N = quick ? 2 ** 12 : 2 ** 14;
  const big = best(() => void saltelliDesign(factors, BIG_N));

  const design = saltelliDesign(factors, 512);
  const outputs = design.points.map(model);
  const RES = 1000;
  const estMs = best(() => void sobolIndices(design, outputs, { rng: seedrandom.alea('bench'), resamples: RES }));
  const rowsPerS = (512 * 6 * (RES + 1) * 1000) / estMs;

  const LHS = quick ? 20_000 : 100_000;
  const lhsMs = best(() => void latinHypercube(LHS, 6, seedrandom.alea('lhs')));

  const md = morrisDesign(factors, { trajectories: 1000, rng: seedrandom.alea('m') });
  const my = md.points.map(model);
  const morrisMs = best(() => void morrisEffects(md, my, { rng: seedrandom.alea('mb'), resamples: 1000 }));

  const PRIM_N = quick ? 2_000 : 10_000;
  const rng = seedrandom.alea('prim');
  const px = latinHypercube(PRIM_N, 6, rng);
  const py = px.map(([a, b]) => rng() < (a > 0.6 && b < 0.4 ? 0.9 : 0.05));
  let boxes = 0;
  const primMs = best(() => void (boxes = prim({ x: px, y: py }).trajectory.length));

  return [
    `## Analysis algorithms${quick ? ' (quick)' : ''}`,
    '',
    `The designs and estimators of src/analysis alone (no model runs), in this thread; best of ${REPS}; load average ${fmt(load, 2)} at start (shared machine).`,
    '',
    '| Figure | Value |',
    '|---|---|',
    `| Sobol' sequence, ${fmt(SEQ)} points x 12 dimensions | ${fmt(seqMs, 1)} ms (${fmt((SEQ * 1000) / seqMs)} points/s) |`,
    `| Saltelli design, 6 factors, N = 512 (4,096 points) | ${fmt(small, 2)} ms |`,
    `| Saltelli design, 6 factors, N = ${fmt(BIG_N)} (${fmt(BIG_N * 8)} points) | ${fmt(big, 1)} ms (${fmt((BIG_N * 8 * 1000) / big)} points/s) |`,
    `| Sobol' indices, N = 512, 6 factors, ${fmt(RES)} bootstrap resamples | ${fmt(estMs, 1)} ms (${fmt(rowsPerS / 1e6, 1)} million estimator rows/s) |`,
    `| Latin hypercube, ${fmt(LHS)} x 6 | ${fmt(lhsMs, 1)} ms |`,
    `| Morris effects, r = 1,000 trajectories, 6 factors, 1,000 resamples | ${fmt(morrisMs, 1)} ms |`,
    `| PRIM, ${fmt(PRIM_N)} runs x 6 inputs (${boxes} boxes on the trajectory) | ${fmt(primMs, 1)} ms |`,
    '',
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of analysisBench(process.argv.includes('--quick'))) console.log(line);
}
