import type { PolicyDefinition } from '../../../policy.ts';
import { forgiving } from './forgiving.ts';
import { graduated } from './graduated.ts';
import { lenient } from './lenient.ts';
import { snapback } from './snapback.ts';
import { titForTat } from './tit-for-tat.ts';

/**
 * The sanctioner responses a tournament sets against each other (with design-rules,
 * the Bayesian one: it re-imposes when its belief in sincerity falls below the
 * design's threshold). They choose at a re-imposition decision, which the engine puts
 * to the coalition under a discretionary trigger.
 */
export const SANCTIONER_RESPONSES: readonly PolicyDefinition<'coalition'>[] = [snapback, graduated, forgiving, titForTat, lenient];
