import type { KindPlanner } from '../planner.js';
import {
  accountLabel,
  adminAccountRef,
  desiredDelegatedAdmins,
  MANAGED_PRINCIPALS,
  securityIds,
} from '../security/desired.js';

/**
 * The delegated administrator of each security service principal (`audit.security`). A different account than the
 * observed one is a deregistration (destructive: the old account stops seeing the organization's findings) and a
 * registration after it, since GuardDuty and Security Hub allow one administrator. A principal no longer wanted is
 * deregistered. Registrations wait on trusted access for their principal and on the account's creation.
 */
export const delegatedAdministratorPlanner: KindPlanner<'delegated-administrator'> = {
  kind: 'delegated-administrator',
  after: ['organization', 'account', 'service-access'],
  diff(ctx) {
    if (ctx.desired.audit?.security === undefined) return;
    const wanted = new Map(desiredDelegatedAdmins(ctx).map((d) => [d.servicePrincipal, d]));
    const observed = ctx.observed['delegated-administrator'].filter((o) => MANAGED_PRINCIPALS.has(o.servicePrincipal));
    const removals = new Map<string, string[]>();
    for (const o of observed) {
      const want = wanted.get(o.servicePrincipal);
      if (want !== undefined && ctx.observedAccount(want.accountName)?.id === o.accountId) continue;
      const service = MANAGED_PRINCIPALS.get(o.servicePrincipal)!;
      const id = ctx.add({
        id: `${securityIds.removeAdmin(o.servicePrincipal)}/${o.accountId}`,
        kind: 'delegated-administrator',
        key: o.servicePrincipal,
        label: `${o.servicePrincipal} → ${accountLabel(ctx, o.accountId)}`,
        action: 'delete',
        properties: [],
        payload: { action: 'delete', service, servicePrincipal: o.servicePrincipal, accountId: o.accountId },
        dependsOn: [],
        destructive: true,
      }).id;
      removals.set(o.servicePrincipal, [...(removals.get(o.servicePrincipal) ?? []), id]);
    }
    for (const want of wanted.values()) {
      const { ref, dependsOn } = adminAccountRef(ctx, want.accountName);
      if (
        ref.id !== undefined &&
        observed.some((o) => o.servicePrincipal === want.servicePrincipal && o.accountId === ref.id)
      )
        continue;
      const trustedAccess = ctx.changes
        .filter((c) => c.kind === 'service-access' && c.key === want.servicePrincipal)
        .map((c) => c.id);
      ctx.add({
        id: securityIds.admin(want.servicePrincipal),
        kind: 'delegated-administrator',
        key: want.servicePrincipal,
        label: `${want.servicePrincipal} → ${want.accountName}`,
        action: 'create',
        properties: [{ name: 'account', after: want.accountName }],
        payload: {
          action: 'create',
          service: want.service,
          servicePrincipal: want.servicePrincipal,
          account: ref,
          accountName: want.accountName,
        },
        dependsOn: [...(removals.get(want.servicePrincipal) ?? []), ...trustedAccess, ...dependsOn],
        destructive: false,
      });
    }
  },
};
