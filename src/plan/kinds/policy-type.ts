import { changeIds } from '../context.js';
import type { KindPlanner } from '../planner.js';

export const SCP_TYPE = 'SERVICE_CONTROL_POLICY';

/** Service control policies are enabled on the root once the spec has any. */
export const policyTypePlanner: KindPlanner<'policy-type'> = {
  kind: 'policy-type',
  after: ['organization'],
  diff(ctx) {
    const enabled = ctx.observed['policy-type'].some((t) => t.type === SCP_TYPE);
    if (enabled || ctx.desired.serviceControlPolicies.size === 0) return;
    ctx.add({
      id: changeIds.policyType,
      kind: 'policy-type',
      key: SCP_TYPE,
      label: 'service control policies',
      action: 'create',
      properties: [{ name: 'status', before: 'DISABLED', after: 'ENABLED' }],
      payload: { action: 'create', type: SCP_TYPE, root: ctx.rootRef() },
      dependsOn: ctx.ifPlanned(changeIds.organization),
      destructive: false,
    });
  },
};
