import type { Policy, PolicyDefinition, PolicyMeta } from '../policy.ts';
import { AwaitingExternalAction, onlyParams } from '../policy.ts';
import type { ActionOf, RoleKind } from '../roles.ts';

/**
 * A role played from outside: a person, a server or a notebook. In a game
 * (`createGame`) the role simply waits until `apply(role, action)`; driven by
 * `simulate`, it takes the actions queued with `supply` in order and throws
 * AwaitingExternalAction when none is left.
 */
export interface ExternalPolicy<K extends RoleKind> extends Policy<K> {
  supply(...actions: ActionOf[K][]): void;
  readonly queued: number;
}

export function externalPolicy<K extends RoleKind>(role: K, label = role as string): ExternalPolicy<K> {
  const queue: ActionOf[K][] = [];
  let head = 0;
  const meta: PolicyMeta = { role, stochastic: false, memoryDepth: 0, observes: [], external: true, description: 'waits for an action from outside (a person, a server, a notebook)' };
  return {
    name: 'external',
    meta,
    supply: (...actions) => void queue.push(...actions),
    get queued() {
      return queue.length - head;
    },
    decide: () => {
      if (head >= queue.length) throw new AwaitingExternalAction(label);
      return queue[head++];
    },
  };
}

function definition<K extends RoleKind>(role: K): PolicyDefinition<K> {
  const meta: PolicyMeta = { role, stochastic: false, memoryDepth: 0, observes: [], external: true, description: 'waits for an action from outside (a person, a server, a notebook)' };
  return {
    name: 'external',
    meta,
    create(params) {
      onlyParams('external', params, []);
      return externalPolicy(role);
    },
  };
}

export const externalTarget = definition('target');
export const externalMember = definition('member');
export const externalCoalition = definition('coalition');
export const externalVerifier = definition('verifier');
export const externalAid = definition('aid');
