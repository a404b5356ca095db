/// <reference lib="webworker" />
import { expose } from 'comlink';
// Direct module paths, not src/index.ts: a worker's bundle gets the schema's constants only (web/vite.config.ts).
import { memoAudit } from '../../../src/analysis/studies/memo-study.ts';
import { auditDesign } from '../../../src/audit/index.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';
import { playTournament } from '../../../src/tournament/index.ts';

/**
 * The design audit, the strategy tournament and the memo's audit, off the page's
 * thread (analysis-jobs.ts calls them through comlink, as the pools call their
 * workers): each solves target plans for several designs and runs hundreds of
 * simulations, seconds of work that used to freeze the page. A cancel terminates the
 * worker. Results are plain data, so they cross as structured clones.
 */
const api = {
  audit: (scenario: Scenario, runs: number, masterSeed: number) => auditDesign(scenario, { runs, masterSeed, fixes: true }),
  tournament: (scenario: Scenario, runs: number, masterSeed: number) => playTournament(scenario, { runs, masterSeed }),
  'memo-audit': (scenario: Scenario, runs: number, masterSeed: number) => memoAudit(scenario, runs, masterSeed),
};
export type AnalysisApi = typeof api;

expose(api);
