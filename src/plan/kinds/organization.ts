import type { KindPlanner } from '../planner.js';
import { changeIds } from '../context.js';

/** The organization itself: created with all features when the management account has none. */
export const organizationPlanner: KindPlanner<'organization'> = {
  kind: 'organization',
  after: [],
  diff(ctx) {
    if (ctx.organization) return;
    ctx.add({
      id: changeIds.organization,
      kind: 'organization',
      key: ctx.desired.name,
      label: ctx.desired.name,
      action: 'create',
      properties: [{ name: 'featureSet', after: 'ALL' }],
      payload: { action: 'create', featureSet: 'ALL' },
      dependsOn: [],
      destructive: false,
    });
  },
};
