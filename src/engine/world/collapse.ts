import type { CompiledScenario } from '../compile.ts';
import { EVENT_INDEX as E } from '../metrics.ts';
import { TRANCHE, type RunState } from '../state.ts';

export type CollapseCause = 'reimposition' | 'defiance' | 'cohesion';

/**
 * The arrangement ends. After a full permanent re-imposition or open defiance every
 * tranche is revoked (the coalition snaps everything back); when the coalition falls
 * apart, nothing can be re-imposed and what was lifted stays lifted.
 */
export function collapse(c: CompiledScenario, s: RunState, t: number, cause: CollapseCause): void {
  if (s.collapsed) return;
  s.collapsed = true;
  s.collapsePeriod = t;
  s.disputeOpen = false;
  if (cause !== 'cohesion') {
    for (let k = 0; k < c.nTranches; k++) {
      s.trState[k] = TRANCHE.revoked;
      s.escrowBal[k] = 0;
    }
  }
  s.emit(t, E.collapse, 'collapse', cause);
}
