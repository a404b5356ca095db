/**
 * Games benchmark (a script, not a test): the design audit's time on the baseline and
 * each case, and a tournament's runs per second.
 * `node --import tsx bench/games.ts [--quick]` prints a table; `npm run bench`
 * appends the same table to bench/RESULTS.md. One repetition each (an audit takes
 * seconds; the machine is shared, so the load is printed with the figures).
 *
 * 1. auditDesign at 200 compliant-path runs, thresholds and fixes (each fix
 *    re-checked on 200 best-response runs per design): the baseline, each case.
 * 2. playTournament on the baseline: 6 sanctioner x 6 target policies, 200 runs per
 *    match; run-periods per second.
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { auditDesign } from '../src/audit/index.ts';
import { loadScenarioFile } from '../src/node/scenario-files.ts';
import { playTournament } from '../src/tournament/index.ts';

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function load(file: string) {
  const r = loadScenarioFile(new URL(`../scenarios/${file}`, import.meta.url).pathname);
  if (!r.ok) throw new Error(`${file} is invalid`);
  return r.scenario;
}

/** The benchmark's lines (a Markdown section with a table). */
export function gamesBench(quick: boolean): string[] {
  const loadAtStart = loadavg()[0];
  const runs = quick ? 50 : 200;
  const files = ['baseline.yaml', ...readdirSync(new URL('../scenarios/cases/', import.meta.url)).filter((f) => f.endsWith('.yaml')).map((f) => `cases/${f}`)];
  const rows = files.map((file) => {
    const s = load(file);
    const t = performance.now();
    const a = auditDesign(s, { runs });
    const ms = performance.now() - t;
    return `| audit ${file} (${a.rows.length} rows, ${a.fixes.length} fixes re-checked) | ${fmt(ms / 1000, 2)} s |`;
  });
  const baseline = load('baseline.yaml');
  const tRuns = quick ? 40 : 200;
  const t = performance.now();
  const r = playTournament(baseline, { runs: tRuns });
  const ms = performance.now() - t;
  const total = r.sanctioners.length * r.targets.length * tRuns;
  return [
    `## Games: the design audit and tournaments${quick ? ' (quick)' : ''}`,
    '',
    `In this thread; one repetition each; load average ${fmt(loadAtStart, 2)} at start (shared machine). Audits: ${runs} compliant-path runs, thresholds, fixes re-checked on ${runs} best-response runs per design.`,
    '',
    '| Figure | Value |',
    '|---|---|',
    ...rows,
    `| tournament, baseline, ${r.sanctioners.length} x ${r.targets.length} policies x ${tRuns} runs | ${fmt(ms / 1000, 2)} s (${fmt((total * 1000) / ms)} runs/s, ${fmt((total * baseline.horizonPeriods * 1000) / ms)} run-periods/s) |`,
    '',
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of gamesBench(process.argv.includes('--quick'))) console.log(line);
}
