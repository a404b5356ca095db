import type { CompiledScenario } from '../engine/compile.ts';
import type { Policy, PolicyDefinition, PolicyParams } from '../engine/policy.ts';
import { policiesFor } from '../engine/policies/index.ts';
import type { RoleKind } from '../engine/roles.ts';
import { AuditInputError } from '../audit/errors.ts';

/**
 * Tournament entrants come from the engine's policy registry by their metadata
 * (Axelrod's habit): every registered coalition policy that is not external, and
 * the target policies that need no parameters and no script. A new policy file
 * registered with the engine enters the next tournament by itself.
 */
export function defaultSanctioners(): PolicyDefinition<'coalition'>[] {
  return policiesFor('coalition', (d) => !d.meta.external) as PolicyDefinition<'coalition'>[];
}

/** Target policies that play without parameters: the best response, the quantal one, and the parameter-free deviations. */
export function defaultTargets(): PolicyDefinition<'target'>[] {
  const needsParams = new Set(['scripted', 'cheat-first-periods', 'cheat-from-period', 'cheat-once-at']);
  return policiesFor('target', (d) => !d.meta.external && !needsParams.has(d.name)) as PolicyDefinition<'target'>[];
}

/** Looks entrants up by name; the error lists the known names. */
export function entrantsByName<K extends RoleKind>(role: K, names: readonly string[], field: string): PolicyDefinition<K>[] {
  const known = policiesFor(role, (d) => !d.meta.external);
  if (names.length === 0) throw new AuditInputError(field, `is empty; name at least one ${role} policy (known: ${known.map((d) => d.name).join(', ')})`);
  return names.map((n, i) => {
    const d = known.find((k) => k.name === n);
    if (!d) throw new AuditInputError(`${field}[${i}]`, `unknown ${role} policy ${JSON.stringify(n)} (known: ${known.map((k) => k.name).join(', ')})`);
    return d as PolicyDefinition<K>;
  });
}

/**
 * A policy that a tournament rebuilds before every run, so a policy with memory
 * (forgiving, graduated, tit-for-tat) starts each run fresh while the runner and its
 * compiled scenario are reused.
 */
export function freshEachRun<K extends RoleKind>(def: PolicyDefinition<K>, c: CompiledScenario, params: PolicyParams = {}): { policy: Policy<K>; reset(): void } {
  let inner = def.create(params, c, -1);
  const policy: Policy<K> = { name: def.name, meta: def.meta, decide: (o) => inner.decide(o) };
  return { policy, reset: () => (inner = def.create(params, c, -1)) };
}
