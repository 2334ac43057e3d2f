import { servicePrincipalsWanted } from '../../model/audit.js';
import { serviceAccessTag } from '../../model/payloads.js';
import { SERVICE_QUOTAS_PRINCIPAL } from '../../model/quota-kinds.js';
import { changeIds } from '../context.js';
import type { KindPlanner } from '../planner.js';

/** The id of the change that enables trusted access for a service principal (other kinds wait on it). */
export const serviceAccessChangeId = (principal: string): string => `service-access:${principal}`;

/**
 * Trusted access (EnableAWSServiceAccess) for the service principals the audit setup needs. Bulkhead tags the root
 * for each principal it enables, and plans DisableAWSServiceAccess only for a tagged principal the spec no longer
 * needs: trusted access enabled outside Bulkhead (by hand, Control Tower, another tool) is never switched off.
 * Nor is it while something may rely on it: Bulkhead never deletes the organization trail or deregisters a delegated
 * administrator the spec merely stopped naming, and turning their trusted access off under them would break them (an
 * organization trail stops recording the member accounts). So CloudTrail's stays, and a security service's goes only
 * with its delegated administrator (deregistered by this plan, or known to be gone).
 */
export const serviceAccessPlanner: KindPlanner<'service-access'> = {
  kind: 'service-access',
  after: ['organization'],
  diff(ctx) {
    const enabled = new Set(ctx.observed['service-access'].map((s) => s.principal));
    for (const principal of servicePrincipalsWanted(ctx.desired.audit, ctx.desired.quotas)) {
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
    const wanted = new Set(servicePrincipalsWanted(ctx.desired.audit, ctx.desired.quotas));
    const rootTags = ctx.organization?.root.tags ?? {};
    // A delegated administrator this plan deregisters no longer holds its principal: disable after it.
    const leaving = new Map<string, string[]>();
    for (const c of ctx.changes)
      if (c.kind === 'delegated-administrator' && c.action === 'delete')
        leaving.set(c.key, [...(leaving.get(c.key) ?? []), c.id]);
    // The quota request template relies on Service Quotas' trusted access only while it has entries.
    const templateLeaving = ctx.changes.filter((c) => c.kind === 'quota-template' && c.action === 'delete');
    leaving.set(
      SERVICE_QUOTAS_PRINCIPAL,
      templateLeaving.map((c) => c.id),
    );
    // Refresh reads the delegated administrators only for a spec with `audit.security`, and the trail only for one
    // with `audit.trail` (which needs cloudtrail.amazonaws.com): without them, whether a principal is in use is unknown,
    // and unknown counts as in use.
    const adminsRead = ctx.desired.audit?.security !== undefined;
    const held = new Set(ctx.observed['delegated-administrator'].map((d) => d.servicePrincipal));
    const inUse = (principal: string): boolean =>
      principal === 'cloudtrail.amazonaws.com' ||
      (principal !== SERVICE_QUOTAS_PRINCIPAL && !leaving.has(principal) && (!adminsRead || held.has(principal)));
    for (const { principal } of ctx.observed['service-access']) {
      if (wanted.has(principal) || rootTags[serviceAccessTag(principal)] === undefined) continue;
      if (inUse(principal)) {
        ctx.note({
          code: 'N-SERVICE-ACCESS-IN-USE',
          key: principal,
          message: `trusted access for ${principal} is no longer needed by the spec, but stays enabled: ${
            principal === 'cloudtrail.amazonaws.com'
              ? 'Bulkhead never deletes the organization trail, which relies on it'
              : 'a delegated administrator may still rely on it (deregister it through audit.security first)'
          }; disable it with \`aws organizations disable-aws-service-access\` if you mean to`,
        });
        continue;
      }
      ctx.add({
        id: `disable-service-access:${principal}`,
        kind: 'service-access',
        key: principal,
        label: principal,
        action: 'delete',
        properties: [{ name: 'trusted access', before: 'enabled', after: 'disabled' }],
        payload: { action: 'delete', principal, rootId },
        dependsOn: leaving.get(principal) ?? [],
        destructive: true,
      });
    }
  },
};
