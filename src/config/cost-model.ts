import { MANAGED_COST_TAGS, type CostModel } from '../model/cost.js';
import type { Account } from '../model/organization.js';
import type { OrgSpec } from './schema.js';

/**
 * `model.cost` from a spec that passed validation. Cost-allocation tags are managed once the spec has
 * `costAllocationTags:` (an empty list activates just the managed account tags): every Cost Explorer request costs
 * $0.01 and needs ce: permissions, so a spec that does not ask for cost allocation makes none.
 */
export function buildCostModel(spec: OrgSpec, accounts: ReadonlyMap<string, Account>): CostModel | undefined {
  const extra = spec.costAllocationTags;
  if (extra === undefined) return undefined;
  // Bulkhead sets `environment` on every account it creates, beside the spec's tags and defaultTags.
  const used = new Set([...accounts.values()].flatMap((a) => [...Object.keys(a.tags), 'environment']));
  const managed = MANAGED_COST_TAGS.filter((key) => used.has(key));
  return { budgets: [], allocationTags: [...new Set<string>([...managed, ...extra])] };
}
