import * as B from '@aws-sdk/client-budgets';
import type { Step } from './differential.js';
import { record } from './differential.js';

export interface BudgetsScenarioTarget {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The caller's account (moto accepts any). */
  accountId: string;
  requestHandler?: B.BudgetsClientConfig['requestHandler'];
}

/** One budget's lifecycle with a notification, and the errors AWS documents on the way, as comparable steps. */
export async function runBudgetsScenario(t: BudgetsScenarioTarget): Promise<Step[]> {
  const budgets = new B.BudgetsClient({
    endpoint: t.endpoint,
    region: t.region,
    credentials: { ...t.credentials },
    maxAttempts: 1,
    ...(t.requestHandler === undefined ? {} : { requestHandler: t.requestHandler }),
  });
  const steps: Step[] = [];
  const AccountId = t.accountId;
  const budget: B.Budget = {
    BudgetName: 'sandbox-monthly',
    TimeUnit: 'MONTHLY',
    BudgetType: 'COST',
    BudgetLimit: { Amount: '50', Unit: 'USD' },
    CostFilters: { LinkedAccount: [AccountId] },
  };
  const actual: B.Notification = {
    NotificationType: 'ACTUAL',
    ComparisonOperator: 'GREATER_THAN',
    Threshold: 80,
    ThresholdType: 'PERCENTAGE',
  };
  const forecast: B.Notification = { ...actual, NotificationType: 'FORECASTED', Threshold: 100 };
  const subscribers: B.Subscriber[] = [{ SubscriptionType: 'EMAIL', Address: 'ops@example.com' }];
  const ref = { AccountId, BudgetName: 'sandbox-monthly' };

  await record(
    steps,
    'create a budget with a notification',
    'CreateBudget',
    budgets.send(
      new B.CreateBudgetCommand({
        AccountId,
        Budget: budget,
        NotificationsWithSubscribers: [{ Notification: actual, Subscribers: subscribers }],
      }),
    ),
  );
  await record(
    steps,
    'create the same budget again',
    'CreateBudget',
    budgets.send(new B.CreateBudgetCommand({ AccountId, Budget: budget })),
  );
  await record(
    steps,
    'create a cost budget without a limit',
    'CreateBudget',
    budgets.send(
      new B.CreateBudgetCommand({
        AccountId,
        Budget: { BudgetName: 'no-limit', TimeUnit: 'MONTHLY', BudgetType: 'COST' },
      }),
    ),
  );
  await record(steps, 'describe the budget', 'DescribeBudget', budgets.send(new B.DescribeBudgetCommand(ref)));
  await record(steps, 'describe budgets', 'DescribeBudgets', budgets.send(new B.DescribeBudgetsCommand({ AccountId })));
  await record(
    steps,
    'describe a budget that does not exist',
    'DescribeBudget',
    budgets.send(new B.DescribeBudgetCommand({ AccountId, BudgetName: 'nobody' })),
  );
  await record(
    steps,
    'create a forecast notification',
    'CreateNotification',
    budgets.send(new B.CreateNotificationCommand({ ...ref, Notification: forecast, Subscribers: subscribers })),
  );
  await record(
    steps,
    'describe the notifications',
    'DescribeNotificationsForBudget',
    budgets.send(new B.DescribeNotificationsForBudgetCommand(ref)),
  );
  await record(
    steps,
    'delete the forecast notification',
    'DeleteNotification',
    budgets.send(new B.DeleteNotificationCommand({ ...ref, Notification: forecast })),
  );
  await record(
    steps,
    'create a notification on a missing budget',
    'CreateNotification',
    budgets.send(
      new B.CreateNotificationCommand({
        AccountId,
        BudgetName: 'nobody',
        Notification: forecast,
        Subscribers: subscribers,
      }),
    ),
  );
  await record(steps, 'delete the budget', 'DeleteBudget', budgets.send(new B.DeleteBudgetCommand(ref)));
  await record(steps, 'delete the budget again', 'DeleteBudget', budgets.send(new B.DeleteBudgetCommand(ref)));
  budgets.destroy();
  return steps;
}
