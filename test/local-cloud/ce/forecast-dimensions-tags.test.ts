import {
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  GetDimensionValuesCommand,
  GetTagsCommand,
  ListCostAllocationTagsCommand,
  UpdateCostAllocationTagsStatusCommand,
} from '@aws-sdk/client-cost-explorer';
import { DescribeOrganizationCommand, DescribeAccountCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountCostModel,
  dayOf,
  expectedDailyMicros,
  microsToAmount,
} from '../../../src/local-cloud/usage/synthetic-cost.js';
import { awsError } from '../helpers.js';
import { calendar, makeOrganization, memberCredentials, startCeHarness, type CeHarness } from './harness.js';

const SEED = 'ce-forecast';
let h: CeHarness;
let ids: string[];
let management: string;
const cal = calendar();
const lastMonth = { Start: cal.month(-1), End: cal.month(0) };

beforeAll(async () => {
  h = await startCeHarness(SEED);
  ids = await makeOrganization(h, [
    { name: 'acme-prod', environment: 'prod' },
    { name: 'acme-staging', environment: 'staging' },
  ]);
  management = (await h.org.send(new DescribeOrganizationCommand({}))).Organization!.MasterAccountId!;
}, 60_000);

afterAll(async () => h.stop());

describe('GetCostForecast', () => {
  it('forecasts the rest of the month from the bill without noise, per account filter', async () => {
    const period = { Start: cal.today, End: cal.month(1) };
    const r = await h.ce.send(
      new GetCostForecastCommand({
        TimePeriod: period,
        Metric: 'UNBLENDED_COST',
        Granularity: 'MONTHLY',
        Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [ids[0]!] } },
        PredictionIntervalLevel: 90,
      }),
    );
    const name = (await h.org.send(new DescribeAccountCommand({ AccountId: ids[0]! }))).Account!.Name!;
    const model = accountCostModel(SEED, { id: ids[0]!, name, tags: { environment: 'prod' }, management: false });
    let expected = 0;
    for (let d = dayOf(period.Start); d < dayOf(period.End); d++) expected += expectedDailyMicros(model, d);
    expect(r.Total).toEqual({ Amount: microsToAmount(expected), Unit: 'USD' });
    const [only] = r.ForecastResultsByTime!;
    expect(Number(only!.PredictionIntervalLowerBound)).toBeLessThan(Number(only!.MeanValue));
    expect(Number(only!.PredictionIntervalUpperBound)).toBeGreaterThan(Number(only!.MeanValue));
  });

  it('refuses a period in the past and one that ends before it starts', async () => {
    const past = await awsError(() =>
      h.ce.send(
        new GetCostForecastCommand({ TimePeriod: lastMonth, Metric: 'UNBLENDED_COST', Granularity: 'MONTHLY' }),
      ),
    );
    expect(past).toMatchObject({ name: 'ValidationException' });
    const reversed = await awsError(() =>
      h.ce.send(
        new GetCostForecastCommand({
          TimePeriod: { Start: cal.month(1), End: cal.today },
          Metric: 'UNBLENDED_COST',
          Granularity: 'MONTHLY',
        }),
      ),
    );
    expect(reversed.message).toBe(`Requested Start: ${cal.month(1)} must be before requested End: ${cal.today}`);
  });
});

describe('GetDimensionValues', () => {
  it('lists the linked accounts with their names, and the services', async () => {
    const accounts = await h.ce.send(
      new GetDimensionValuesCommand({ TimePeriod: lastMonth, Dimension: 'LINKED_ACCOUNT' }),
    );
    expect(accounts.DimensionValues!.map((v) => v.Value).sort()).toEqual([management, ...ids].sort());
    expect(accounts.DimensionValues!.find((v) => v.Value === ids[0])!.Attributes).toEqual({ description: 'acme-prod' });
    expect(accounts).toMatchObject({ ReturnSize: 3, TotalSize: 3 });
    const services = await h.ce.send(
      new GetDimensionValuesCommand({ TimePeriod: lastMonth, Dimension: 'SERVICE', SearchString: 'relational' }),
    );
    expect(services.DimensionValues!.map((v) => v.Value)).toEqual(['Amazon Relational Database Service']);
  });
});

describe('cost allocation tags', () => {
  const byEnvironment = () =>
    h.ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: lastMonth,
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'TAG', Key: 'environment' }],
      }),
    );

  it('an account tag is known Inactive; grouping by it gives the empty key until it is activated', async () => {
    const listed = await h.ce.send(new ListCostAllocationTagsCommand({}));
    expect(listed.CostAllocationTags).toEqual([{ TagKey: 'environment', Type: 'UserDefined', Status: 'Inactive' }]);
    const before = await byEnvironment();
    expect(before.ResultsByTime![0]!.Groups!.map((g) => g.Keys)).toEqual([['environment$']]);
    expect((await h.ce.send(new GetTagsCommand({ TimePeriod: lastMonth }))).Tags).toEqual([]);

    const update = await h.ce.send(
      new UpdateCostAllocationTagsStatusCommand({
        CostAllocationTagsStatus: [
          { TagKey: 'environment', Status: 'Active' },
          { TagKey: 'no-such-key', Status: 'Active' },
        ],
      }),
    );
    expect(update.Errors!.map((e) => e.TagKey)).toEqual(['no-such-key']);
    const active = await h.ce.send(new ListCostAllocationTagsCommand({ Status: 'Active' }));
    expect(active.CostAllocationTags![0]).toMatchObject({ TagKey: 'environment', Status: 'Active' });
    expect(active.CostAllocationTags![0]!.LastUpdatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const after = await byEnvironment();
    expect(after.ResultsByTime![0]!.Groups!.map((g) => g.Keys![0]).sort()).toEqual([
      'environment$',
      'environment$prod',
      'environment$staging',
    ]);
    const total = before.ResultsByTime![0]!.Groups![0]!.Metrics!.UnblendedCost!.Amount!;
    const sum = after.ResultsByTime![0]!.Groups!.reduce(
      (s, g) => s + Number(g.Metrics!.UnblendedCost!.Amount!.replace('.', '')),
      0,
    );
    expect(microsToAmount(sum)).toBe(total);
    const values = await h.ce.send(new GetTagsCommand({ TimePeriod: lastMonth, TagKey: 'environment' }));
    expect(values.Tags).toEqual(['prod', 'staging']);
  });

  it('only the management account manages them', async () => {
    const ce = h.ceFor(await memberCredentials(h, ids[0]!));
    const e = await awsError(() => ce.send(new ListCostAllocationTagsCommand({})));
    expect(e.name).toBe('AccessDeniedException');
  });

  it('refuses more than 20 entries', async () => {
    const e = await awsError(() =>
      h.ce.send(
        new UpdateCostAllocationTagsStatusCommand({
          CostAllocationTagsStatus: Array.from({ length: 21 }, (_, i) => ({
            TagKey: `k${i}`,
            Status: 'Active' as const,
          })),
        }),
      ),
    );
    expect(e.name).toBe('ValidationException');
  });
});
