import type { PolicyDefinition } from '../policy.ts';
import { PolicyParamError } from '../policy.ts';
import type { RoleKind } from '../roles.ts';
import { bestResponse } from '../actors/target/policies/best-response.ts';
import { quantal } from '../actors/target/policies/quantal.ts';
import { scripted } from '../actors/target/policies/scripted.ts';
import { TARGET_DEVIATIONS } from '../actors/target/policies/deviations.ts';
import { resolveThreshold } from '../actors/member/policies/resolve-threshold.ts';
import { steadfast } from '../actors/member/policies/steadfast.ts';
import { designRules } from '../actors/coalition/policies/design-rules.ts';
import { SANCTIONER_RESPONSES } from '../actors/coalition/policies/responses.ts';
import { onSchedule } from '../actors/verifier/policies/schedule.ts';
import { fullAllocation } from '../actors/aid/policies/full-allocation.ts';
import { externalAid, externalCoalition, externalMember, externalTarget, externalVerifier } from './external.ts';

/**
 * Every policy the engine knows. Registries are filtered from this list by metadata
 * (Axelrod's habit); a new policy is one file and one entry here.
 */
export const ALL_POLICIES: readonly PolicyDefinition[] = [
  bestResponse,
  quantal,
  scripted,
  ...TARGET_DEVIATIONS,
  externalTarget,
  resolveThreshold,
  steadfast,
  externalMember,
  designRules,
  ...SANCTIONER_RESPONSES,
  externalCoalition,
  onSchedule,
  externalVerifier,
  fullAllocation,
  externalAid,
] as PolicyDefinition[];

/** The policies that can play a role kind, optionally filtered by metadata. */
export function policiesFor(role: RoleKind, where: (d: PolicyDefinition) => boolean = () => true): PolicyDefinition[] {
  return ALL_POLICIES.filter((d) => d.meta.role === role && where(d));
}

/** The default policy of each role kind: the model's own behaviour. */
export const DEFAULT_POLICY: Record<RoleKind, string> = {
  target: 'best-response',
  member: 'resolve-threshold',
  coalition: 'design-rules',
  verifier: 'schedule',
  aid: 'full-allocation',
};

/** Looks a policy up by role kind and name; the error names the field and the known names. */
export function policyDefinition(role: RoleKind, name: string, field: string): PolicyDefinition {
  const d = ALL_POLICIES.find((p) => p.meta.role === role && p.name === name);
  if (!d) throw new PolicyParamError(name, field, `unknown ${role} policy (known: ${policiesFor(role).map((p) => p.name).join(', ')})`);
  return d;
}
