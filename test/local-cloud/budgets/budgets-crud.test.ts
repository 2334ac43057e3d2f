import * as B from '@aws-sdk/client-budgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from '../helpers.js';
import type { BudgetsOrg } from './helpers.js';
import { memberBudgets, startBudgetsOrg } from './helpers.js';

let o: BudgetsOrg;
beforeAll(async () => {
  o = await startBudgetsOrg([{ name: 'dev', environment: 'dev' }]);
}, 30_000);
afterAll(async () => {
  await o.h.stop();
});

const budget = (name: string, amount = '100'): B.Budget => ({
  BudgetName: name,
  TimeUnit: 'MONTHLY',
  BudgetType: 'COST',
  BudgetLimit: { Amount: amount, Unit: 'USD' },
});

describe('Budgets: create, describe, update, delete', () => {
  it('creates a budget with tags and describes it with AWS defaults filled in', async () => {
    await o.budgets.send(
      new B.CreateBudgetCommand({
        AccountId: o.mgmt,
        Budget: { ...budget('team-a'), CostFilters: { LinkedAccount: [o.accounts.dev ?? ''] } },
        ResourceTags: [{ Key: 'managed-by', Value: 'bulkhead' }],
      }),
    );
    const b = (await o.budgets.send(new B.DescribeBudgetCommand({ AccountId: o.mgmt, BudgetName: 'team-a' }))).Budget;
    expect(b).toMatchObject({
      BudgetName: 'team-a',
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      BudgetLimit: { Amount: '100', Unit: 'USD' },
      CostFilters: { LinkedAccount: [o.accounts.dev] },
      CostTypes: { IncludeTax: true, UseBlended: false, UseAmortized: false },
    });
    const now = new Date();
    expect(b?.TimePeriod?.Start?.toISOString()).toBe(
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
    );
    expect(b?.TimePeriod?.End?.toISOString()).toBe('2087-06-15T00:00:00.000Z');
    const tags = await o.budgets.send(
      new B.ListTagsForResourceCommand({ ResourceARN: `arn:aws:budgets::${o.mgmt}:budget/team-a` }),
    );
    expect(tags.ResourceTags).toEqual([{ Key: 'managed-by', Value: 'bulkhead' }]);
  });

  it('refuses a second budget of the same name in AWS words', async () => {
    const e = await awsError(() =>
      o.budgets.send(new B.CreateBudgetCommand({ AccountId: o.mgmt, Budget: budget('team-a') })),
    );
    expect(e).toMatchObject({
      name: 'DuplicateRecordException',
      message: 'Error creating budget: team-a - the budget already exists.',
      status: 400,
    });
  });

  it('refuses a cost budget with no limit, a negative amount and another account id', async () => {
    const noLimit = await awsError(() =>
      o.budgets.send(
        new B.CreateBudgetCommand({
          AccountId: o.mgmt,
          Budget: { BudgetName: 'x', TimeUnit: 'MONTHLY', BudgetType: 'COST' },
        }),
      ),
    );
    expect(noLimit.name).toBe('InvalidParameterException');
    expect(noLimit.message).toContain('please provide one of the followings: Budget Limit');
    const negative = await awsError(() =>
      o.budgets.send(new B.CreateBudgetCommand({ AccountId: o.mgmt, Budget: budget('x', '-5') })),
    );
    expect(negative.name).toBe('InvalidParameterException');
    expect(negative.message).toContain("Value '-5' at 'amount'");
    const other = await awsError(() =>
      o.budgets.send(new B.DescribeBudgetsCommand({ AccountId: o.accounts.dev ?? '' })),
    );
    expect(other.name).toBe('AccessDeniedException');
    expect(other.message).toContain(`account ${o.accounts.dev}`);
  });

  it('updates every part but the name, keeping the notifications', async () => {
    await o.budgets.send(
      new B.CreateNotificationCommand({
        AccountId: o.mgmt,
        BudgetName: 'team-a',
        Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 90 },
        Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'a@example.com' }],
      }),
    );
    await o.budgets.send(
      new B.UpdateBudgetCommand({
        AccountId: o.mgmt,
        NewBudget: { ...budget('team-a', '250'), TimeUnit: 'QUARTERLY' },
      }),
    );
    const b = (await o.budgets.send(new B.DescribeBudgetCommand({ AccountId: o.mgmt, BudgetName: 'team-a' }))).Budget;
    expect(b).toMatchObject({ BudgetLimit: { Amount: '250', Unit: 'USD' }, TimeUnit: 'QUARTERLY', CostFilters: {} });
    const n = await o.budgets.send(
      new B.DescribeNotificationsForBudgetCommand({ AccountId: o.mgmt, BudgetName: 'team-a' }),
    );
    expect(n.Notifications?.map((x) => x.Threshold)).toEqual([90]);
    const missing = await awsError(() =>
      o.budgets.send(new B.UpdateBudgetCommand({ AccountId: o.mgmt, NewBudget: budget('nobody') })),
    );
    expect(missing).toMatchObject({
      name: 'NotFoundException',
      message: "Unable to update budget: nobody - the budget doesn't exist.",
    });
  });

  it('pages DescribeBudgets by MaxResults and NextToken, in name order', async () => {
    for (const n of ['p3', 'p1', 'p2'])
      await o.budgets.send(new B.CreateBudgetCommand({ AccountId: o.mgmt, Budget: budget(n) }));
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await o.budgets.send(
        new B.DescribeBudgetsCommand({ AccountId: o.mgmt, MaxResults: 2, NextToken: token }),
      );
      names.push(...(r.Budgets ?? []).map((b) => b.BudgetName ?? ''));
      token = r.NextToken;
      pages++;
    } while (token !== undefined);
    expect(names).toEqual(['p1', 'p2', 'p3', 'team-a']);
    expect(pages).toBe(2);
    const bad = await awsError(() =>
      o.budgets.send(new B.DescribeBudgetsCommand({ AccountId: o.mgmt, NextToken: 'bogus' })),
    );
    expect(bad.name).toBe('InvalidNextTokenException');
    const tooMany = await awsError(() =>
      o.budgets.send(new B.DescribeBudgetsCommand({ AccountId: o.mgmt, MaxResults: 1001 })),
    );
    expect(tooMany.name).toBe('InvalidParameterException');
  });

  it('tags and untags by ARN; an unknown budget ARN is NotFound', async () => {
    const arn = `arn:aws:budgets::${o.mgmt}:budget/p1`;
    await o.budgets.send(
      new B.TagResourceCommand({
        ResourceARN: arn,
        ResourceTags: [
          { Key: 'k', Value: 'v' },
          { Key: 'j', Value: 'w' },
        ],
      }),
    );
    await o.budgets.send(new B.UntagResourceCommand({ ResourceARN: arn, ResourceTagKeys: ['j'] }));
    expect((await o.budgets.send(new B.ListTagsForResourceCommand({ ResourceARN: arn }))).ResourceTags).toEqual([
      { Key: 'k', Value: 'v' },
    ]);
    const e = await awsError(() =>
      o.budgets.send(new B.ListTagsForResourceCommand({ ResourceARN: `arn:aws:budgets::${o.mgmt}:budget/none` })),
    );
    expect(e.name).toBe('NotFoundException');
  });

  it('deletes a budget; describing or deleting it again is NotFound in AWS words', async () => {
    await o.budgets.send(new B.DeleteBudgetCommand({ AccountId: o.mgmt, BudgetName: 'p3' }));
    expect(
      await awsError(() => o.budgets.send(new B.DescribeBudgetCommand({ AccountId: o.mgmt, BudgetName: 'p3' }))),
    ).toMatchObject({ name: 'NotFoundException', message: "Unable to get budget: p3 - the budget doesn't exist." });
    const again = await awsError(() =>
      o.budgets.send(new B.DeleteBudgetCommand({ AccountId: o.mgmt, BudgetName: 'p3' })),
    );
    expect(again.name).toBe('NotFoundException');
    expect(again.message).toContain("Unable to delete budget: p3 - the budget doesn't exist.");
  });

  it('lets a member account keep budgets of its own, apart from the management account', async () => {
    const member = await memberBudgets(o, o.accounts.dev ?? '');
    const dev = o.accounts.dev ?? '';
    await member.send(new B.CreateBudgetCommand({ AccountId: dev, Budget: budget('team-a') }));
    const mine = await member.send(new B.DescribeBudgetsCommand({ AccountId: dev }));
    expect(mine.Budgets?.map((b) => b.BudgetName)).toEqual(['team-a']);
    expect(
      (await o.budgets.send(new B.DescribeBudgetsCommand({ AccountId: o.mgmt }))).Budgets?.map((b) => b.BudgetName),
    ).toEqual(['p1', 'p2', 'team-a']);
  });
});
