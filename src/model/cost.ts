// Budgets and cost-allocation tags as the validated model holds them (built from `budgets:` and
// `costAllocationTags:` by src/config; planned by the `budget` and `cost-allocation-tag` kinds).

export type BudgetPeriod = 'MONTHLY' | 'QUARTERLY' | 'ANNUALLY';

export interface BudgetAlertModel {
  /** ACTUAL or FORECASTED spend, as AWS Budgets names the notification type. */
  type: 'ACTUAL' | 'FORECASTED';
  /** Percent of the limit. */
  threshold: number;
}

/** One budget to keep in the management account: an `environmentKind` entry is already expanded per environment. */
export interface BudgetModel {
  name: string;
  /** What it watches: the accounts (by name) whose linked-account costs count. */
  accounts: string[];
  /** The environment it is for, when it is an environment's budget (one from a kind included). */
  environment?: string;
  limit: number;
  currency: string;
  period: BudgetPeriod;
  alerts: BudgetAlertModel[];
  /** Email addresses and SNS topic ARNs. */
  subscribers: string[];
  /** Where in org.yaml it came from (`budgets[2]`), for messages. */
  source: string;
}

/** The account tags Bulkhead manages, activated as cost-allocation tags wherever an account carries them. */
export const MANAGED_COST_TAGS = ['environment', 'team', 'owner', 'cost-center'] as const;

export interface CostModel {
  budgets: BudgetModel[];
  /**
   * The spec has a `budgets:` section (even an empty one): refresh reads AWS Budgets, and budgets Bulkhead made that
   * are no longer in it are deleted. Without the section Budgets is neither read nor touched.
   */
  budgetsListed?: boolean;
  /** Tag keys to activate as cost-allocation tags (managed ones in use, then `costAllocationTags:`), deduplicated. */
  allocationTags: string[];
  /** The spec has `costAllocationTags:` (even an empty list): refresh reads Cost Explorer's tags and plans them. */
  allocationTagsListed?: boolean;
}
