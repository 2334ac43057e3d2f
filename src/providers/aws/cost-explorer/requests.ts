import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  ListCostAllocationTagsCommand,
  type GroupDefinition,
} from '@aws-sdk/client-cost-explorer';
import type { AwsClients } from '../clients.js';
import { amountToMicros } from './amount.js';
import { CostGroupsFold, type CostQueryResult } from './cost-groups.js';
import { asText, readCostAndUsageAsText, wireText, type CostAndUsagePage } from './wire-json.js';

export type { CostGroupSeries, CostQueryResult } from './cost-groups.js';

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
  readCostAndUsageAsText(client);
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

const METRIC = 'UnblendedCost';

function pageRequest(query: CostQuery, token: string | undefined): GetCostAndUsageCommand {
  return asText(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: query.start, End: query.end },
      Granularity: query.granularity,
      Metrics: [METRIC],
      GroupBy: query.groupBy.map((g): GroupDefinition => ({ Type: g.type, Key: g.key })),
      ...(token ? { NextPageToken: token } : {}),
    }),
  );
}

/**
 * GetCostAndUsage for one query, every page followed (NextPageToken) to the end and folded in as it arrives. The
 * next page is asked for as soon as this one's token is known, before this one is read, so Cost Explorer writes
 * one page while Bulkhead reads the last: the same requests, in the same order, one page ahead at most.
 */
export async function getCostAndUsage(ctx: CeContext, query: CostQuery): Promise<CostQueryResult> {
  const fold = new CostGroupsFold(query.groupBy.length > 0);
  const ask = async (token: string | undefined): Promise<CostAndUsagePage> => {
    await count(ctx, 'GetCostAndUsage');
    return ctx.client.send(pageRequest(query, token));
  };
  let pending: Promise<CostAndUsagePage> | undefined = ask(undefined);
  while (pending !== undefined) {
    const page: CostAndUsagePage = await pending;
    const text = wireText(page);
    if (text === undefined) {
      const token: string | undefined = page.NextPageToken || undefined;
      pending = token === undefined ? undefined : ask(token);
      fold.add(page);
      continue;
    }
    // The middleware's guess at the token, asked for before the page is read, then checked against it.
    const guess: string | undefined = page.NextPageToken || undefined;
    const next = guess === undefined ? undefined : ask(guess);
    // A failure of the next page is awaited (and thrown) on the next turn, or dropped if this page fails to read.
    next?.catch(() => undefined);
    const token = fold.addText(text);
    // A wrong guess (a NextPageToken nested deeper than the top level) only costs the request it made.
    pending = token === guess ? next : token === undefined ? undefined : ask(token);
  }
  return fold.done();
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
