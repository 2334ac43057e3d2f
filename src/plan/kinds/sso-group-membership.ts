import { membershipKey } from '../../model/identity-desired.js';
import type { KindPlanner } from '../planner.js';
import { centerDeps, groupRef, identityIds, isExternal, userRef, wantsIdentity } from '../identity/ids.js';

/** Group members; left to the IdP with `identity.source: external`. */
export const ssoGroupMembershipPlanner: KindPlanner<'sso-group-membership'> = {
  kind: 'sso-group-membership',
  after: ['identity-center', 'sso-user', 'sso-group'],
  diff(ctx) {
    if (isExternal(ctx)) return;
    const observed = new Set(ctx.observed['sso-group-membership'].map((m) => `${m.groupName}/${m.userName}`));
    for (const group of ctx.desired.identity.groups.values()) {
      for (const userName of group.members) {
        const key = membershipKey({ group: group.name, userName });
        if (observed.has(key)) continue;
        ctx.add({
          id: `membership:${key}`,
          kind: 'sso-group-membership',
          key,
          label: `${userName} in ${group.name}`,
          action: 'create',
          properties: [],
          payload: {
            action: 'create',
            group: groupRef(ctx, group.name),
            user: userRef(ctx, userName),
            groupName: group.name,
            userName,
          },
          dependsOn: [...centerDeps(ctx), ...ctx.ifPlanned(identityIds.group(group.name), identityIds.user(userName))],
          destructive: false,
        });
      }
    }
  },
  removals(ctx) {
    // A spec without `identity:` leaves Identity Center alone; with an external IdP, users and groups are its.
    if (!wantsIdentity(ctx) || isExternal(ctx)) return;
    for (const m of ctx.observed['sso-group-membership']) {
      if (ctx.desired.identity.groups.get(m.groupName)?.members.includes(m.userName)) continue;
      const key = membershipKey({ group: m.groupName, userName: m.userName });
      ctx.add({
        id: `delete-membership:${key}`,
        kind: 'sso-group-membership',
        key,
        label: `${m.userName} in ${m.groupName}`,
        action: 'delete',
        properties: [],
        payload: { action: 'delete', membershipId: m.membershipId, groupName: m.groupName, userName: m.userName },
        dependsOn: [],
        destructive: false,
      });
    }
  },
};
