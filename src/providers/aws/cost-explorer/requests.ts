import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  ListCostAllocationTagsCommand,
  type GroupDefinition,
} from '@aws-sdk/client-cost-explorer';
import type { AwsClients } from '../clients.js';
import { amountToMicros } from './amount.js';
import { parseCostAndUsageAsWireJson } from './wire-json.js';

/** Cost Explorer charges per request ($0.01 each, every page counts), so every request is counted. */
export interface CeRequestCounter {
  total: number;
  byOperation: Record<string, number>;
}

export const CE_REQUEST_USD = 0.01;

export function newRequestCounter(): CeRequestCounter {
  return { total: 0, byOperation: {} };
}

/** Called before each request with the number it will be (1, 2, …): may throw to stop (a refused confirmation). */
export type RequestGate = (requestNumber: number) => Promise<void>;

export interface CeContext {
  client: CostExplorerClient;
  counter: CeRequestCounter;
  gate?: RequestGate;
}

/** Cost Explorer's client: the service is global, its one endpoint in us-east-1. */
export function costExplorer(clients: AwsClients): CostExplorerClient {
  const client = clients.client(CostExplorerClient);
  parseCostAndUsageAsWireJson(client);
  return client;
}

async function count(ctx: CeContext, operation: string): Promise<void> {
  // The number is taken before the gate's wait, so requests in flight together each get their own.
  const n = (ctx.counter.total += 1);
  try {
    await ctx.gate?.(n);
  } catch (err) {
    ctx.counter.total -= 1;
    throw err;
  }
  ctx.counter.byOperation[operation] = (ctx.counter.byOperation[operation] ?? 0) + 1;
}

export interface CeGroupKey {
  type: 'DIMENSION' | 'TAG';
  key: string;
}

export interface CostQuery {
  /** Inclusive, `YYYY-MM-DD`. */
  start: string;
  /** Exclusive, `YYYY-MM-DD`. */
  end: string;
  granularity: 'DAILY' | 'MONTHLY';
  groupBy: CeGroupKey[];
}

/** One group of one time period: its keys (`["111122223333", "Amazon EC2"]`) and UnblendedCost in micro-dollars. */
export interface CostRow {
  start: string;
  keys: string[];
  micros: number;
}

export interface CostQueryResult {
  rows: CostRow[];
  /** LINKED_ACCOUNT id → account name, from DimensionValueAttributes. */
  accountNames: Map<string, string>;
  /** Whether any period is not closed yet (Cost Explorer's `Estimated`). */
  estimated: boolean;
  pages: number;
}

const METRIC = 'UnblendedCost';

/** GetCostAndUsage for one query, every page followed (NextPageToken) to the end. */
export async function getCostAndUsage(ctx: CeContext, query: CostQuery): Promise<CostQueryResult> {
  const rows: CostRow[] = [];
  const accountNames = new Map<string, string>();
  let estimated = false;
  let pages = 0;
  let token: string | undefined;
  do {
    await count(ctx, 'GetCostAndUsage');
    const res = await ctx.client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: query.start, End: query.end },
        Granularity: query.granularity,
        Metrics: [METRIC],
        GroupBy: query.groupBy.map((g): GroupDefinition => ({ Type: g.type, Key: g.key })),
        ...(token ? { NextPageToken: token } : {}),
      }),
    );
    pages += 1;
    for (const period of res.ResultsByTime ?? []) {
      const start = period.TimePeriod?.Start ?? '';
      if (period.Estimated) estimated = true;
      for (const group of period.Groups ?? []) {
        rows.push({ start, keys: group.Keys ?? [], micros: amountToMicros(group.Metrics?.[METRIC]?.Amount) });
      }
      // Without groups, the period's Total is the one row.
      if (query.groupBy.length === 0 && period.Total?.[METRIC]) {
        rows.push({ start, keys: [], micros: amountToMicros(period.Total[METRIC].Amount) });
      }
    }
    for (const attr of res.DimensionValueAttributes ?? []) {
      const name = attr.Attributes?.['description'];
      if (attr.Value && name) accountNames.set(attr.Value, name);
    }
    token = res.NextPageToken || undefined;
  } while (token);
  return { rows, accountNames, estimated, pages };
}

export interface CostForecast {
  micros: number;
  lowerMicros?: number;
  upperMicros?: number;
}

/** GetCostForecast of UnblendedCost over [start, end), MONTHLY, with an 80% prediction interval. */
export async function getCostForecast(ctx: CeContext, start: string, end: string): Promise<CostForecast> {
  await count(ctx, 'GetCostForecast');
  const res = await ctx.client.send(
    new GetCostForecastCommand({
      TimePeriod: { Start: start, End: end },
      Granularity: 'MONTHLY',
      Metric: 'UNBLENDED_COST',
      PredictionIntervalLevel: 80,
    }),
  );
  let lower = 0;
  let upper = 0;
  let bounds = false;
  for (const r of res.ForecastResultsByTime ?? []) {
    if (r.PredictionIntervalLowerBound !== undefined && r.PredictionIntervalUpperBound !== undefined) {
      bounds = true;
      lower += amountToMicros(r.PredictionIntervalLowerBound);
      upper += amountToMicros(r.PredictionIntervalUpperBound);
    }
  }
  return {
    micros: amountToMicros(res.Total?.Amount),
    ...(bounds ? { lowerMicros: lower, upperMicros: upper } : {}),
  };
}

/** A cost-allocation tag key's status as Cost Explorer knows it, or undefined when it does not know the key. */
export async function costAllocationTagStatus(ctx: CeContext, key: string): Promise<'Active' | 'Inactive' | undefined> {
  let token: string | undefined;
  do {
    await count(ctx, 'ListCostAllocationTags');
    const res = await ctx.client.send(
      new ListCostAllocationTagsCommand({ TagKeys: [key], ...(token ? { NextToken: token } : {}) }),
    );
    const found = (res.CostAllocationTags ?? []).find((t) => t.TagKey === key);
    if (found?.Status === 'Active' || found?.Status === 'Inactive') return found.Status;
    token = res.NextToken || undefined;
  } while (token);
  return undefined;
}
