import * as B from '@aws-sdk/client-budgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from '../helpers.js';
import type { BudgetsOrg } from './helpers.js';
import { startBudgetsOrg } from './helpers.js';

let o: BudgetsOrg;
const ACTUAL_80: B.Notification = { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80 };
const FORECAST_100: B.Notification = {
  NotificationType: 'FORECASTED',
  ComparisonOperator: 'GREATER_THAN',
  Threshold: 100,
  ThresholdType: 'PERCENTAGE',
};
const email = (a: string): B.Subscriber => ({ SubscriptionType: 'EMAIL', Address: a });
const base = () => ({ AccountId: o.mgmt, BudgetName: 'b' });

beforeAll(async () => {
  o = await startBudgetsOrg([]);
  await o.budgets.send(
    new B.CreateBudgetCommand({
      AccountId: o.mgmt,
      Budget: {
        BudgetName: 'b',
        TimeUnit: 'MONTHLY',
        BudgetType: 'COST',
        BudgetLimit: { Amount: '1000', Unit: 'USD' },
      },
      NotificationsWithSubscribers: [{ Notification: ACTUAL_80, Subscribers: [email('ops@example.com')] }],
    }),
  );
}, 30_000);
afterAll(async () => {
  await o.h.stop();
});

const notifications = async () =>
  (await o.budgets.send(new B.DescribeNotificationsForBudgetCommand(base()))).Notifications ?? [];
const subscribers = async (n: B.Notification) =>
  (await o.budgets.send(new B.DescribeSubscribersForNotificationCommand({ ...base(), Notification: n }))).Subscribers ??
  [];

describe('Budgets notifications and subscribers', () => {
  it('keeps the notifications given at creation, PERCENTAGE by default, with their state', async () => {
    expect(await notifications()).toEqual([{ ...ACTUAL_80, ThresholdType: 'PERCENTAGE', NotificationState: 'OK' }]);
    expect(await subscribers(ACTUAL_80)).toEqual([email('ops@example.com')]);
  });

  it('creates, updates and deletes a notification; a duplicate or a missing one is refused', async () => {
    await o.budgets.send(
      new B.CreateNotificationCommand({ ...base(), Notification: FORECAST_100, Subscribers: [email('a@example.com')] }),
    );
    const dup = await awsError(() =>
      o.budgets.send(
        new B.CreateNotificationCommand({
          ...base(),
          Notification: FORECAST_100,
          Subscribers: [email('a@example.com')],
        }),
      ),
    );
    expect(dup.name).toBe('DuplicateRecordException');
    const moved = { ...FORECAST_100, Threshold: 120 };
    await o.budgets.send(
      new B.UpdateNotificationCommand({ ...base(), OldNotification: FORECAST_100, NewNotification: moved }),
    );
    expect((await notifications()).map((n) => n.Threshold)).toEqual([80, 120]);
    expect(await subscribers(moved)).toEqual([email('a@example.com')]);
    await o.budgets.send(new B.DeleteNotificationCommand({ ...base(), Notification: moved }));
    expect((await notifications()).map((n) => n.Threshold)).toEqual([80]);
    const gone = await awsError(() =>
      o.budgets.send(new B.DeleteNotificationCommand({ ...base(), Notification: moved })),
    );
    expect(gone.name).toBe('NotFoundException');
    const noBudget = await awsError(() =>
      o.budgets.send(
        new B.CreateNotificationCommand({
          AccountId: o.mgmt,
          BudgetName: 'none',
          Notification: moved,
          Subscribers: [email('a@example.com')],
        }),
      ),
    );
    expect(noBudget).toMatchObject({
      name: 'NotFoundException',
      message: "Unable to create notification - the budget doesn't exist.",
    });
  });

  it('allows ten notifications per budget, not eleven', async () => {
    for (let t = 1; t <= 9; t++)
      await o.budgets.send(
        new B.CreateNotificationCommand({
          ...base(),
          Notification: { ...ACTUAL_80, Threshold: t },
          Subscribers: [email('a@example.com')],
        }),
      );
    const e = await awsError(() =>
      o.budgets.send(
        new B.CreateNotificationCommand({
          ...base(),
          Notification: { ...ACTUAL_80, Threshold: 50 },
          Subscribers: [email('a@example.com')],
        }),
      ),
    );
    expect(e.name).toBe('CreationLimitExceededException');
    for (let t = 1; t <= 9; t++)
      await o.budgets.send(
        new B.DeleteNotificationCommand({ ...base(), Notification: { ...ACTUAL_80, Threshold: t } }),
      );
  });

  it('creates, updates and deletes subscribers; one SNS topic and ten emails at most', async () => {
    const topic = `arn:aws:sns:us-east-1:${o.mgmt}:budget-alerts`;
    await o.budgets.send(
      new B.CreateSubscriberCommand({
        ...base(),
        Notification: ACTUAL_80,
        Subscriber: { SubscriptionType: 'SNS', Address: topic },
      }),
    );
    const secondTopic = await awsError(() =>
      o.budgets.send(
        new B.CreateSubscriberCommand({
          ...base(),
          Notification: ACTUAL_80,
          Subscriber: { SubscriptionType: 'SNS', Address: `${topic}-2` },
        }),
      ),
    );
    expect(secondTopic.name).toBe('CreationLimitExceededException');
    const dup = await awsError(() =>
      o.budgets.send(
        new B.CreateSubscriberCommand({ ...base(), Notification: ACTUAL_80, Subscriber: email('ops@example.com') }),
      ),
    );
    expect(dup).toMatchObject({
      name: 'DuplicateRecordException',
      message: 'Error creating subscriber: ops@example.com - the subscriber already exists.',
    });
    await o.budgets.send(
      new B.UpdateSubscriberCommand({
        ...base(),
        Notification: ACTUAL_80,
        OldSubscriber: email('ops@example.com'),
        NewSubscriber: email('fin@example.com'),
      }),
    );
    expect(await subscribers(ACTUAL_80)).toEqual([
      email('fin@example.com'),
      { SubscriptionType: 'SNS', Address: topic },
    ]);
    await o.budgets.send(
      new B.DeleteSubscriberCommand({
        ...base(),
        Notification: ACTUAL_80,
        Subscriber: { SubscriptionType: 'SNS', Address: topic },
      }),
    );
    const missing = await awsError(() =>
      o.budgets.send(
        new B.DeleteSubscriberCommand({ ...base(), Notification: ACTUAL_80, Subscriber: email('nobody@example.com') }),
      ),
    );
    expect(missing.name).toBe('NotFoundException');
    const badEmail = await awsError(() =>
      o.budgets.send(
        new B.CreateSubscriberCommand({ ...base(), Notification: ACTUAL_80, Subscriber: email('not-an-email') }),
      ),
    );
    expect(badEmail.name).toBe('InvalidParameterException');
  });

  it('pages subscribers by MaxResults', async () => {
    for (const a of ['s1@example.com', 's2@example.com'])
      await o.budgets.send(new B.CreateSubscriberCommand({ ...base(), Notification: ACTUAL_80, Subscriber: email(a) }));
    const first = await o.budgets.send(
      new B.DescribeSubscribersForNotificationCommand({ ...base(), Notification: ACTUAL_80, MaxResults: 2 }),
    );
    expect(first.Subscribers?.length).toBe(2);
    const rest = await o.budgets.send(
      new B.DescribeSubscribersForNotificationCommand({
        ...base(),
        Notification: ACTUAL_80,
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    expect(rest.Subscribers?.map((s) => s.Address)).toEqual(['s2@example.com']);
    expect(rest.NextToken).toBeUndefined();
  });
});
