import { paginateJson } from '../pagination.js';
import type { HandlerContext } from '../registry.js';
import { budgetName, budgetsError, budgetsInput, callerAccount, findBudget, invalidParameter } from './common.js';
import type { NotificationKey } from './input.js';
import { checkSubscriberLimits, readNotification, readSubscriber, readSubscribers, sameNotification } from './input.js';
import { MAX_NOTIFICATIONS } from './budgets.js';
import { storeEvaluated } from './schedule.js';
import { notificationShape } from './shapes.js';
import type { BudgetRecord, NotificationRecord, SubscriberRecord } from './tables.js';

const paging = {
  defaultSize: 100,
  maxSize: 100,
  invalid: (problem: string, message: string) =>
    problem === 'INVALID_NEXT_TOKEN'
      ? budgetsError('InvalidNextTokenException', 'The NextToken is not valid.')
      : invalidParameter(message),
};

const noNotification = (verb: string) =>
  budgetsError('NotFoundException', `Unable to ${verb} notification - the notification doesn't exist.`);

/** The budget (NotFoundException in AWS's words for `verb`) and the index of the notification, or -1. */
function locate(
  input: Record<string, unknown>,
  ctx: HandlerContext,
  verb: string,
  member = 'Notification',
): { budget: BudgetRecord; index: number; key: NotificationKey } {
  const accountId = callerAccount(input, ctx);
  const name = budgetName(input);
  const key = readNotification(input[member], member);
  const budget = ctx.store.get('budgets', `${accountId}|${name}`);
  if (budget === undefined)
    throw budgetsError('NotFoundException', `Unable to ${verb} notification - the budget doesn't exist.`);
  return { budget, index: budget.notifications.findIndex((n) => sameNotification(n, key)), key };
}

const withNotifications = (b: BudgetRecord, notifications: NotificationRecord[]): BudgetRecord => ({
  ...b,
  notifications,
});

export function createNotification(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { budget, index, key } = locate(input, ctx, 'create');
  const subscribers = readSubscribers(input.Subscribers, 'Subscribers');
  if (index >= 0)
    throw budgetsError('DuplicateRecordException', 'Error creating notification: the notification already exists.');
  if (budget.notifications.length >= MAX_NOTIFICATIONS)
    throw budgetsError(
      'CreationLimitExceededException',
      `You can create up to ${MAX_NOTIFICATIONS} notifications per budget.`,
    );
  const n: NotificationRecord = { ...key, NotificationState: 'OK', subscribers, stateChangedAt: ctx.now };
  storeEvaluated(ctx, withNotifications(budget, [...budget.notifications, n]));
  return {};
}

export function updateNotification(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { budget, index } = locate(input, ctx, 'update', 'OldNotification');
  const next = readNotification(input.NewNotification, 'NewNotification');
  const old = budget.notifications[index];
  if (old === undefined) throw noNotification('update');
  if (!sameNotification(old, next) && budget.notifications.some((n) => sameNotification(n, next)))
    throw budgetsError('DuplicateRecordException', 'Error updating notification: the notification already exists.');
  const list = budget.notifications.map((n, i) => (i === index ? { ...n, ...next } : n));
  storeEvaluated(ctx, withNotifications(budget, list));
  return {};
}

export function deleteNotification(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { budget, index } = locate(input, ctx, 'delete');
  if (index < 0) throw noNotification('delete');
  storeEvaluated(
    ctx,
    withNotifications(
      budget,
      budget.notifications.filter((_, i) => i !== index),
    ),
  );
  return {};
}

export function describeNotificationsForBudget(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const accountId = callerAccount(input, ctx);
  const b = findBudget(ctx, accountId, budgetName(input));
  const { page, NextToken } = paginateJson(
    b.notifications.map(notificationShape),
    `DescribeNotificationsForBudget/${accountId}/${b.name}`,
    input,
    paging,
  );
  return { Notifications: page, ...(NextToken === undefined ? {} : { NextToken }) };
}

const sameSubscriber = (a: SubscriberRecord, b: SubscriberRecord) =>
  a.SubscriptionType === b.SubscriptionType && a.Address === b.Address;

const noSubscriber = (verb: string) =>
  budgetsError('NotFoundException', `Unable to ${verb} subscriber - the subscriber doesn't exist.`);

/** The notification the subscriber calls address (NotFoundException when it or its budget is missing). */
function notificationFor(input: Record<string, unknown>, ctx: HandlerContext, verb: string) {
  const { budget, index } = locate(input, ctx, verb);
  const n = budget.notifications[index];
  if (n === undefined) throw noNotification(verb);
  const put = (subscribers: SubscriberRecord[]) =>
    storeEvaluated(
      ctx,
      withNotifications(
        budget,
        budget.notifications.map((x, i) => (i === index ? { ...x, subscribers } : x)),
      ),
    );
  return { n, put };
}

export function createSubscriber(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { n, put } = notificationFor(input, ctx, 'create');
  const s = readSubscriber(input.Subscriber, 'Subscriber');
  if (n.subscribers.some((x) => sameSubscriber(x, s)))
    throw budgetsError(
      'DuplicateRecordException',
      `Error creating subscriber: ${s.Address} - the subscriber already exists.`,
    );
  const next = [...n.subscribers, s];
  checkSubscriberLimits(next);
  put(next);
  return {};
}

export function updateSubscriber(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { n, put } = notificationFor(input, ctx, 'update');
  const old = readSubscriber(input.OldSubscriber, 'OldSubscriber');
  const next = readSubscriber(input.NewSubscriber, 'NewSubscriber');
  const index = n.subscribers.findIndex((x) => sameSubscriber(x, old));
  if (index < 0) throw noSubscriber('update');
  if (!sameSubscriber(old, next) && n.subscribers.some((x) => sameSubscriber(x, next)))
    throw budgetsError(
      'DuplicateRecordException',
      `Error updating subscriber: ${next.Address} - the subscriber already exists.`,
    );
  const list = n.subscribers.map((x, i) => (i === index ? next : x));
  checkSubscriberLimits(list);
  put(list);
  return {};
}

export function deleteSubscriber(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { n, put } = notificationFor(input, ctx, 'delete');
  const s = readSubscriber(input.Subscriber, 'Subscriber');
  if (!n.subscribers.some((x) => sameSubscriber(x, s))) throw noSubscriber('delete');
  put(n.subscribers.filter((x) => !sameSubscriber(x, s)));
  return {};
}

export function describeSubscribersForNotification(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { n } = notificationFor(input, ctx, 'get');
  budgetsInput.optInt(input, 'MaxResults');
  const { page, NextToken } = paginateJson(
    n.subscribers,
    `DescribeSubscribersForNotification/${String(input.BudgetName)}/${n.NotificationType}/${n.Threshold}`,
    input,
    paging,
  );
  return { Subscribers: page, ...(NextToken === undefined ? {} : { NextToken }) };
}
