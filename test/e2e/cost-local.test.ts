import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { amountToMicros } from '../../src/providers/aws/cost-explorer/amount.js';
import { loadValidModel } from '../../src/toolkit/plan.js';
import { cost } from '../../src/toolkit/cost/cost.js';
import { awsCli, type AwsCli } from '../support/fidelity/aws-cli.js';
import { cloudWithTemplate } from './local-connection.js';

interface CeGroups {
  ResultsByTime: { Groups: { Keys: string[]; Metrics: { UnblendedCost: { Amount: string } } }[] }[];
  NextPageToken?: string;
}

describe('bulkhead cost on the local cloud, checked against the AWS CLI', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  let cli: AwsCli;
  beforeAll(async () => {
    env = await cloudWithTemplate('growth');
    cli = awsCli(env.cloud.endpoint, 'us-east-1', env.cloud.credentials);
  }, 180_000);
  afterAll(async () => {
    cli?.dispose();
    await env?.stop();
  });

  it("per-environment totals equal the AWS CLI's per-account numbers summed by the spec's environments", async () => {
    const model = await loadValidModel(env.file, new RecordingIoHost());
    // Last month, whole: closed days on both sides.
    const firstOfThisMonth = `${new Date().toISOString().slice(0, 7)}-01`;
    const lastMonthEnd = new Date(Date.parse(`${firstOfThisMonth}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const from = `${lastMonthEnd.slice(0, 7)}-01`;
    const io = new RecordingIoHost();
    const report = await cost({ connection: env.connection, io, model, by: 'environment', from, to: lastMonthEnd });
    // What no one here wrote: `aws ce get-cost-and-usage` by linked account over the same days.
    const end = new Date(Date.parse(`${report.range.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const perAccount = new Map<string, number>();
    let token: string | undefined;
    do {
      const page = await cli.json<CeGroups>([
        'ce',
        'get-cost-and-usage',
        '--time-period',
        `Start=${report.range.from},End=${end}`,
        '--granularity',
        'DAILY',
        '--metrics',
        'UnblendedCost',
        '--group-by',
        'Type=DIMENSION,Key=LINKED_ACCOUNT',
        ...(token ? ['--next-page-token', token] : []),
      ]);
      for (const period of page.ResultsByTime)
        for (const g of period.Groups)
          perAccount.set(
            g.Keys[0]!,
            (perAccount.get(g.Keys[0]!) ?? 0) + amountToMicros(g.Metrics.UnblendedCost.Amount),
          );
      token = page.NextPageToken;
    } while (token);
    const { ListAccountsCommand, DescribeOrganizationCommand } = await import('@aws-sdk/client-organizations');
    const live = await env.connection.clients.organizations.send(new ListAccountsCommand({}));
    const org = await env.connection.clients.organizations.send(new DescribeOrganizationCommand({}));
    const envOfId = new Map<string, string>();
    for (const a of live.Accounts ?? []) {
      const spec = [...model.accounts.values()].find((s) => s.email.toLowerCase() === a.Email!.toLowerCase());
      envOfId.set(
        a.Id!,
        spec ? spec.environment : a.Id === org.Organization?.MasterAccountId ? 'management' : 'unmanaged',
      );
    }
    const expected = new Map<string, number>();
    for (const [id, micros] of perAccount) {
      const e = envOfId.get(id) ?? 'unmanaged';
      expected.set(e, (expected.get(e) ?? 0) + micros);
    }
    const got = new Map(report.groups.map((g) => [g.name, Math.round(g.total * 1_000_000)]));
    for (const [k, v] of expected) if (v === 0) expected.delete(k);
    for (const [k, v] of got) if (v === 0) got.delete(k);
    expect(got).toEqual(expected);
    expect(report.groups.length).toBeGreaterThan(2);
    // Prod costs more than any sandbox; every group shows its top services.
    const prod = report.groups.find((g) => g.name === 'prod');
    expect(prod?.topServices.length).toBe(3);
    // A whole past month, daily: one request for the series that also holds the month before (the comparison), one
    // for the services by month; no forecast (the range ends before today).
    expect(report.requests).toMatchObject({ total: 2, byOperation: { GetCostAndUsage: 2 } });
    expect(report.comparison?.total).toBeGreaterThan(0);
    expect(report.forecast).toBeNull();
    // The month so far (the default): the forecast of the month from today is asked once.
    const now = await cost({ connection: env.connection, io, model });
    expect(now.requests.byOperation['GetCostForecast']).toBe(1);
    expect(now.forecast?.remaining).toBeGreaterThan(0);
  }, 120_000);
});
