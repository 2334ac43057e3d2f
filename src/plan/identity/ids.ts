import { address } from '../../model/kinds.js';
import type { Ref } from '../../model/payloads.js';
import type { PrincipalType } from '../../model/observed-identity.js';
import type { PlanContext } from '../context.js';

/** Ids of the changes of the identity kinds, by natural key. */
export const identityIds = {
  center: 'identity-center',
  user: (userName: string) => `sso-user:${userName}`,
  group: (name: string) => `sso-group:${name}`,
  permissionSet: (name: string) => `permission-set:${name}`,
  updatePermissionSet: (name: string) => `update-permission-set:${name}`,
} as const;

/** The spec asks for Identity Center: it has users, groups, permission sets or grid rows. */
export function wantsIdentity(ctx: PlanContext): boolean {
  const { users, groups, permissionSets, assignments } = ctx.desired.identity;
  return users.size + groups.size + permissionSets.size + assignments.length > 0;
}

export const isExternal = (ctx: PlanContext): boolean => ctx.desired.identity.source === 'external';

/** The enable change, when this plan has one: every other identity change waits for it. */
export const centerDeps = (ctx: PlanContext): string[] => ctx.ifPlanned(identityIds.center);

export function userRef(ctx: PlanContext, userName: string): Ref {
  const id = ctx.observed['sso-user'].find((u) => u.userName === userName)?.userId;
  return { address: address('sso-user', userName), ...(id ? { id } : {}) };
}

export function groupRef(ctx: PlanContext, name: string): Ref {
  const id = ctx.observed['sso-group'].find((g) => g.name === name)?.groupId;
  return { address: address('sso-group', name), ...(id ? { id } : {}) };
}

export function principalRef(ctx: PlanContext, type: PrincipalType, name: string): { ref: Ref; dependsOn: string[] } {
  return type === 'GROUP'
    ? { ref: groupRef(ctx, name), dependsOn: ctx.ifPlanned(identityIds.group(name)) }
    : { ref: userRef(ctx, name), dependsOn: ctx.ifPlanned(identityIds.user(name)) };
}
