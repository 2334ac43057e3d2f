import { MANAGED_COST_TAGS, type BudgetModel, type CostModel } from '../model/cost.js';
import type { Account } from '../model/organization.js';
import type { OrgSpec } from './schema.js';

/**
 * `model.cost` from a spec that passed validation: its budgets (built by ./budgets.ts) and cost-allocation tags.
 * Each is managed only when the spec has its section (`budgets:`, `costAllocationTags:`; an empty list counts):
 * every Cost Explorer request costs $0.01 and needs ce: permissions, Budgets needs budgets: ones, so a spec that asks
 * for neither makes no such request.
 */
export function buildCostModel(
  spec: OrgSpec,
  accounts: ReadonlyMap<string, Account>,
  budgets: BudgetModel[],
): CostModel {
  const extra = spec.costAllocationTags ?? [];
  // Bulkhead sets `environment` on every account it creates, beside the spec's tags and defaultTags.
  const used = new Set([...accounts.values()].flatMap((a) => [...Object.keys(a.tags), 'environment']));
  const managed = MANAGED_COST_TAGS.filter((key) => used.has(key));
  const listed = spec.costAllocationTags !== undefined;
  return {
    budgets,
    budgetsListed: spec.budgets !== undefined,
    allocationTags: listed ? [...new Set<string>([...managed, ...extra])] : [],
    allocationTagsListed: listed,
  };
}
