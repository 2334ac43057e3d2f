import {
  BudgetsClient,
  DescribeBudgetsCommand,
  DescribeNotificationsForBudgetCommand,
  DescribeSubscribersForNotificationCommand,
  ListTagsForResourceCommand,
  type Budget,
  type Expression,
} from '@aws-sdk/client-budgets';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { BudgetSubscriber, ObservedBudget, ObservedBudgetNotification } from '../../../model/budget-kinds.js';
import type { AwsClients } from '../clients.js';
import { allPages, mapLimit } from '../paginate.js';
import type { ServiceReader } from '../provider.js';

/** The ARN AWS Budgets gives a budget (ListTagsForResource takes it). */
export const budgetArn = (accountId: string, name: string) => `arn:aws:budgets::${accountId}:budget/${name}`;

const ids = new WeakMap<AwsClients, Promise<string>>();

/** The account the clients act as (the management account): Budgets asks for it on every call. */
export function callerAccountId(clients: AwsClients): Promise<string> {
  let id = ids.get(clients.origin);
  if (id === undefined) {
    id = clients.sts.send(new GetCallerIdentityCommand({})).then((r) => r.Account!);
    ids.set(clients.origin, id);
  }
  return id;
}

/** The LinkedAccount ids of a FilterExpression that is one dimension (or an And/Or holding one). */
function linkedAccountsOf(expression: Expression | undefined): string[] {
  if (expression === undefined) return [];
  if (expression.Dimensions?.Key === 'LINKED_ACCOUNT') return expression.Dimensions.Values ?? [];
  return [...(expression.And ?? []), ...(expression.Or ?? [])].flatMap(linkedAccountsOf);
}

function observedOf(b: Budget): Omit<ObservedBudget, 'notifications' | 'tags'> {
  const fromFilters = b.CostFilters?.['LinkedAccount'] ?? [];
  return {
    name: b.BudgetName!,
    budgetType: b.BudgetType ?? 'COST',
    limit: Number(b.BudgetLimit?.Amount ?? 0),
    currency: b.BudgetLimit?.Unit ?? 'USD',
    period: b.TimeUnit ?? 'MONTHLY',
    accountIds: [...(fromFilters.length > 0 ? fromFilters : linkedAccountsOf(b.FilterExpression))].sort(),
  };
}

async function notificationsOf(
  budgets: BudgetsClient,
  accountId: string,
  name: string,
): Promise<ObservedBudgetNotification[]> {
  const notifications = await allPages((token) =>
    budgets
      .send(new DescribeNotificationsForBudgetCommand({ AccountId: accountId, BudgetName: name, NextToken: token }))
      .then((r) => ({ items: r.Notifications, next: r.NextToken })),
  );
  return mapLimit(notifications, 4, async (n) => {
    const subscribers = await allPages((token) =>
      budgets
        .send(
          new DescribeSubscribersForNotificationCommand({
            AccountId: accountId,
            BudgetName: name,
            Notification: n,
            NextToken: token,
          }),
        )
        .then((r) => ({ items: r.Subscribers, next: r.NextToken })),
    );
    return {
      type: n.NotificationType!,
      comparison: n.ComparisonOperator!,
      threshold: n.Threshold!,
      thresholdType: n.ThresholdType ?? 'PERCENTAGE',
      subscribers: subscribers.map((s): BudgetSubscriber => ({
        type: s.SubscriptionType === 'SNS' ? 'SNS' : 'EMAIL',
        address: s.Address!,
      })),
    };
  });
}

/**
 * The management account's budgets (DescribeBudgets, every page), each with its notifications and their
 * subscribers, and its tags (managed-by marks Bulkhead's). Read only when the spec has `budgets:`.
 */
export const budgetsReader: ServiceReader = {
  service: 'budgets',
  kinds: ['budget'],
  afterOthers: true,
  async read(clients, _io, context) {
    if (context?.budgets !== true) return { budget: [] };
    const budgets = clients.client(BudgetsClient);
    const accountId = await callerAccountId(clients);
    const listed = await allPages((token) =>
      budgets
        .send(new DescribeBudgetsCommand({ AccountId: accountId, MaxResults: 100, NextToken: token }))
        .then((r) => ({ items: r.Budgets, next: r.NextToken })),
    );
    const observed = await mapLimit(listed, 4, async (b): Promise<ObservedBudget> => {
      const base = observedOf(b);
      const [notifications, tags] = await Promise.all([
        notificationsOf(budgets, accountId, base.name),
        budgets
          .send(new ListTagsForResourceCommand({ ResourceARN: budgetArn(accountId, base.name) }))
          .then((r) => Object.fromEntries((r.ResourceTags ?? []).map((t) => [t.Key!, t.Value ?? '']))),
      ]);
      return { ...base, notifications, tags };
    });
    return { budget: observed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  },
};
