import { markedCostAllocationTags } from '../../model/cost-kinds.js';
import { changeIds } from '../context.js';
import type { KindPlanner } from '../planner.js';

const ACTIVE = 'Active';

/**
 * Cost-allocation tags (Cost Explorer): each key of `model.cost.allocationTags` that Cost Explorer knows and has
 * inactive is activated. A key it does not know yet is a note, not an error: billing sees a tag up to 24 hours after
 * a resource first carries it, and the next apply activates it. Bulkhead marks the root for each key it activates
 * and, once the spec stops wanting a key, deactivates only a marked one; deactivating loses nothing (the cost data
 * stays, and activating again later brings the key back), so it is not destructive.
 */
export const costAllocationTagPlanner: KindPlanner<'cost-allocation-tag'> = {
  kind: 'cost-allocation-tag',
  after: ['organization', 'account'],
  diff(ctx) {
    const wanted = ctx.desired.cost?.allocationTags ?? [];
    const known = new Map(ctx.observed['cost-allocation-tag'].map((t) => [t.key, t]));
    for (const key of wanted) {
      const tag = known.get(key);
      if (tag === undefined) {
        ctx.note({
          code: 'N-COST-TAG-PENDING',
          key,
          message: `cost-allocation tag "${key}" is not known to billing yet: billing sees a tag up to 24 h after first use; the next apply activates it`,
        });
        continue;
      }
      if (tag.status === ACTIVE) continue;
      ctx.add({
        id: `cost-allocation-tag:${key}`,
        kind: 'cost-allocation-tag',
        key,
        label: key,
        action: 'update',
        properties: [{ name: 'status', before: tag.status, after: ACTIVE }],
        payload: { action: 'update', key, status: ACTIVE, root: ctx.rootRef() },
        dependsOn: ctx.ifPlanned(changeIds.organization),
        destructive: false,
      });
    }
  },
  removals(ctx) {
    const rootId = ctx.rootId;
    if (rootId === undefined) return;
    const wanted = new Set(ctx.desired.cost?.allocationTags ?? []);
    const marked = markedCostAllocationTags(ctx.organization?.root.tags ?? {});
    for (const tag of ctx.observed['cost-allocation-tag']) {
      const marker = marked.get(tag.key);
      if (wanted.has(tag.key) || marker === undefined || tag.status !== ACTIVE) continue;
      ctx.add({
        id: `deactivate-cost-allocation-tag:${tag.key}`,
        kind: 'cost-allocation-tag',
        key: tag.key,
        label: tag.key,
        action: 'update',
        properties: [{ name: 'status', before: ACTIVE, after: 'Inactive' }],
        payload: { action: 'update', key: tag.key, status: 'Inactive', rootId, marker },
        dependsOn: [],
        destructive: false,
      });
    }
  },
};
