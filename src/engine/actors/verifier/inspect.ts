import type { CompiledScenario } from '../../compile.ts';
import { PURPOSE, type Chance } from '../../chance.ts';
import { accessNow, falseAlarmProbability, flagProbabilityIfViolating, inspectionCatchProbability } from '../../detection.ts';
import { EVENT_INDEX as E } from '../../metrics.ts';
import type { RunState } from '../../state.ts';

/** An inspection is possible: the deal stands and inspectors have some access. */
export function canInspect(c: CompiledScenario, s: RunState): boolean {
  return !s.collapsed && accessNow(c, s.accessMult) > 0;
}

/** The design's schedule has an inspection this period. */
export function inspectionScheduled(c: CompiledScenario, t: number): boolean {
  return t % c.verification.inspectionIntervalPeriods === 0;
}

/**
 * End of a period: if the verifier inspects (its policy's decision, s.inspecting),
 * each hidden violation is exposed with the detection module's chance; with nothing
 * found, a compliant target draws a false alarm. The report reaches the coalition
 * after the lag. Violations no inspection exposes this period count as undetected.
 */
export function inspect(c: CompiledScenario, s: RunState, t: number, ch: Chance): void {
  const B = c.nBenchmarks;
  if (c.anyOneOff) holdOneOffs(c, s);
  let inViolation = 0;
  for (let b = 0; b < B; b++) if (s.hidden[b]) inViolation++;
  const access = accessNow(c, s.accessMult);
  if (!s.inspecting || !canInspect(c, s)) {
    s.undetectedViolationPeriods += inViolation;
    return;
  }
  const r = freeSlot(s);
  let detected = 0;
  for (let b = 0; b < B; b++) {
    s.repBench[r * B + b] = 0;
    s.repCert[r * B + b] = s.claimed[b];
    if (!s.hidden[b]) continue;
    const gamed = s.claimed[b] > s.level[b] + 1e-12;
    if (!(ch.uniform(PURPOSE.verifierDetect, b, t) < inspectionCatchProbability(c, b, access, gamed))) {
      s.undetectedViolationPeriods++;
      continue;
    }
    detected++;
    s.repBench[r * B + b] = 1;
    s.repCert[r * B + b] = s.level[b];
    // Exposed: the claim falls to the truth, and the target must restore what it had.
    s.claimed[b] = s.level[b];
    s.hidden[b] = 0;
    s.emit(t, E.violationDetected, 'violationDetected', c.benchmarkIds[b]);
  }
  let flagged = detected > 0;
  if (!flagged && inViolation === 0 && ch.uniform(PURPOSE.verifierFalseAlarm, 0, t) < falseAlarmProbability(c)) {
    flagged = true;
    // A false alarm names a benchmark: the verifier suspects one of them.
    const b = Math.min(B - 1, Math.floor(ch.uniform(PURPOSE.verifierFalseAlarmBenchmark, 0, t) * B));
    s.repBench[r * B + b] = 1;
    s.emit(t, E.falseAlarm, 'falseAlarm', c.benchmarkIds[b]);
  }
  s.repDue[r] = t + 1 + c.verification.reportLagPeriods;
  s.repFlag[r] = flagged ? 1 : 0;
  s.repTrue[r] = detected > 0 ? 1 : 0;
  s.repPModel[r] = flagProbabilityIfViolating(c, access);
}

function freeSlot(s: RunState): number {
  for (let r = 0; r < s.repDue.length; r++) if (s.repDue[r] < 0) return r;
  throw new Error('report buffer full: more reports in flight than the lag allows (engine bug)');
}

/**
 * A one-off condition once verified met cannot be undone (prisoners released stay
 * released): its level stays at the required level and there is nothing to find.
 */
function holdOneOffs(c: CompiledScenario, s: RunState): void {
  for (let b = 0; b < c.nBenchmarks; b++) {
    if (!s.oneOffMet[b]) continue;
    const req = c.benchRequired[b];
    s.level[b] = Math.max(s.level[b], req);
    s.claimed[b] = Math.max(s.claimed[b], req);
    s.restoreTarget[b] = Math.max(s.restoreTarget[b], req);
    s.cheating[b] = 0;
    s.hidden[b] = 0;
  }
}
