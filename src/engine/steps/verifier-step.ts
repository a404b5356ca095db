import type { CompiledScenario } from '../compile.ts';
import { EVENT_INDEX as E } from '../metrics.ts';
import type { Rng } from '../rng.ts';
import type { RunState } from '../state.ts';

/**
 * The verifier's turn at the end of a period: on an inspection period with access,
 * each benchmark in violation is detected with p x access x verifiability (gamed
 * statistics may also be exposed by cross-checks; an honest report of backsliding is
 * seen outright). With nothing detected, a compliant target draws a false alarm with
 * probability q. The report reaches the coalition after the lag.
 */
export function verifierStep(c: CompiledScenario, s: RunState, t: number, rng: Rng): void {
  const B = c.nBenchmarks;
  let inViolation = 0;
  for (let b = 0; b < B; b++) if (s.hidden[b]) inViolation++;
  const v = c.scenario.design.verification;
  const access = v.access * s.accessMult;
  const inspects = !s.collapsed && t % v.inspectionIntervalPeriods === 0 && access > 0;
  if (!inspects) {
    s.undetectedViolationPeriods += inViolation;
    return;
  }
  const r = freeSlot(s);
  const crossCheck = v.crossChecks ? v.crossCheckDetectionProbability * access : 0;
  let detected = 0;
  for (let b = 0; b < B; b++) {
    s.repBench[r * B + b] = 0;
    s.repCert[r * B + b] = s.claimed[b];
    if (!s.hidden[b]) continue;
    const honest = s.claimed[b] <= s.level[b] + 1e-12;
    const caught = honest || rng() < v.detectionProbability * access * c.benchVerifiability[b] || (crossCheck > 0 && rng() < crossCheck);
    if (!caught) {
      s.undetectedViolationPeriods++;
      continue;
    }
    detected++;
    s.repBench[r * B + b] = 1;
    s.repCert[r * B + b] = s.level[b];
    // Exposed: the claim falls to the truth, and the target must restore what it had.
    s.claimed[b] = s.level[b];
    s.hidden[b] = 0;
    s.emit(t, E.violationDetected, 'violationDetected', c.scenario.design.benchmarks[b].id);
  }
  let flagged = detected > 0;
  if (!flagged && inViolation === 0 && rng() < v.falseAlarmProbability) {
    flagged = true;
    // A false alarm names a benchmark: the verifier suspects one of them.
    const b = Math.min(B - 1, Math.floor(rng() * B));
    s.repBench[r * B + b] = 1;
    s.emit(t, E.falseAlarm, 'falseAlarm', c.scenario.design.benchmarks[b].id);
  }
  s.repDue[r] = t + 1 + v.reportLagPeriods;
  s.repFlag[r] = flagged ? 1 : 0;
  s.repTrue[r] = detected > 0 ? 1 : 0;
  s.repPModel[r] = 1 - (1 - v.detectionProbability * access) * (1 - crossCheck);
}

function freeSlot(s: RunState): number {
  for (let r = 0; r < s.repDue.length; r++) if (s.repDue[r] < 0) return r;
  throw new Error('report buffer full: more reports in flight than the lag allows (engine bug)');
}
