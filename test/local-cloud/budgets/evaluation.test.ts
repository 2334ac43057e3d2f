import * as B from '@aws-sdk/client-budgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountCostModel,
  dailyMicros,
  dayOfTime,
  expectedDailyMicros,
} from '../../../src/local-cloud/usage/synthetic-cost.js';
import type { BudgetsOrg } from './helpers.js';
import { memberBudgets, startBudgetsOrg } from './helpers.js';

/*
 * Budgets evaluated against the synthetic bill: the actual spend of a budget equals the sum, computed here from
 * synthetic-cost.ts, of its accounts' daily cost from the first of the month (UTC) through today; the forecast adds
 * the expected cost of the rest of the month; each notification's state says whether its threshold is crossed.
 */
const SEED = 'budgets-test';
const MEMBERS = [
  { name: 'acme-prod', environment: 'prod' },
  { name: 'sandbox-ana', environment: 'sandbox' },
  { name: 'sandbox-ben', environment: 'sandbox' },
];
let o: BudgetsOrg;

beforeAll(async () => {
  o = await startBudgetsOrg(MEMBERS);
}, 30_000);
afterAll(async () => {
  await o.h.stop();
});

function monthDays(): { start: number; today: number; end: number } {
  const now = new Date();
  const start = dayOfTime(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = dayOfTime(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, today: dayOfTime(now.getTime()), end };
}

/** Actual and forecast micro-dollars of the named members this month, from the synthetic bill. */
function synthetic(names: string[]): { actual: number; forecast: number } {
  const { start, today, end } = monthDays();
  let actual = 0;
  let rest = 0;
  for (const name of names) {
    const m = MEMBERS.find((x) => x.name === name);
    const model = accountCostModel(SEED, {
      id: o.accounts[name] ?? '',
      name,
      tags: { environment: m?.environment ?? '' },
      management: false,
    });
    for (let d = start; d <= today; d++) actual += dailyMicros(model, d).reduce((a, b) => a + b, 0);
    for (let d = today + 1; d < end; d++) rest += expectedDailyMicros(model, d);
  }
  return { actual, forecast: actual + rest };
}

const micros = (amount: string | undefined): number => Math.round(Number(amount) * 1_000_000);

async function create(name: string, accounts: string[], amount: string, expression = false): Promise<void> {
  const ids = accounts.map((a) => o.accounts[a] ?? '');
  await o.budgets.send(
    new B.CreateBudgetCommand({
      AccountId: o.mgmt,
      Budget: {
        BudgetName: name,
        TimeUnit: 'MONTHLY',
        BudgetType: 'COST',
        BudgetLimit: { Amount: amount, Unit: 'USD' },
        ...(expression
          ? { FilterExpression: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ids } } }
          : { CostFilters: { LinkedAccount: ids } }),
      },
      NotificationsWithSubscribers: [
        {
          Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80 },
          Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ops@example.com' }],
        },
        {
          Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100 },
          Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ops@example.com' }],
        },
      ],
    }),
  );
}

const describeBudget = async (name: string) =>
  (await o.budgets.send(new B.DescribeBudgetCommand({ AccountId: o.mgmt, BudgetName: name }))).Budget;
const states = async (name: string) =>
  (
    (await o.budgets.send(new B.DescribeNotificationsForBudgetCommand({ AccountId: o.mgmt, BudgetName: name })))
      .Notifications ?? []
  ).map((n) => `${n.NotificationType}:${n.NotificationState}`);

describe('Budgets evaluation against the synthetic bill', () => {
  it('a sandbox budget below its synthetic spend goes ALARM; its actual spend is the sandbox bill so far', async () => {
    await create('sandbox-ana-monthly', ['sandbox-ana'], '0.01');
    const b = await describeBudget('sandbox-ana-monthly');
    const want = synthetic(['sandbox-ana']);
    expect(micros(b?.CalculatedSpend?.ActualSpend?.Amount)).toBe(want.actual);
    expect(micros(b?.CalculatedSpend?.ForecastedSpend?.Amount)).toBe(want.forecast);
    expect(b?.CalculatedSpend?.ActualSpend?.Unit).toBe('USD');
    expect(await states('sandbox-ana-monthly')).toEqual(['ACTUAL:ALARM', 'FORECASTED:ALARM']);
  });

  it('a prod budget far above its spend stays OK (the FilterExpression form of the filter)', async () => {
    await create('prod-monthly', ['acme-prod'], '1000000', true);
    const b = await describeBudget('prod-monthly');
    const want = synthetic(['acme-prod']);
    expect(micros(b?.CalculatedSpend?.ActualSpend?.Amount)).toBe(want.actual);
    // Prod costs more than a sandbox, as the synthetic profiles say.
    expect(want.actual).toBeGreaterThan(synthetic(['sandbox-ana']).actual);
    expect(await states('prod-monthly')).toEqual(['ACTUAL:OK', 'FORECASTED:OK']);
  });

  it('a budget over two sandboxes counts both; one with no filter counts the whole organization', async () => {
    await create('sandboxes', ['sandbox-ana', 'sandbox-ben'], '100000');
    const two = await describeBudget('sandboxes');
    expect(micros(two?.CalculatedSpend?.ActualSpend?.Amount)).toBe(synthetic(['sandbox-ana', 'sandbox-ben']).actual);
    await o.budgets.send(
      new B.CreateBudgetCommand({
        AccountId: o.mgmt,
        Budget: {
          BudgetName: 'org',
          TimeUnit: 'MONTHLY',
          BudgetType: 'COST',
          BudgetLimit: { Amount: '1', Unit: 'USD' },
        },
      }),
    );
    const org = await describeBudget('org');
    // The members' bill plus the management account's own (its profile is not a member's).
    const members = synthetic(MEMBERS.map((m) => m.name)).actual;
    expect(micros(org?.CalculatedSpend?.ActualSpend?.Amount)).toBeGreaterThan(members);
  });

  it('an update that raises the limit above the spend turns the alarm back to OK at once', async () => {
    await o.budgets.send(
      new B.UpdateBudgetCommand({
        AccountId: o.mgmt,
        NewBudget: {
          BudgetName: 'sandbox-ana-monthly',
          TimeUnit: 'MONTHLY',
          BudgetType: 'COST',
          BudgetLimit: { Amount: '100000', Unit: 'USD' },
          CostFilters: { LinkedAccount: [o.accounts['sandbox-ana'] ?? ''] },
        },
      }),
    );
    expect(await states('sandbox-ana-monthly')).toEqual(['ACTUAL:OK', 'FORECASTED:OK']);
    await o.budgets.send(
      new B.CreateNotificationCommand({
        AccountId: o.mgmt,
        BudgetName: 'sandbox-ana-monthly',
        Notification: {
          NotificationType: 'ACTUAL',
          ComparisonOperator: 'GREATER_THAN',
          Threshold: 0.000001,
          ThresholdType: 'ABSOLUTE_VALUE',
        },
        Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ops@example.com' }],
      }),
    );
    expect(await states('sandbox-ana-monthly')).toEqual(['ACTUAL:OK', 'FORECASTED:OK', 'ACTUAL:ALARM']);
  });

  it("a member account's budget sees only that account's spend, whatever its filter names", async () => {
    const ana = o.accounts['sandbox-ana'] ?? '';
    const member = await memberBudgets(o, ana);
    await member.send(
      new B.CreateBudgetCommand({
        AccountId: ana,
        Budget: {
          BudgetName: 'mine',
          TimeUnit: 'MONTHLY',
          BudgetType: 'COST',
          BudgetLimit: { Amount: '5', Unit: 'USD' },
          CostFilters: { LinkedAccount: [ana, o.accounts['acme-prod'] ?? ''] },
        },
      }),
    );
    const b = (await member.send(new B.DescribeBudgetCommand({ AccountId: ana, BudgetName: 'mine' }))).Budget;
    expect(micros(b?.CalculatedSpend?.ActualSpend?.Amount)).toBe(synthetic(['sandbox-ana']).actual);
  });

  it('reports the performance history of the current month with the synthetic actual', async () => {
    const h = await o.budgets.send(
      new B.DescribeBudgetPerformanceHistoryCommand({ AccountId: o.mgmt, BudgetName: 'prod-monthly' }),
    );
    const list = h.BudgetPerformanceHistory?.BudgetedAndActualAmountsList ?? [];
    const last = list[list.length - 1];
    expect(last?.BudgetedAmount).toEqual({ Amount: '1000000', Unit: 'USD' });
    expect(micros(last?.ActualAmount?.Amount)).toBe(synthetic(['acme-prod']).actual);
    expect(last?.TimePeriod?.Start?.getTime()).toBe(monthDays().start * 86_400_000);
  });
});
