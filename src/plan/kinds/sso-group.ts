import type { KindPlanner } from '../planner.js';
import { centerDeps, identityIds, isExternal, wantsIdentity } from '../identity/ids.js';

/** Identity-store groups by display name; left to the IdP with `identity.source: external`. */
export const ssoGroupPlanner: KindPlanner<'sso-group'> = {
  kind: 'sso-group',
  after: ['identity-center'],
  diff(ctx) {
    if (isExternal(ctx)) return;
    const observed = new Map(ctx.observed['sso-group'].map((g) => [g.name, g]));
    for (const group of ctx.desired.identity.groups.values()) {
      const found = observed.get(group.name);
      const common = { kind: 'sso-group', key: group.name, label: group.name } as const;
      const description = group.description !== undefined ? { description: group.description } : {};
      if (!found) {
        ctx.add({
          ...common,
          id: identityIds.group(group.name),
          action: 'create',
          properties: group.description !== undefined ? [{ name: 'description', after: group.description }] : [],
          payload: { action: 'create', name: group.name, ...description },
          dependsOn: centerDeps(ctx),
          destructive: false,
        });
        continue;
      }
      if (group.description === undefined || group.description === found.description) continue;
      ctx.add({
        ...common,
        id: `update-${identityIds.group(group.name)}`,
        action: 'update',
        properties: [
          {
            name: 'description',
            ...(found.description !== undefined ? { before: found.description } : {}),
            after: group.description,
          },
        ],
        payload: { action: 'update', groupId: found.groupId, name: group.name, ...description },
        dependsOn: [],
        destructive: false,
      });
    }
  },
  removals(ctx) {
    // A spec without `identity:` leaves Identity Center alone; with an external IdP, users and groups are its.
    if (!wantsIdentity(ctx) || isExternal(ctx)) return;
    for (const g of ctx.observed['sso-group']) {
      if (ctx.desired.identity.groups.has(g.name)) continue;
      const dependsOn = ctx.changes
        .filter(
          (c) =>
            (c.kind === 'sso-group-membership' && c.payload.action === 'delete' && c.payload.groupName === g.name) ||
            (c.kind === 'account-assignment' && c.payload.action === 'delete' && c.payload.principalId === g.groupId),
        )
        .map((c) => c.id);
      ctx.add({
        id: `delete-${identityIds.group(g.name)}`,
        kind: 'sso-group',
        key: g.name,
        label: g.name,
        action: 'delete',
        properties: [],
        payload: { action: 'delete', groupId: g.groupId, name: g.name },
        dependsOn,
        destructive: true,
      });
    }
  },
};
