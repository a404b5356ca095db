import { parentPort } from 'node:worker_threads';
import { auditDesign } from '../../audit/index.ts';
import { computeDebrief } from '../../classroom/debrief.ts';
import { prepareNegotiation } from '../../classroom/negotiation-stage.ts';
import { restoreGame } from '../../engine/game.ts';
import { OFFER_AUDIT_RUNS, OFFER_AUDIT_SEED, summariseAudit } from '../../classroom/offer-audit.ts';
import type { AnalysisJob, AnalysisReply } from './analysis.ts';

/**
 * The classroom server's analysis thread: the simulations a room needs that take seconds
 * (the talks' utility table when a room is created, the design audit of each offer put on
 * the table, a finished room's debrief) run here, one job at a time, so the server's own thread keeps answering
 * messages. Jobs and replies are plain JSON (analysis.ts).
 */
if (!parentPort) throw new Error('analysis-worker must run in a worker thread');
const port = parentPort;
port.on('message', (job: AnalysisJob) => {
  void run(job).then((reply) => port.postMessage(reply));
});

async function run(job: AnalysisJob): Promise<AnalysisReply> {
  try {
    if (job.kind === 'prepare') return { id: job.id, ok: true, result: await prepareNegotiation(job.scenario, job.terms, job.seed, job.runs) };
    if (job.kind === 'debrief') {
      const game = restoreGame(job.played, job.snapshot);
      return { id: job.id, ok: true, result: computeDebrief(job.played, job.seed, game, job.decisions, job.rounds, job.alternatives, job.runs) };
    }
    return { id: job.id, ok: true, result: summariseAudit(auditDesign(job.scenario, { runs: OFFER_AUDIT_RUNS, masterSeed: OFFER_AUDIT_SEED })) };
  } catch (e) {
    return { id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
