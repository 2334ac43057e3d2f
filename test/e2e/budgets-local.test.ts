import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BudgetsClient,
  CreateBudgetCommand,
  DescribeBudgetsCommand,
  DescribeNotificationsForBudgetCommand,
  DescribeSubscribersForNotificationCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-budgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { apply } from '../../src/toolkit/apply.js';
import { plan } from '../../src/toolkit/plan.js';
import { freshLocalCloud, type LocalEnv } from './local-connection.js';

// The budget kind against the local cloud's AWS Budgets: created with the accounts the same apply creates, changed,
// removed (destructive), a hand-made budget left alone; each time a second plan is empty.
const SPEC = join(import.meta.dirname, '..', 'cases', 'plan', 'remove-organization-trail', 'org.yaml');

const BUDGETS = (prodLimit: number, extra = '') => `budgets:
  - environment: prod
    limit: ${prodLimit}
    notify: [finance@example.com]
${extra}  - environmentKind: sandbox
    limit: 50
`;

describe('budgets: plan and apply against the local cloud', () => {
  let env: LocalEnv;
  let file: string;
  let budgets: BudgetsClient;
  let mgmt: string;
  const write = (budgetsYaml: string) => writeFileSync(file, `${readFileSync(SPEC, 'utf8')}${budgetsYaml}`);
  const run = (allowDestroy = false) =>
    apply({
      yes: true,
      file,
      connection: env.connection,
      io: new RecordingIoHost(),
      pollDelayMs: () => 20,
      allowDestroy,
    });
  const planned = async () =>
    (await plan({ file, connection: env.connection, io: new RecordingIoHost() })).plan.changes
      .filter((c) => c.kind === 'budget')
      .map((c) => `${c.action} ${c.key}`);
  const described = async () => {
    const list = (await budgets.send(new DescribeBudgetsCommand({ AccountId: mgmt }))).Budgets ?? [];
    return Object.fromEntries(list.map((b) => [b.BudgetName!, b]));
  };

  beforeAll(async () => {
    env = await freshLocalCloud();
    file = join(env.dir, 'org.yaml');
    budgets = env.connection.clients.client(BudgetsClient);
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('creates each budget on the accounts created by the same apply, tagged, then plans no changes', async () => {
    write(BUDGETS(5000));
    expect(await planned()).toEqual(['create prod-monthly', 'create sandbox-alice-monthly']);
    const applied = await run();
    expect(applied.failed).toEqual([]);
    const org = (await plan({ file, connection: env.connection, io: new RecordingIoHost() })).observed;
    mgmt = org.organization[0]!.managementAccountId;
    const idOf = (name: string) => org.account.find((a) => a.name === name)!.id;
    const all = await described();
    expect(Object.keys(all).sort()).toEqual(['prod-monthly', 'sandbox-alice-monthly']);
    expect(all['prod-monthly']).toMatchObject({
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      CostFilters: { LinkedAccount: [idOf('acme-prod')] },
    });
    expect(Number(all['prod-monthly']!.BudgetLimit!.Amount)).toBe(5000);
    expect(all['sandbox-alice-monthly']!.CostFilters).toEqual({ LinkedAccount: [idOf('acme-sandbox-alice')] });
    const notifications =
      (
        await budgets.send(
          new DescribeNotificationsForBudgetCommand({ AccountId: mgmt, BudgetName: 'sandbox-alice-monthly' }),
        )
      ).Notifications ?? [];
    expect(notifications.map((n) => `${n.NotificationType} ${n.Threshold}`).sort()).toEqual([
      'ACTUAL 100',
      'ACTUAL 80',
      'FORECASTED 100',
    ]);
    const subscribers = await budgets.send(
      new DescribeSubscribersForNotificationCommand({
        AccountId: mgmt,
        BudgetName: 'sandbox-alice-monthly',
        Notification: notifications[0]!,
      }),
    );
    // The sandbox's owner alice, by her identity user's email.
    expect(subscribers.Subscribers).toEqual([{ SubscriptionType: 'EMAIL', Address: 'alice@example.com' }]);
    const tags = await budgets.send(
      new ListTagsForResourceCommand({ ResourceARN: `arn:aws:budgets::${mgmt}:budget/prod-monthly` }),
    );
    expect(tags.ResourceTags).toEqual([{ Key: 'managed-by', Value: 'bulkhead' }]);
    expect(await planned()).toEqual([]);
  });

  it('changes the limit, the alerts and the subscribers, then plans no changes', async () => {
    write(
      BUDGETS(8000)
        .replace('notify: [finance@example.com]', 'notify: [finance@example.com, ops@example.com]')
        .replace('    limit: 8000\n', '    limit: 8000\n    alerts: [{actual: 50}, {forecast: 100}]\n'),
    );
    expect(await planned()).toEqual(['update prod-monthly']);
    expect((await run()).failed).toEqual([]);
    expect(Number((await described())['prod-monthly']!.BudgetLimit!.Amount)).toBe(8000);
    const notifications =
      (await budgets.send(new DescribeNotificationsForBudgetCommand({ AccountId: mgmt, BudgetName: 'prod-monthly' })))
        .Notifications ?? [];
    expect(notifications.map((n) => `${n.NotificationType} ${n.Threshold}`).sort()).toEqual([
      'ACTUAL 50',
      'FORECASTED 100',
    ]);
    for (const n of notifications) {
      const s = await budgets.send(
        new DescribeSubscribersForNotificationCommand({ AccountId: mgmt, BudgetName: 'prod-monthly', Notification: n }),
      );
      expect((s.Subscribers ?? []).map((x) => x.Address).sort()).toEqual(['finance@example.com', 'ops@example.com']);
    }
    expect(await planned()).toEqual([]);
  });

  it('deletes a budget dropped from the spec only with --allow-destroy, and leaves a hand-made one alone', async () => {
    await budgets.send(
      new CreateBudgetCommand({
        AccountId: mgmt,
        Budget: {
          BudgetName: 'finance-total',
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: '20000', Unit: 'USD' },
        },
      }),
    );
    write(BUDGETS(8000).replace(/ {2}- environmentKind: sandbox\n {4}limit: 50\n/, ''));
    const result = await plan({ file, connection: env.connection, io: new RecordingIoHost() });
    const removal = result.plan.changes.filter((c) => c.kind === 'budget');
    expect(removal.map((c) => [c.action, c.key, c.destructive])).toEqual([
      ['update', 'prod-monthly', false],
      ['delete', 'sandbox-alice-monthly', true],
    ]);
    expect(result.plan.notes.map((n) => n.code)).toContain('N-BUDGET-UNMANAGED');
    await expect(run()).rejects.toThrow(/1 destructive change: delete sandbox-alice-monthly/);
    expect(Object.keys(await described()).sort()).toEqual(['finance-total', 'prod-monthly', 'sandbox-alice-monthly']);
    expect((await run(true)).failed).toEqual([]);
    expect(Object.keys(await described()).sort()).toEqual(['finance-total', 'prod-monthly']);
    expect(await planned()).toEqual([]);
  });
});
