import { isManagedByBulkhead, MANAGED_BY_TAG, type ObservedPolicy } from '../../model/observed.js';
import { changeIds, type PlanContext } from '../context.js';
import type { KindPlanner } from '../planner.js';
import { minifyPolicy, samePolicy } from '../policy-content.js';
import { tagChanges } from '../tags.js';

/** The service control policies the spec manages, by name (AWS managed ones are never changed). */
export function observedPoliciesByName(ctx: PlanContext): Map<string, ObservedPolicy> {
  return new Map(ctx.observed.policy.filter((p) => !p.awsManaged).map((p) => [p.name, p]));
}

/** Policies Bulkhead created that the spec no longer has. */
export function removedPolicies(ctx: PlanContext): ObservedPolicy[] {
  return [...observedPoliciesByName(ctx).values()].filter(
    (p) => !ctx.desired.serviceControlPolicies.has(p.name) && isManagedByBulkhead(p.tags),
  );
}

/** SCPs by name: content, description and tag updates; deleted once detached everywhere. */
export const policyPlanner: KindPlanner<'policy'> = {
  kind: 'policy',
  after: ['organization', 'policy-type'],
  diff(ctx) {
    const observedByName = observedPoliciesByName(ctx);
    const dependsOn = ctx.ifPlanned(changeIds.organization, changeIds.policyType);
    for (const policy of ctx.desired.serviceControlPolicies.values()) {
      const content = minifyPolicy(policy.document);
      const observed = observedByName.get(policy.name);
      const tags = { ...policy.tags, [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value };
      const description = policy.description ?? '';
      const common = {
        id: changeIds.policy(policy.name),
        kind: 'policy',
        key: policy.name,
        label: policy.name,
        ...(policy.origin ? { origin: policy.origin } : {}),
      } as const;
      if (!observed) {
        ctx.add({
          ...common,
          action: 'create',
          properties: [{ name: 'size', after: content.length }],
          payload: { action: 'create', name: policy.name, description, content, tags },
          dependsOn,
          destructive: false,
        });
        continue;
      }
      const properties = [
        ...(samePolicy(observed.content, content)
          ? []
          : [{ name: 'content', before: minifyPolicy(observed.content), after: content }]),
        ...(observed.description === description
          ? []
          : [{ name: 'description', before: observed.description, after: description }]),
        ...tagChanges(observed.tags, tags),
      ];
      if (properties.length === 0) continue;
      ctx.add({
        ...common,
        action: 'update',
        properties,
        payload: { action: 'update', id: observed.id, name: policy.name, description, content, tags },
        dependsOn,
        destructive: false,
      });
    }
  },
  removals(ctx) {
    for (const observed of removedPolicies(ctx)) {
      const detaches = ctx.changes
        .filter(
          (c) => c.kind === 'policy-attachment' && c.payload.action === 'detach' && c.payload.policyId === observed.id,
        )
        .map((c) => c.id);
      ctx.add({
        id: `delete-policy:${observed.name}`,
        kind: 'policy',
        key: observed.name,
        label: observed.name,
        action: 'delete',
        properties: [],
        payload: { action: 'delete', id: observed.id, name: observed.name },
        dependsOn: detaches,
        destructive: true,
      });
    }
  },
};
