import { formatTarget } from '../model/organization.js';
import { isManagedByBulkhead, MANAGED_BY_TAG } from '../model/observed.js';
import { accountChangeId } from './diff-accounts.js';
import type { DiffContext } from './diff-context.js';
import { ouChangeId } from './diff-ous.js';
import { minifyPolicy, samePolicy } from './policy-content.js';
import { tagChanges } from './tags.js';

export const SCP_TYPE = 'SERVICE_CONTROL_POLICY';
const policyId = (name: string) => `policy:${name}`;

/** The change that creates a target, if this plan creates it. */
function targetDependency(ctx: DiffContext, key: string): string[] {
  if (key.startsWith('ou:')) return ctx.ifPlanned(ouChangeId(key.slice(3)));
  if (key.startsWith('account:')) {
    const account = ctx.desired.accounts.get(key.slice(8));
    return account ? ctx.ifPlanned(accountChangeId(account.email)) : [];
  }
  return [];
}

/** SCPs by name: content and description updates, attachments as attach/detach, detaches first. */
export function diffPolicies(ctx: DiffContext, orgDependency: string[]): void {
  const enabled = ctx.observed.root?.enabledPolicyTypes.includes(SCP_TYPE) ?? false;
  const typeDeps = [...orgDependency];
  if (!enabled && ctx.desired.serviceControlPolicies.size > 0) {
    ctx.add({
      id: 'policy-type:scp',
      kind: 'policy-type',
      key: SCP_TYPE,
      label: 'service control policies',
      action: 'create',
      properties: [{ name: 'status', before: 'DISABLED', after: 'ENABLED' }],
      spec: { type: SCP_TYPE },
      dependsOn: orgDependency,
      destructive: false,
    });
    typeDeps.push('policy-type:scp');
  }
  const observedByName = new Map(ctx.observed.policies.filter((p) => !p.awsManaged).map((p) => [p.name, p]));
  const detachesByTarget = new Map<string, string[]>();
  const attaches: { policy: string; target: string; deps: string[] }[] = [];

  for (const policy of ctx.desired.serviceControlPolicies.values()) {
    const content = minifyPolicy(policy.document);
    const observed = observedByName.get(policy.name);
    const tags = { ...policy.tags, [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value };
    const description = policy.description ?? '';
    if (!observed) {
      ctx.add({
        id: policyId(policy.name),
        kind: 'policy',
        key: policy.name,
        label: policy.name,
        action: 'create',
        properties: [{ name: 'size', after: content.length }],
        spec: { name: policy.name, description, content, tags },
        dependsOn: typeDeps,
        destructive: false,
      });
    } else {
      const props = [
        ...(samePolicy(observed.content, content)
          ? []
          : [{ name: 'content', before: minifyPolicy(observed.content), after: content }]),
        ...(observed.description === description
          ? []
          : [{ name: 'description', before: observed.description, after: description }]),
        ...tagChanges(observed.tags, tags),
      ];
      if (props.length > 0)
        ctx.add({
          id: policyId(policy.name),
          kind: 'policy',
          key: policy.name,
          label: policy.name,
          action: 'update',
          properties: props,
          spec: { id: observed.id, name: policy.name, description, content, tags },
          dependsOn: typeDeps,
          destructive: false,
        });
    }
    const desiredTargets = new Set(policy.targets.map(formatTarget));
    const observedTargets = new Set(
      (observed?.targetIds ?? []).map((id) => ctx.targetKeyOf(id)).filter((k): k is string => k !== undefined),
    );
    for (const target of desiredTargets) {
      if (!observedTargets.has(target))
        attaches.push({
          policy: policy.name,
          target,
          deps: [...ctx.ifPlanned(policyId(policy.name)), ...typeDeps, ...targetDependency(ctx, target)],
        });
    }
    for (const target of observedTargets) {
      if (desiredTargets.has(target)) continue;
      const id = `detach:${policy.name}→${target}`;
      ctx.add({
        id,
        kind: 'policy-attachment',
        key: `${policy.name} → ${target}`,
        label: `${policy.name} → ${target}`,
        action: 'detach',
        properties: [],
        spec: {
          policyId: observed!.id,
          policyName: policy.name,
          target,
          targetId: observed!.targetIds.find((t) => ctx.targetKeyOf(t) === target),
        },
        dependsOn: [],
        destructive: true,
      });
      detachesByTarget.set(target, [...(detachesByTarget.get(target) ?? []), id]);
    }
  }
  // AWS allows 5 SCPs per target: detaching first keeps a swap within the limit.
  for (const a of attaches) {
    ctx.add({
      id: `attach:${a.policy}→${a.target}`,
      kind: 'policy-attachment',
      key: `${a.policy} → ${a.target}`,
      label: `${a.policy} → ${a.target}`,
      action: 'attach',
      properties: [],
      spec: { policyName: a.policy, target: a.target },
      dependsOn: [...new Set([...a.deps, ...(detachesByTarget.get(a.target) ?? [])])],
      destructive: false,
    });
  }
  for (const observed of observedByName.values()) {
    if (ctx.desired.serviceControlPolicies.has(observed.name) || !isManagedByBulkhead(observed.tags)) continue;
    const detaches = observed.targetIds.map((targetId) => {
      const target = ctx.targetKeyOf(targetId) ?? targetId;
      return ctx.add({
        id: `detach:${observed.name}→${target}`,
        kind: 'policy-attachment',
        key: `${observed.name} → ${target}`,
        label: `${observed.name} → ${target}`,
        action: 'detach',
        properties: [],
        spec: { policyId: observed.id, policyName: observed.name, target, targetId },
        dependsOn: [],
        destructive: true,
      }).id;
    });
    ctx.add({
      id: `delete-policy:${observed.name}`,
      kind: 'policy',
      key: observed.name,
      label: observed.name,
      action: 'delete',
      properties: [],
      spec: { id: observed.id, name: observed.name },
      dependsOn: detaches,
      destructive: true,
    });
  }
}
