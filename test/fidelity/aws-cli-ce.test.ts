import * as CE from '@aws-sdk/client-cost-explorer';
import * as O from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsCli } from '../support/fidelity/aws-cli.js';
import { awsCli } from '../support/fidelity/aws-cli.js';
import { loadModel } from '../support/fidelity/botocore-model.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import type { MotoServer } from '../support/fidelity/moto-server.js';
import { startMoto } from '../support/fidelity/moto-server.js';
import { RecordingHandler } from '../support/fidelity/recording-handler.js';
import { validateResponse } from '../support/fidelity/response-validation.js';
import { poll, sdkClients } from '../support/fidelity/sdk-clients.js';

/*
 * Cost Explorer checked against what no one here wrote: the AWS CLI v1 (botocore's serializer and parser) reads the
 * local cloud's bill; its per-account numbers add up to the totals; every response of every operation validates
 * against botocore's model; and moto's canned GetCostAndUsage has the same shape (moto implements no other of these
 * operations).
 */

interface CostAndUsage {
  ResultsByTime: {
    TimePeriod: { Start: string };
    Total: Record<string, { Amount: string }>;
    Groups: { Keys: string[]; Metrics: Record<string, { Amount: string }> }[];
  }[];
  DimensionValueAttributes: { Value: string; Attributes: Record<string, string> }[];
  GroupDefinitions?: { Type: string; Key: string }[];
  NextPageToken?: string;
}

let fc: FidelityCloud | undefined;
let cli: AwsCli;
const accounts: string[] = [];
const handler = new RecordingHandler();
const now = new Date();
const month = (offset: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
const micros = (amount: string) => BigInt(amount.replace('.', ''));

beforeAll(async () => {
  fc = await startFidelityCloud({ timeScale: 0, costSeed: 'fidelity' });
  const { cloud } = fc;
  const { org } = sdkClients(cloud.endpoint, cloud.region, cloud.credentials);
  await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  for (const name of ['shop-prod', 'shop-dev']) {
    const req =
      (
        await org.send(
          new O.CreateAccountCommand({
            Email: `${name}@example.com`,
            AccountName: name,
            Tags: [{ Key: 'environment', Value: name.slice(5) }],
          }),
        )
      ).CreateAccountStatus?.Id ?? '';
    accounts.push(
      await poll(name, async () => {
        const s = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: req })))
          .CreateAccountStatus;
        return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
      }),
    );
  }
  cli = awsCli(cloud.endpoint, cloud.region, cloud.credentials, 'v1');
}, 60_000);

afterAll(async () => {
  cli?.dispose();
  handler.destroy();
  await fc?.stop();
});

const period = () => `Start=${month(-2)},End=${month(0)}`;

describe('aws ce get-cost-and-usage against the local cloud', () => {
  it('per-account numbers the CLI reads add up to the totals it reads', async () => {
    const grouped = await cli.json<CostAndUsage>([
      'ce',
      'get-cost-and-usage',
      '--time-period',
      period(),
      '--granularity',
      'MONTHLY',
      '--metrics',
      'UnblendedCost',
      '--group-by',
      'Type=DIMENSION,Key=LINKED_ACCOUNT',
    ]);
    const totals = await cli.json<CostAndUsage>([
      'ce',
      'get-cost-and-usage',
      '--time-period',
      period(),
      '--granularity',
      'MONTHLY',
      '--metrics',
      'UnblendedCost',
    ]);
    expect(grouped.ResultsByTime).toHaveLength(2);
    grouped.ResultsByTime.forEach((r, i) => {
      const sum = r.Groups.reduce((s, g) => s + micros(g.Metrics.UnblendedCost!.Amount), 0n);
      expect(sum).toBe(micros(totals.ResultsByTime[i]!.Total.UnblendedCost!.Amount));
      expect(r.Groups.map((g) => g.Keys[0])).toEqual(expect.arrayContaining(accounts));
    });
    expect(grouped.DimensionValueAttributes.find((d) => d.Value === accounts[0])?.Attributes).toEqual({
      description: 'shop-prod',
    });
  });

  it('--next-page-token walks the pages; the CLI sees the same groups as one SDK call per page', async () => {
    const base = [
      'ce',
      'get-cost-and-usage',
      '--time-period',
      `Start=${month(-13)},End=${month(0)}`,
      '--granularity',
      'DAILY',
      '--metrics',
      'UnblendedCost',
      '--group-by',
      'Type=DIMENSION,Key=LINKED_ACCOUNT',
      'Type=DIMENSION,Key=SERVICE',
    ];
    let token: string | undefined;
    let pages = 0;
    let total = 0n;
    do {
      const page: CostAndUsage = await cli.json<CostAndUsage>(
        token === undefined ? base : [...base, '--next-page-token', token],
      );
      for (const r of page.ResultsByTime) for (const g of r.Groups) total += micros(g.Metrics.UnblendedCost!.Amount);
      token = page.NextPageToken;
      pages++;
    } while (token !== undefined);
    expect(pages).toBeGreaterThan(1);
    const daily = await cli.json<CostAndUsage>([
      'ce',
      'get-cost-and-usage',
      '--time-period',
      `Start=${month(-13)},End=${month(0)}`,
      '--granularity',
      'DAILY',
      '--metrics',
      'UnblendedCost',
    ]);
    expect(daily.ResultsByTime.reduce((s, r) => s + micros(r.Total.UnblendedCost!.Amount), 0n)).toBe(total);
  });

  it('a bad range is the CLI error AWS gives', async () => {
    const r = await cli.run([
      'ce',
      'get-cost-and-usage',
      '--time-period',
      `Start=${month(0)},End=${month(-1)}`,
      '--granularity',
      'MONTHLY',
      '--metrics',
      'UnblendedCost',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('(ValidationException)');
    expect(r.stderr).toContain('Start date (and hour) should be before end date (and hour)');
  });
});

describe("every Cost Explorer response validates against botocore's model", () => {
  it('each operation, success and error', async () => {
    const { cloud } = fc!;
    const ce = new CE.CostExplorerClient({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: { ...cloud.credentials },
      maxAttempts: 1,
      requestHandler: handler,
    });
    const TimePeriod = { Start: month(-1), End: month(0) };
    await ce.send(
      new CE.UpdateCostAllocationTagsStatusCommand({
        CostAllocationTagsStatus: [
          { TagKey: 'environment', Status: 'Active' },
          { TagKey: 'nope', Status: 'Active' },
        ],
      }),
    );
    await ce.send(new CE.ListCostAllocationTagsCommand({}));
    await ce.send(
      new CE.GetCostAndUsageCommand({
        TimePeriod,
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost', 'UsageQuantity'],
        GroupBy: [
          { Type: 'TAG', Key: 'environment' },
          { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        ],
      }),
    );
    await ce.send(new CE.GetCostAndUsageCommand({ TimePeriod, Granularity: 'DAILY', Metrics: ['BlendedCost'] }));
    await ce.send(
      new CE.GetCostForecastCommand({
        TimePeriod: { Start: now.toISOString().slice(0, 10), End: month(1) },
        Metric: 'UNBLENDED_COST',
        Granularity: 'DAILY',
      }),
    );
    await ce.send(new CE.GetDimensionValuesCommand({ TimePeriod, Dimension: 'LINKED_ACCOUNT' }));
    await ce.send(new CE.GetTagsCommand({ TimePeriod, TagKey: 'environment' }));
    await ce.send(new CE.GetTagsCommand({ TimePeriod }));
    await ce
      .send(
        new CE.GetCostAndUsageCommand({
          TimePeriod,
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
          NextPageToken: 'x',
        }),
      )
      .catch(() => undefined);
    await ce
      .send(
        new CE.GetCostAndUsageCommand({
          TimePeriod: { Start: month(0), End: month(-1) },
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
        }),
      )
      .catch(() => undefined);
    const model = loadModel('ce');
    const operations = new Set(handler.exchanges.filter((e) => e.service === 'ce').map((e) => e.operation));
    expect([...operations].sort()).toEqual([
      'GetCostAndUsage',
      'GetCostForecast',
      'GetDimensionValues',
      'GetTags',
      'ListCostAllocationTags',
      'UpdateCostAllocationTagsStatus',
    ]);
    const problems = handler.exchanges
      .filter((e) => e.service === 'ce')
      .flatMap((e) =>
        validateResponse(model, e.operation, e).map((v) => `${e.operation} ${e.status} ${v.path}: ${v.problem}`),
      );
    expect(problems).toEqual([]);
    expect(handler.exchanges.filter((e) => e.service === 'ce' && e.status >= 400).length).toBe(2);
  });
});

describe('moto', () => {
  let moto: MotoServer | undefined;
  afterAll(async () => moto?.stop());

  it('answers get-cost-and-usage with the same top-level shape (canned: it has no bill, and lacks GetCostForecast, GetDimensionValues, GetTags and the cost allocation tag calls)', async () => {
    moto = await startMoto();
    const motoCli = awsCli(moto.endpoint, 'us-east-1', moto.credentials, 'v1');
    try {
      const args = [
        'ce',
        'get-cost-and-usage',
        '--time-period',
        period(),
        '--granularity',
        'MONTHLY',
        '--metrics',
        'UnblendedCost',
        '--group-by',
        'Type=DIMENSION,Key=LINKED_ACCOUNT',
      ];
      const theirs = await motoCli.json<CostAndUsage>(args);
      const ours = await cli.json<CostAndUsage>(args);
      const model = loadModel('ce');
      const outputMembers = Object.keys(model.shapes.GetCostAndUsageResponse?.members ?? {});
      for (const key of Object.keys(theirs)) expect(outputMembers).toContain(key);
      for (const key of Object.keys(ours)) expect(outputMembers).toContain(key);
      expect(Object.keys(ours)).toEqual(
        expect.arrayContaining(Object.keys(theirs).filter((k) => k !== 'NextPageToken')),
      );
      const forecast = await motoCli.run([
        'ce',
        'get-cost-forecast',
        '--time-period',
        `Start=${now.toISOString().slice(0, 10)},End=${month(1)}`,
        '--metric',
        'UNBLENDED_COST',
        '--granularity',
        'MONTHLY',
      ]);
      expect(forecast.code).not.toBe(0);
    } finally {
      motoCli.dispose();
    }
  }, 60_000);
});
