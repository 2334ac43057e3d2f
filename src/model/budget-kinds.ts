import type { BudgetAlertModel, BudgetModel } from './cost.js';
import type { Ref } from './payloads.js';

// The `budget` kind: AWS Budgets in the management account, one cost budget per `budgets:` budget, filtered by
// linked account. Key: the budget name (unique in the account).

export type DesiredBudget = BudgetModel;

/** A subscriber as AWS Budgets names it: an email address or an SNS topic. */
export interface BudgetSubscriber {
  type: 'EMAIL' | 'SNS';
  address: string;
}

/** One notification of a budget with its subscribers, as DescribeNotificationsForBudget reports it. */
export interface ObservedBudgetNotification {
  type: string;
  comparison: string;
  threshold: number;
  thresholdType: string;
  subscribers: BudgetSubscriber[];
}

/** A budget of the management account as DescribeBudgets (and its tags) report it. */
export interface ObservedBudget {
  name: string;
  budgetType: string;
  limit: number;
  currency: string;
  period: string;
  /** The LinkedAccount filter (CostFilters or FilterExpression); empty = the whole organization. */
  accountIds: string[];
  notifications: ObservedBudgetNotification[];
  /** Tags from ListTagsForResource; `managed-by: bulkhead` marks what Bulkhead created. */
  tags: Record<string, string>;
}

export interface BudgetSettings {
  name: string;
  limit: number;
  currency: string;
  period: BudgetModel['period'];
  /** The accounts it watches: ids known at plan time, or the accounts created by the same apply. */
  accounts: Ref[];
  /** The account the budget lives in, when known at plan time (else apply asks STS who it is). */
  managementAccountId?: string;
}

/** Subscribers to add to and remove from one notification that stays. */
export interface BudgetSubscriberChange {
  alert: BudgetAlertModel;
  add: BudgetSubscriber[];
  remove: BudgetSubscriber[];
}

export type BudgetPayload =
  | ({
      action: 'create';
      alerts: BudgetAlertModel[];
      subscribers: BudgetSubscriber[];
      tags: Record<string, string>;
    } & BudgetSettings)
  | ({
      action: 'update';
      /** The limit, period or accounts changed: UpdateBudget. */
      updateBudget: boolean;
      /** Notifications to create (with all the subscribers) and to delete; subscriber changes of the others. */
      addAlerts: BudgetAlertModel[];
      removeAlerts: ObservedBudgetNotification[];
      subscriberChanges: BudgetSubscriberChange[];
      subscribers: BudgetSubscriber[];
    } & BudgetSettings)
  | { action: 'delete'; name: string };

/** An address from `notify:` as a subscriber: SNS topic ARNs are SNS, the rest email. */
export const budgetSubscriber = (address: string): BudgetSubscriber => ({
  type: address.startsWith('arn:') ? 'SNS' : 'EMAIL',
  address,
});
