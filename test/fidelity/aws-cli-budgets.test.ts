import * as B from '@aws-sdk/client-budgets';
import * as O from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../src/local-cloud/services/all.js';
import { accountCostModel, dailyMicros, dayOfTime } from '../../src/local-cloud/usage/synthetic-cost.js';
import type { AwsCli } from '../support/fidelity/aws-cli.js';
import { awsCli } from '../support/fidelity/aws-cli.js';
import { loadModel } from '../support/fidelity/botocore-model.js';
import { runBudgetsScenario } from '../support/fidelity/budgets-scenario.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { RecordingHandler } from '../support/fidelity/recording-handler.js';
import { validateResponse } from '../support/fidelity/response-validation.js';
import { poll } from '../support/fidelity/sdk-clients.js';

/*
 * Budgets as no one here wrote it: the AWS CLI v1 (botocore's serializers and parsers) creates and describes budgets
 * of an organization with a sandbox account; the spend it reads equals the synthetic bill summed here from
 * synthetic-cost.ts. Every raw response of an SDK scenario covering each implemented operation (successes and the
 * errors it provokes) is checked against botocore's model of Budgets.
 */
const SEED = 'fidelity-budgets';
const IMPLEMENTED = Object.keys(SERVICES.find((s) => s.name === 'budgets')?.operations ?? {});
const handler = new RecordingHandler();
/** The recording handler names an awsJson1_1 service it has no alias for by its X-Amz-Target prefix. */
const RECORDED_AS = 'AWSBudgetServiceGateway';
let fc: FidelityCloud | undefined;
let cli: AwsCli;
let mgmt: string;
let sandbox: string;

const fails = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected an error');
    },
    () => undefined,
  );

beforeAll(async () => {
  fc = await startFidelityCloud({ timeScale: 0, costSeed: SEED });
  const c = fc.cloud;
  mgmt = c.managementAccountId;
  const base = { endpoint: c.endpoint, region: c.region, maxAttempts: 1, credentials: { ...c.credentials } };
  const org = new O.OrganizationsClient(base);
  await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const req =
    (
      await org.send(
        new O.CreateAccountCommand({
          Email: 'sandbox-ana@example.com',
          AccountName: 'sandbox-ana',
          Tags: [{ Key: 'environment', Value: 'sandbox' }],
        }),
      )
    ).CreateAccountStatus?.Id ?? '';
  sandbox = await poll('the sandbox account', async () => {
    const s = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: req })))
      .CreateAccountStatus;
    return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
  });

  // The SDK scenario, recorded, plus the operations it does not reach.
  await runBudgetsScenario({ ...base, accountId: mgmt, requestHandler: handler });
  const b = new B.BudgetsClient({ ...base, requestHandler: handler });
  const ref = { AccountId: mgmt, BudgetName: 'recorded' };
  const n: B.Notification = { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 50 };
  const s1: B.Subscriber = { SubscriptionType: 'EMAIL', Address: 'a@example.com' };
  const s2: B.Subscriber = { SubscriptionType: 'SNS', Address: `arn:aws:sns:us-east-1:${mgmt}:alerts` };
  const limit = { Amount: '10', Unit: 'USD' };
  await b.send(
    new B.CreateBudgetCommand({
      AccountId: mgmt,
      Budget: { BudgetName: 'recorded', TimeUnit: 'MONTHLY', BudgetType: 'COST', BudgetLimit: limit },
      NotificationsWithSubscribers: [{ Notification: n, Subscribers: [s1] }],
      ResourceTags: [{ Key: 'managed-by', Value: 'bulkhead' }],
    }),
  );
  await b.send(
    new B.UpdateBudgetCommand({
      AccountId: mgmt,
      NewBudget: {
        BudgetName: 'recorded',
        TimeUnit: 'QUARTERLY',
        BudgetType: 'COST',
        BudgetLimit: limit,
        FilterExpression: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [sandbox] } },
      },
    }),
  );
  await b.send(new B.DescribeBudgetCommand({ ...ref, ShowFilterExpression: true }));
  await b.send(new B.DescribeBudgetPerformanceHistoryCommand(ref));
  await b.send(
    new B.UpdateNotificationCommand({ ...ref, OldNotification: n, NewNotification: { ...n, Threshold: 60 } }),
  );
  const n60 = { ...n, Threshold: 60 };
  await b.send(new B.CreateSubscriberCommand({ ...ref, Notification: n60, Subscriber: s2 }));
  await b.send(new B.DescribeSubscribersForNotificationCommand({ ...ref, Notification: n60 }));
  await b.send(
    new B.UpdateSubscriberCommand({
      ...ref,
      Notification: n60,
      OldSubscriber: s1,
      NewSubscriber: { ...s1, Address: 'b@example.com' },
    }),
  );
  await b.send(new B.DeleteSubscriberCommand({ ...ref, Notification: n60, Subscriber: s2 }));
  await fails(b.send(new B.DeleteSubscriberCommand({ ...ref, Notification: n60, Subscriber: s2 })));
  await fails(b.send(new B.UpdateNotificationCommand({ ...ref, OldNotification: n, NewNotification: n60 })));
  await fails(b.send(new B.DescribeBudgetsCommand({ AccountId: sandbox })));
  await fails(b.send(new B.DescribeBudgetsCommand({ AccountId: mgmt, NextToken: 'not-a-token' })));
  const arn = `arn:aws:budgets::${mgmt}:budget/recorded`;
  await b.send(new B.TagResourceCommand({ ResourceARN: arn, ResourceTags: [{ Key: 'team', Value: 'ops' }] }));
  await b.send(new B.ListTagsForResourceCommand({ ResourceARN: arn }));
  await b.send(new B.UntagResourceCommand({ ResourceARN: arn, ResourceTagKeys: ['team'] }));
  await fails(b.send(new B.ListTagsForResourceCommand({ ResourceARN: `${arn}-gone` })));
  await b.send(new B.DeleteNotificationCommand({ ...ref, Notification: n60 }));
  await b.send(new B.DeleteBudgetCommand(ref));
  b.destroy();
  cli = awsCli(c.endpoint, c.region, c.credentials, 'v1');
}, 90_000);

afterAll(async () => {
  cli?.dispose();
  handler.destroy();
  await fc?.stop();
});

/** The sandbox's synthetic bill from the first of this month (UTC) through today, in micro-dollars. */
function sandboxMonthToDate(): number {
  const now = new Date();
  const model = accountCostModel(SEED, {
    id: sandbox,
    name: 'sandbox-ana',
    tags: { environment: 'sandbox' },
    management: false,
  });
  let total = 0;
  for (let d = dayOfTime(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)); d <= dayOfTime(now.getTime()); d++)
    total += dailyMicros(model, d).reduce((a, x) => a + x, 0);
  return total;
}

const report = (ok: boolean) =>
  handler.exchanges
    .filter((e) => e.service === RECORDED_AS && e.status < 300 === ok)
    .flatMap((e) =>
      validateResponse(loadModel('budgets'), e.operation, e).map(
        (v) => `${e.operation} ${e.status} ${v.path}: ${v.problem}`,
      ),
    );

describe('Budgets against the botocore model', () => {
  it('the model knows every implemented operation', () => {
    expect(IMPLEMENTED.filter((op) => loadModel('budgets').operations[op] === undefined)).toEqual([]);
  });

  it.each(IMPLEMENTED)('%s: a successful response was recorded and matches the output shape', (operation) => {
    expect(
      handler.exchanges.some((e) => e.service === RECORDED_AS && e.operation === operation && e.status < 300),
    ).toBe(true);
    expect(report(true).filter((r) => r.startsWith(`${operation} `))).toEqual([]);
  });

  it('every error response uses a modeled code, its status and its shape', () => {
    expect(handler.exchanges.filter((e) => e.service === RECORDED_AS && e.status >= 300).length).toBeGreaterThanOrEqual(
      9,
    );
    expect(report(false)).toEqual([]);
  });
});

// Each CLI run starts a Python interpreter (seconds on a busy machine).
describe('the AWS CLI v1 on Budgets', { timeout: 120_000 }, () => {
  const sandboxBudget = () =>
    JSON.stringify({
      BudgetName: 'sandbox-ana-monthly',
      BudgetLimit: { Amount: '0.01', Unit: 'USD' },
      TimeUnit: 'MONTHLY',
      BudgetType: 'COST',
      CostFilters: { LinkedAccount: [sandbox] },
    });

  it('creates a sandbox budget with an alert; describe-budgets shows the synthetic spend, the alert is in ALARM', async () => {
    const notification = JSON.stringify([
      {
        Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80 },
        Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ana@example.com' }],
      },
    ]);
    const created = await cli.run([
      'budgets',
      'create-budget',
      '--account-id',
      mgmt,
      '--budget',
      sandboxBudget(),
      '--notifications-with-subscribers',
      notification,
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const listed = await cli.json<{
      Budgets: { BudgetName: string; CalculatedSpend: { ActualSpend: { Amount: string } } }[];
    }>(['budgets', 'describe-budgets', '--account-id', mgmt]);
    const b = listed.Budgets.find((x) => x.BudgetName === 'sandbox-ana-monthly');
    expect(Math.round(Number(b?.CalculatedSpend.ActualSpend.Amount) * 1_000_000)).toBe(sandboxMonthToDate());
    const n = await cli.json<{ Notifications: { NotificationState: string }[] }>([
      'budgets',
      'describe-notifications-for-budget',
      '--account-id',
      mgmt,
      '--budget-name',
      'sandbox-ana-monthly',
    ]);
    expect(n.Notifications.map((x) => x.NotificationState)).toEqual(['ALARM']);
  });

  it('says in AWS words that a budget does not exist, and that it already does', async () => {
    const missing = await cli.run(['budgets', 'describe-budget', '--account-id', mgmt, '--budget-name', 'nobody']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('An error occurred (NotFoundException) when calling the DescribeBudget operation');
    expect(missing.stderr).toContain("Unable to get budget: nobody - the budget doesn't exist.");
    const dup = await cli.run(['budgets', 'create-budget', '--account-id', mgmt, '--budget', sandboxBudget()]);
    expect(dup.stderr).toContain(
      'An error occurred (DuplicateRecordException) when calling the CreateBudget operation',
    );
  });
});
