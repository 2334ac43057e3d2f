/** The shape every catalogue statement has: a Deny with a Sid, its actions, its resources and maybe a condition. */
import type { PolicyStatement } from '../types.js';

/** A Deny statement: Sid, the actions (or NotAction), Resource, and the condition when there is one. */
export function denyStatement(
  sid: string,
  actions: { Action: string[] } | { NotAction: string[] },
  resource: string | string[],
  condition: Record<string, unknown> | undefined,
): PolicyStatement {
  return { Sid: sid, Effect: 'Deny', ...actions, Resource: resource, ...(condition ? { Condition: condition } : {}) };
}
