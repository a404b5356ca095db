/// <reference lib="webworker" />
// Direct module paths, not src/index.ts: a worker's bundle gets the schema's constants only (web/vite.config.ts).
import { memoAudit } from '../../../src/analysis/studies/memo-study.ts';
import { auditDesign } from '../../../src/audit/index.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';
import { playTournament } from '../../../src/tournament/index.ts';
import type { AnalysisJob, AnalysisReply } from './analysis-jobs.ts';

/**
 * The design audit, the strategy tournament and the memo's audit, off the page's
 * thread (analysis-jobs.ts sends them): each solves target plans for several
 * designs and runs hundreds of simulations, seconds of work that used to freeze the
 * page. Jobs run one at a time in arrival order; a cancel terminates the worker.
 * Results are plain data, so they cross as structured clones.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

function run(job: AnalysisJob): unknown {
  const scenario: Scenario = job.scenario;
  switch (job.kind) {
    case 'audit':
      return auditDesign(scenario, { runs: job.runs, masterSeed: job.masterSeed, fixes: true });
    case 'tournament':
      return playTournament(scenario, { runs: job.runs, masterSeed: job.masterSeed });
    case 'memo-audit':
      return memoAudit(scenario, job.runs, job.masterSeed);
  }
}

scope.addEventListener('message', (e: MessageEvent<{ id: number; job: AnalysisJob }>) => {
  const { id, job } = e.data;
  let reply: AnalysisReply;
  try {
    reply = { id, ok: true, result: run(job) };
  } catch (err) {
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(reply);
});
