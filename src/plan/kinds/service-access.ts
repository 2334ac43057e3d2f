import { servicePrincipalsWanted } from '../../model/audit.js';
import { serviceAccessTag } from '../../model/payloads.js';
import { changeIds } from '../context.js';
import type { KindPlanner } from '../planner.js';

/** The id of the change that enables trusted access for a service principal (other kinds wait on it). */
export const serviceAccessChangeId = (principal: string): string => `service-access:${principal}`;

/**
 * Trusted access (EnableAWSServiceAccess) for the service principals the audit setup needs. Bulkhead tags the root
 * for each principal it enables, and plans DisableAWSServiceAccess only for a tagged principal the spec no longer
 * needs: trusted access enabled outside Bulkhead (by hand, Control Tower, another tool) is never switched off.
 */
export const serviceAccessPlanner: KindPlanner<'service-access'> = {
  kind: 'service-access',
  after: ['organization'],
  diff(ctx) {
    const enabled = new Set(ctx.observed['service-access'].map((s) => s.principal));
    for (const principal of servicePrincipalsWanted(ctx.desired.audit)) {
      if (enabled.has(principal)) continue;
      ctx.add({
        id: serviceAccessChangeId(principal),
        kind: 'service-access',
        key: principal,
        label: principal,
        action: 'create',
        properties: [{ name: 'trusted access', before: 'disabled', after: 'enabled' }],
        payload: { action: 'create', principal, root: ctx.rootRef() },
        dependsOn: ctx.ifPlanned(changeIds.organization),
        destructive: false,
      });
    }
  },
  removals(ctx) {
    const rootId = ctx.rootId;
    if (rootId === undefined) return;
    const wanted = new Set(servicePrincipalsWanted(ctx.desired.audit));
    const rootTags = ctx.organization?.root.tags ?? {};
    for (const { principal } of ctx.observed['service-access']) {
      if (wanted.has(principal) || rootTags[serviceAccessTag(principal)] === undefined) continue;
      ctx.add({
        id: `disable-service-access:${principal}`,
        kind: 'service-access',
        key: principal,
        label: principal,
        action: 'delete',
        properties: [{ name: 'trusted access', before: 'enabled', after: 'disabled' }],
        payload: { action: 'delete', principal, rootId },
        dependsOn: [],
        destructive: true,
      });
    }
  },
};
