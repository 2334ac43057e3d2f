import {
  BudgetsClient,
  CreateBudgetCommand,
  CreateNotificationCommand,
  CreateSubscriberCommand,
  DeleteBudgetCommand,
  DeleteNotificationCommand,
  DeleteSubscriberCommand,
  UpdateBudgetCommand,
  type Budget,
  type Notification,
  type Subscriber,
} from '@aws-sdk/client-budgets';
import type { BudgetSettings, BudgetSubscriber, ObservedBudgetNotification } from '../../../model/budget-kinds.js';
import type { BudgetAlertModel } from '../../../model/cost.js';
import { errorName } from '../organizations/common.js';
import type { ApplyContext, KindProvider } from '../provider.js';
import { callerAccountId } from './reader.js';

const notification = (a: BudgetAlertModel): Notification => ({
  NotificationType: a.type,
  ComparisonOperator: 'GREATER_THAN',
  Threshold: a.threshold,
  ThresholdType: 'PERCENTAGE',
});

const observedNotification = (n: ObservedBudgetNotification): Notification => ({
  NotificationType: n.type as Notification['NotificationType'],
  ComparisonOperator: n.comparison as Notification['ComparisonOperator'],
  Threshold: n.threshold,
  ThresholdType: n.thresholdType as Notification['ThresholdType'],
});

const subscriber = (s: BudgetSubscriber): Subscriber => ({ SubscriptionType: s.type, Address: s.address });

/** A cost budget over the linked accounts it watches (CostFilters LinkedAccount, as Budgets has long taken). */
function budgetOf(s: BudgetSettings, ctx: ApplyContext): Budget {
  return {
    BudgetName: s.name,
    BudgetType: 'COST',
    TimeUnit: s.period,
    BudgetLimit: { Amount: String(s.limit), Unit: s.currency },
    CostFilters: { LinkedAccount: s.accounts.map((ref) => ctx.resolve(ref)) },
  };
}

/** Runs a write whose only failure on a re-run is that it happened already (an interrupted apply). */
async function unlessDone(send: () => Promise<unknown>, done: string): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (errorName(err) !== done) throw err;
  }
}

/**
 * Budgets in the management account: CreateBudget with its notifications and subscribers (tagged managed-by so a
 * later plan may delete it), UpdateBudget for the limit, period and accounts, notifications and subscribers added and
 * removed one by one, DeleteBudget.
 */
export const budgetProvider: KindProvider<'budget'> = {
  kind: 'budget',
  lane: () => 'budgets',
  isRetryable: () => false,
  async apply({ payload }, ctx) {
    const budgets = ctx.clients.client(BudgetsClient);
    const AccountId =
      (payload.action !== 'delete' ? payload.managementAccountId : undefined) ?? (await callerAccountId(ctx.clients));
    if (payload.action === 'delete') {
      await unlessDone(
        () => budgets.send(new DeleteBudgetCommand({ AccountId, BudgetName: payload.name })),
        'NotFoundException',
      );
      return {};
    }
    const BudgetName = payload.name;
    const Subscribers = payload.subscribers.map(subscriber);
    if (payload.action === 'create') {
      await budgets.send(
        new CreateBudgetCommand({
          AccountId,
          Budget: budgetOf(payload, ctx),
          NotificationsWithSubscribers: payload.alerts.map((a) => ({ Notification: notification(a), Subscribers })),
          ResourceTags: Object.entries(payload.tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      return { physicalId: BudgetName };
    }
    if (payload.updateBudget)
      await budgets.send(new UpdateBudgetCommand({ AccountId, NewBudget: budgetOf(payload, ctx) }));
    for (const n of payload.removeAlerts) {
      await unlessDone(
        () =>
          budgets.send(new DeleteNotificationCommand({ AccountId, BudgetName, Notification: observedNotification(n) })),
        'NotFoundException',
      );
    }
    for (const a of payload.addAlerts) {
      await unlessDone(
        () =>
          budgets.send(
            new CreateNotificationCommand({ AccountId, BudgetName, Notification: notification(a), Subscribers }),
          ),
        'DuplicateRecordException',
      );
    }
    for (const change of payload.subscriberChanges) {
      const Notification = notification(change.alert);
      // Added first: a notification must keep at least one subscriber.
      for (const s of change.add) {
        await unlessDone(
          () =>
            budgets.send(
              new CreateSubscriberCommand({ AccountId, BudgetName, Notification, Subscriber: subscriber(s) }),
            ),
          'DuplicateRecordException',
        );
      }
      for (const s of change.remove) {
        await unlessDone(
          () =>
            budgets.send(
              new DeleteSubscriberCommand({ AccountId, BudgetName, Notification, Subscriber: subscriber(s) }),
            ),
          'NotFoundException',
        );
      }
    }
    return { physicalId: BudgetName };
  },
};
