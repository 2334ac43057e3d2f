import type { KindPlanner } from '../planner.js';
import { changeIds } from '../context.js';
import { identityIds, wantsIdentity } from '../identity/ids.js';

/** The organization instance: enabled (trusted access, then the console's one step) when the spec has identity. */
export const identityCenterPlanner: KindPlanner<'identity-center'> = {
  kind: 'identity-center',
  after: ['organization'],
  diff(ctx) {
    if (!wantsIdentity(ctx) || ctx.observed['identity-center'].length > 0) return;
    const homeRegion = ctx.desired.homeRegion;
    ctx.add({
      id: identityIds.center,
      kind: 'identity-center',
      key: 'instance',
      label: `IAM Identity Center (${homeRegion})`,
      action: 'create',
      properties: [{ name: 'region', after: homeRegion }],
      payload: { action: 'create', homeRegion },
      dependsOn: ctx.ifPlanned(changeIds.organization),
      destructive: false,
    });
  },
};
