import type { Scenario } from '../../../../scenario/schema.ts';
import type { PolicyDefinition } from '../../../policy.ts';
import { PolicyParamError, onlyParams } from '../../../policy.ts';
import { DEFY } from '../../../roles.ts';
import { actBuffer } from './best-response.ts';

type Segment = Scenario['target']['script'][number];

/**
 * Follows a script of segments (from a period on: comply, cheat or defy, with a
 * probability per period), for teaching and analytic checks. Before the first segment
 * it complies. Parameter `script`, by default the scenario's `target.script`.
 */
export const scripted: PolicyDefinition<'target'> = {
  name: 'scripted',
  meta: { role: 'target', stochastic: true, memoryDepth: 0, observes: [], external: false, description: 'follows a script, for teaching and analytic checks' },
  create(params, c) {
    onlyParams('scripted', params, ['script']);
    const script = (params.script ?? c.scenario.target.script) as Segment[];
    if (!Array.isArray(script)) throw new PolicyParamError('scripted', 'script', 'must be a list of segments {fromPeriod, action, probability}');
    const segments = [...script].sort((a, b) => a.fromPeriod - b.fromPeriod);
    const action = actBuffer(c.nBenchmarks);
    return {
      name: 'scripted',
      meta: scripted.meta,
      decide: (o) => {
        let seg: Segment | undefined;
        for (const s of segments) if (s.fromPeriod <= o.period) seg = s;
        let move: 'comply' | 'cheat' = 'comply';
        if (seg && seg.action !== 'comply' && (seg.probability >= 1 || o.chance(0) < seg.probability)) {
          if (seg.action === 'defy') return DEFY;
          move = 'cheat';
        }
        for (let b = 0; b < action.moves.length; b++) {
          action.moves[b] = move;
          action.reports[b] = move === 'cheat' && o.chance(2 * b + 1) < o.gamingPropensity ? 'gamed' : 'honest';
        }
        return action;
      },
    };
  },
};
