import type { SsoUserFields } from '../../model/identity-payloads.js';
import type { IdentityUser } from '../../model/organization.js';
import type { ObservedSsoUser } from '../../model/observed-identity.js';
import type { KindPlanner } from '../planner.js';
import type { PropertyChange } from '../types.js';
import { centerDeps, identityIds, isExternal, wantsIdentity } from '../identity/ids.js';

const FIELDS = ['email', 'displayName', 'givenName', 'familyName'] as const;

function fieldsOf(user: IdentityUser): SsoUserFields {
  const out: SsoUserFields = { userName: user.userName, email: user.email };
  for (const f of FIELDS.slice(1)) if (user[f] !== undefined) out[f] = user[f];
  return out;
}

/** The fields the spec sets that differ (a field the spec leaves out is AWS's to default). */
function changedFields(observed: ObservedSsoUser, user: IdentityUser): PropertyChange[] {
  return FIELDS.filter((f) => user[f] !== undefined && observed[f] !== user[f]).map((f) => ({
    name: f,
    ...(observed[f] !== undefined ? { before: observed[f] } : {}),
    after: user[f],
  }));
}

/**
 * Identity-store users by user name. With `identity.source: external` the IdP owns them: nothing
 * is planned (assignments resolve them by name). Otherwise Bulkhead owns every user of the store.
 */
export const ssoUserPlanner: KindPlanner<'sso-user'> = {
  kind: 'sso-user',
  after: ['identity-center'],
  diff(ctx) {
    if (isExternal(ctx)) return;
    const observed = new Map(ctx.observed['sso-user'].map((u) => [u.userName, u]));
    for (const user of ctx.desired.identity.users.values()) {
      const found = observed.get(user.userName);
      const common = { kind: 'sso-user', key: user.userName, label: user.userName } as const;
      if (!found) {
        ctx.add({
          ...common,
          id: identityIds.user(user.userName),
          action: 'create',
          properties: [{ name: 'email', after: user.email }],
          payload: { action: 'create', ...fieldsOf(user) },
          dependsOn: centerDeps(ctx),
          destructive: false,
        });
        continue;
      }
      const properties = changedFields(found, user);
      if (properties.length === 0) continue;
      ctx.add({
        ...common,
        id: `update-${identityIds.user(user.userName)}`,
        action: 'update',
        properties,
        payload: { action: 'update', userId: found.userId, ...fieldsOf(user) },
        dependsOn: [],
        destructive: false,
      });
    }
  },
  removals(ctx) {
    // A spec without `identity:` leaves Identity Center alone; with an external IdP, users and groups are its.
    if (!wantsIdentity(ctx) || isExternal(ctx)) return;
    for (const u of ctx.observed['sso-user']) {
      if (ctx.desired.identity.users.has(u.userName)) continue;
      // Its memberships and assignments go first.
      const dependsOn = ctx.changes
        .filter(
          (c) =>
            c.action === 'delete' &&
            ((c.kind === 'sso-group-membership' &&
              c.payload.action === 'delete' &&
              c.payload.userName === u.userName) ||
              (c.kind === 'account-assignment' && c.payload.action === 'delete' && c.payload.principalId === u.userId)),
        )
        .map((c) => c.id);
      ctx.add({
        id: `delete-${identityIds.user(u.userName)}`,
        kind: 'sso-user',
        key: u.userName,
        label: u.userName,
        action: 'delete',
        properties: [],
        payload: { action: 'delete', userId: u.userId, userName: u.userName },
        dependsOn,
        destructive: true,
      });
    }
  },
};
