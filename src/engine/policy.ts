import type { CompiledScenario } from './compile.ts';
import type { ActionOf, ObservationOf, RoleKind } from './roles.ts';

/**
 * A policy is how one role decides: a name, metadata (Axelrod's classifier) and one
 * `decide(observation)` function. Policies never see the run state, only their
 * role's observation, and take chance only from `observation.chance` (their own
 * substream), so a run stays a pure function of (scenario, policies, seed).
 *
 * A new policy is one file exporting a `PolicyDefinition`, added to the list in
 * `policies.ts`; registries are filtered from that list by metadata, never kept by hand.
 */
export interface PolicyMeta {
  role: RoleKind;
  /** Draws from its chance stream. */
  stochastic: boolean;
  /** Periods of history it keeps: 0 for a reactive rule, Infinity for unbounded. */
  memoryDepth: number;
  /** Observation fields it reads that cost the engine work to fill (e.g. 'valueGap'). */
  observes: readonly string[];
  /** Waits for actions from outside (a person, a server, a notebook). */
  external: boolean;
  description: string;
}

export interface Policy<K extends RoleKind = RoleKind> {
  readonly name: string;
  readonly meta: PolicyMeta;
  /**
   * The action for this observation. The returned object may be reused by the policy
   * on its next call (the engine reads it before asking again). Throws
   * `AwaitingExternalAction` if it is external and nothing has been supplied.
   */
  decide(observation: ObservationOf[K]): ActionOf[K];
}

/** Parameters a scenario gives a policy: plain numbers, strings, booleans, lists of them. */
export type PolicyParams = Record<string, unknown>;

/** Builds a policy for one run's compiled scenario (and one member, for member policies). */
export interface PolicyDefinition<K extends RoleKind = RoleKind> {
  readonly name: string;
  readonly meta: PolicyMeta;
  /** Checks the parameters; throws PolicyParamError naming the field and the allowed values. */
  create(params: PolicyParams, c: CompiledScenario, memberIndex: number): Policy<K>;
}

export class PolicyParamError extends Error {
  constructor(policy: string, field: string, message: string) {
    super(`policy "${policy}": ${field}: ${message}`);
    this.name = 'PolicyParamError';
  }
}

/** An external policy was asked to decide before anyone supplied its action. */
export class AwaitingExternalAction extends Error {
  constructor(readonly role: string) {
    super(`role ${role} is played from outside and has no action yet: supply one with apply()`);
    this.name = 'AwaitingExternalAction';
  }
}

/** Reads a numeric parameter in [min, max], with a default. */
export function numberParam(policy: string, params: PolicyParams, field: string, min: number, max: number, fallback: number): number {
  const v = params[field];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new PolicyParamError(policy, field, `${JSON.stringify(v)} is not a number in [${min}, ${max}]`);
  }
  return v;
}

/** Rejects parameters a policy does not know, so a typo is not silently ignored. */
export function onlyParams(policy: string, params: PolicyParams, known: readonly string[]): void {
  for (const k of Object.keys(params)) {
    if (!known.includes(k)) throw new PolicyParamError(policy, k, `unknown parameter (known: ${known.length > 0 ? known.join(', ') : 'none'})`);
  }
}
