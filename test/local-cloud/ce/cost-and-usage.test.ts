import { GetCostAndUsageCommand, type GetCostAndUsageCommandInput } from '@aws-sdk/client-cost-explorer';
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountCostModel,
  dailyServiceMicros,
  dayOf,
  microsToAmount,
  type AccountCostModel,
} from '../../../src/local-cloud/usage/synthetic-cost.js';
import { awsError } from '../helpers.js';
import { calendar, makeOrganization, memberCredentials, startCeHarness, type CeHarness } from './harness.js';

const SEED = 'ce-tests';
let h: CeHarness;
let ids: string[];
let models: Map<string, AccountCostModel>;
const cal = calendar();

beforeAll(async () => {
  h = await startCeHarness(SEED);
  ids = await makeOrganization(h, [
    { name: 'acme-prod', environment: 'prod' },
    { name: 'acme-dev', environment: 'dev' },
    { name: 'sandbox-ana' },
  ]);
  const org = (await h.org.send(new DescribeOrganizationCommand({}))).Organization!;
  const accounts = (await h.org.send(new ListAccountsCommand({}))).Accounts!;
  models = new Map();
  for (const a of accounts) {
    const tags = Object.fromEntries(
      ((await h.org.send(new ListTagsForResourceCommand({ ResourceId: a.Id! }))).Tags ?? []).map((t) => [
        t.Key!,
        t.Value!,
      ]),
    );
    models.set(
      a.Id!,
      accountCostModel(SEED, { id: a.Id!, name: a.Name!, tags, management: a.Id === org.MasterAccountId }),
    );
  }
}, 60_000);

afterAll(async () => h.stop());

/** What the synthetic bill says an account cost from `start` (inclusive) to `end` (exclusive), days before today. */
function expectedMicros(id: string, start: string, end: string, service?: string): number {
  const model = models.get(id)!;
  let total = 0;
  for (let d = dayOf(start); d < Math.min(dayOf(end), dayOf(cal.today)); d++)
    model.services.forEach((s, i) => {
      if (service === undefined || s === service) total += dailyServiceMicros(model, i, d);
    });
  return total;
}

const micros = (amount: string): number => Number(amount.replace('.', ''));

async function allPages(input: GetCostAndUsageCommandInput) {
  const pages = [];
  let token: string | undefined;
  do {
    const page = await h.ce.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
    pages.push(page);
    token = page.NextPageToken;
  } while (token !== undefined);
  return pages;
}

describe('GetCostAndUsage', () => {
  const lastMonth = { Start: cal.month(-1), End: cal.month(0) };

  it('groups by LINKED_ACCOUNT: each group is the account bill, the groups add up to the ungrouped total', async () => {
    const grouped = await h.ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: lastMonth,
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
      }),
    );
    const [result] = grouped.ResultsByTime!;
    expect(result!.Total).toEqual({});
    expect(result!.Estimated).toBe(false);
    const byAccount = new Map(result!.Groups!.map((g) => [g.Keys![0]!, g.Metrics!.UnblendedCost!.Amount!]));
    expect([...byAccount.keys()].sort()).toEqual([...models.keys()].sort());
    for (const [id, amount] of byAccount)
      expect(amount).toBe(microsToAmount(expectedMicros(id, lastMonth.Start, lastMonth.End)));
    const names = new Map(grouped.DimensionValueAttributes!.map((d) => [d.Value, d.Attributes!.description]));
    expect(names.get(ids[0]!)).toBe('acme-prod');

    const total = await h.ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: lastMonth,
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost', 'BlendedCost'],
      }),
    );
    const sum = [...byAccount.values()].reduce((s, a) => s + micros(a), 0);
    expect(total.ResultsByTime![0]!.Total!.UnblendedCost).toEqual({ Amount: microsToAmount(sum), Unit: 'USD' });
    expect(total.ResultsByTime![0]!.Total!.BlendedCost!.Amount).toBe(microsToAmount(sum));
  });

  it('ranks the environments: prod above dev above the sandbox', async () => {
    const [prod, dev, sandbox] = ids.map((id) => expectedMicros(id, lastMonth.Start, lastMonth.End));
    expect(prod).toBeGreaterThan(dev!);
    expect(dev).toBeGreaterThan(sandbox!);
  });

  it('filters by SERVICE and LINKED_ACCOUNT (And), and Not', async () => {
    const service = 'Amazon Elastic Compute Cloud - Compute';
    const r = await h.ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: lastMonth,
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        Filter: {
          And: [
            { Dimensions: { Key: 'SERVICE', Values: [service] } },
            { Not: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [ids[1]!] } } },
          ],
        },
      }),
    );
    const expected = [ids[0]!, ids[2]!].reduce(
      (s, id) => s + expectedMicros(id, lastMonth.Start, lastMonth.End, service),
      0,
    );
    expect(r.ResultsByTime![0]!.Total!.UnblendedCost!.Amount).toBe(microsToAmount(expected));
  });

  it('pages DAILY groups with NextPageToken; the pages add up to the exact daily totals', async () => {
    const period = { Start: cal.month(-13), End: cal.month(0) };
    const pages = await allPages({
      TimePeriod: period,
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
    });
    expect(pages.length).toBeGreaterThan(1);
    const byDay = new Map<string, number>();
    for (const p of pages)
      for (const r of p.ResultsByTime!)
        for (const g of r.Groups!)
          byDay.set(
            r.TimePeriod!.Start!,
            (byDay.get(r.TimePeriod!.Start!) ?? 0) + micros(g.Metrics!.UnblendedCost!.Amount!),
          );
    const totals = await h.ce.send(
      new GetCostAndUsageCommand({ TimePeriod: period, Granularity: 'DAILY', Metrics: ['UnblendedCost'] }),
    );
    expect(totals.NextPageToken).toBeUndefined();
    for (const r of totals.ResultsByTime!)
      expect(byDay.get(r.TimePeriod!.Start!) ?? 0).toBe(micros(r.Total!.UnblendedCost!.Amount!));
    const all = [...models.keys()].reduce((s, id) => s + expectedMicros(id, period.Start, period.End), 0);
    expect([...byDay.values()].reduce((a, b) => a + b, 0)).toBe(all);

    const changed = await awsError(() =>
      h.ce.send(
        new GetCostAndUsageCommand({
          TimePeriod: period,
          Granularity: 'DAILY',
          Metrics: ['BlendedCost'],
          GroupBy: [
            { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
            { Type: 'DIMENSION', Key: 'SERVICE' },
          ],
          NextPageToken: pages[0]!.NextPageToken,
        }),
      ),
    );
    expect(changed.name).toBe('RequestChangedException');
    const bad = await awsError(() =>
      h.ce.send(
        new GetCostAndUsageCommand({
          TimePeriod: period,
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
          NextPageToken: 'nope',
        }),
      ),
    );
    expect(bad.name).toBe('InvalidNextTokenException');
  });

  it('a member account sees only its own costs', async () => {
    const ce = h.ceFor(await memberCredentials(h, ids[1]!));
    const r = await ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: lastMonth,
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
      }),
    );
    expect(r.ResultsByTime![0]!.Groups!.map((g) => g.Keys![0])).toEqual([ids[1]]);
  });

  it.each([
    [
      'Start after End',
      { TimePeriod: { Start: cal.month(0), End: cal.month(-1) } },
      'Start date (and hour) should be before end date',
    ],
    [
      'End past next month',
      { TimePeriod: { Start: cal.month(-1), End: cal.month(2) } },
      'end date past the beginning of next month',
    ],
    ['Start too old', { TimePeriod: { Start: cal.month(-14), End: cal.month(0) } }, 'is too old'],
    ['a bad date', { TimePeriod: { Start: '2026-02-30', End: cal.month(0) } }, 'not a valid date'],
    ['HOURLY', { Granularity: 'HOURLY' as const }, 'Hourly granularity is not enabled'],
    ['an unknown metric', { Metrics: ['Dollars'] }, 'Metric Dollars is not valid'],
    [
      'three groups',
      {
        GroupBy: [
          { Type: 'DIMENSION' as const, Key: 'LINKED_ACCOUNT' },
          { Type: 'DIMENSION' as const, Key: 'SERVICE' },
          { Type: 'TAG' as const, Key: 'environment' },
        ],
      },
      'at most two',
    ],
  ])('refuses %s with ValidationException', async (_name, change, message) => {
    const e = await awsError(() =>
      h.ce.send(
        new GetCostAndUsageCommand({
          TimePeriod: lastMonth,
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
          ...change,
        }),
      ),
    );
    expect(e).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(e.message).toContain(message);
  });
});
