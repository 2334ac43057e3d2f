import { address } from '../../model/kinds.js';
import { formatTarget } from '../../model/organization.js';
import type { Ref } from '../../model/payloads.js';
import { changeIds, type PlanContext } from '../context.js';
import type { KindPlanner } from '../planner.js';
import { observedPoliciesByName, removedPolicies } from './policy.js';

const label = (policy: string, target: string) => `${policy} → ${target}`;

function detach(ctx: PlanContext, policy: { id: string; name: string }, targetId: string, targetKey: string): string {
  return ctx.add({
    id: `detach:${policy.name}→${targetKey}`,
    kind: 'policy-attachment',
    key: label(policy.name, targetKey),
    label: label(policy.name, targetKey),
    action: 'detach',
    properties: [],
    payload: { action: 'detach', policyId: policy.id, targetId, policyName: policy.name, targetKey },
    dependsOn: [],
    destructive: true,
  }).id;
}

/**
 * Attachments of SCPs to the root, OUs and accounts. Detaches come first: AWS allows five SCPs per
 * target, and detaching before attaching keeps a swap within that limit.
 */
export const policyAttachmentPlanner: KindPlanner<'policy-attachment'> = {
  kind: 'policy-attachment',
  after: ['organization', 'policy-type', 'organizational-unit', 'account', 'policy'],
  diff(ctx) {
    const observedByName = observedPoliciesByName(ctx);
    const typeDeps = ctx.ifPlanned(changeIds.organization, changeIds.policyType);
    const targetsOf = (policyId: string) =>
      ctx.observed['policy-attachment'].filter((a) => a.policyId === policyId).map((a) => a.targetId);
    const detachesByTarget = new Map<string, string[]>();
    const attaches: { policy: string; policyId?: string; targetKey: string; target: Ref; deps: string[] }[] = [];

    for (const policy of ctx.desired.serviceControlPolicies.values()) {
      const observed = observedByName.get(policy.name);
      const observedTargets = new Map<string, string>();
      for (const id of observed ? targetsOf(observed.id) : []) {
        const key = ctx.targetKeyOf(id);
        if (key !== undefined) observedTargets.set(key, id);
      }
      for (const target of policy.targets) {
        const targetKey = formatTarget(target);
        if (observedTargets.has(targetKey)) continue;
        const { ref, dependsOn } = ctx.targetRef(target);
        if (target.type === 'account' && ref.id === undefined && dependsOn.length === 0) {
          // An account the spec closes before it ever existed: nothing to attach to, now or later.
          ctx.problem({
            severity: 'warning',
            code: 'P-TARGET-NOT-CREATED',
            key: policy.name,
            message: `policy "${policy.name}" targets account "${target.name}", which does not exist and is not created (\`lifecycle: close\`)`,
            hint: `remove account:${target.name} from the policy's targets`,
          });
          continue;
        }
        const deps = [...ctx.ifPlanned(changeIds.policy(policy.name)), ...typeDeps, ...dependsOn];
        attaches.push({
          policy: policy.name,
          ...(observed ? { policyId: observed.id } : {}),
          targetKey,
          target: ref,
          deps,
        });
      }
      const desiredKeys = new Set(policy.targets.map(formatTarget));
      for (const [targetKey, targetId] of observedTargets) {
        if (desiredKeys.has(targetKey)) continue;
        const id = detach(ctx, observed!, targetId, targetKey);
        detachesByTarget.set(targetKey, [...(detachesByTarget.get(targetKey) ?? []), id]);
      }
    }
    for (const a of attaches) {
      ctx.add({
        id: `attach:${a.policy}→${a.targetKey}`,
        kind: 'policy-attachment',
        key: label(a.policy, a.targetKey),
        label: label(a.policy, a.targetKey),
        action: 'attach',
        properties: [],
        payload: {
          action: 'attach',
          policy: { address: address('policy', a.policy), ...(a.policyId ? { id: a.policyId } : {}) },
          target: a.target,
          policyName: a.policy,
          targetKey: a.targetKey,
        },
        dependsOn: [...new Set([...a.deps, ...(detachesByTarget.get(a.targetKey) ?? [])])],
        destructive: false,
      });
    }
    for (const observed of removedPolicies(ctx)) {
      for (const targetId of targetsOf(observed.id))
        detach(ctx, observed, targetId, ctx.targetKeyOf(targetId) ?? targetId);
    }
  },
};
