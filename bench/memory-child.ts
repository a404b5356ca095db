/**
 * Child process of `npm run bench`: runs one batch of the baseline and prints its
 * peak resident memory (process.resourceUsage().maxRSS, which counts the worker
 * threads too, as they live in this process). A fresh process per measurement, so
 * one batch's peak cannot hide another's. With RSS_LOG=1 it also prints, each
 * second, rss / main heap / main external memory in MB to stderr.
 *
 * Usage: node --import tsx bench/memory-child.ts <runs> <workers>
 */
import { readFileSync } from 'node:fs';
import { readScenario } from '../src/scenario/validate.ts';
import { runMonteCarlo } from '../src/node/index.ts';

const runs = Number(process.argv[2]);
const workers = Number(process.argv[3] ?? 2);
const trace: string[] = [];
const mb = (x: number) => Math.round(x / 2 ** 20);
const ticker = setInterval(() => {
  const m = process.memoryUsage();
  trace.push(`${mb(m.rss)}/${mb(m.heapTotal)}/${mb(m.external)}`);
}, 1000);
const parsed = readScenario(readFileSync(new URL('../scenarios/baseline.yaml', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('baseline.yaml is invalid');
const started = performance.now();
const summary = await runMonteCarlo(parsed.scenario, { runs, masterSeed: 1, workers });
const seconds = (performance.now() - started) / 1000;
clearInterval(ticker);
if (process.env.RSS_LOG) console.error(trace.join(' '));
process.stdout.write(`${JSON.stringify({ runs: summary.runs, workers, seconds, maxRssKb: process.resourceUsage().maxRSS })}\n`);
