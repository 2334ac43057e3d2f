import type { HandlerContext } from '../registry.js';
import { decodeToken, encodeToken } from '../pagination.js';
import { AwsApiError } from '../../errors.js';
import type { UsageSeries } from '../../usage/quota-usage.js';
import { quotaOfMetric, usageSeries } from '../../usage/quota-usage.js';
import { dimensionsOf, listOf, numberOf, timeOf, usageAccountOf, validation } from './common.js';
import { datapoints, isStatistic } from './statistics.js';

/** GetMetricData's limits (AWS: 500 queries per call, 100,800 datapoints per call by default). */
export const MAX_QUERIES = 500;
export const MAX_DATAPOINTS = 100_800;
const ID = /^[a-z][a-zA-Z0-9_]*$/;

interface Query {
  id: string;
  label: string;
  returnData: boolean;
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  period: number;
  stat: string;
  accountId: string | undefined;
}

/** A period CloudWatch takes: 1, 5, 10, 20, 30 (high resolution) or a multiple of 60 seconds. */
export function validPeriod(p: number): boolean {
  return Number.isInteger(p) && p > 0 && (p % 60 === 0 || [1, 5, 10, 20, 30].includes(p));
}

function queryOf(raw: unknown, i: number): Query {
  const q = (raw ?? {}) as Record<string, unknown>;
  const at = `MetricDataQueries.member.${i + 1}`;
  if (typeof q.Id !== 'string' || q.Id === '') throw validation(`The parameter ${at}.Id is required.`);
  if (!ID.test(q.Id))
    throw validation(
      `The value ${q.Id} for parameter ${at}.Id is not valid: it must start with a lowercase letter and contain only letters, numbers and underscores.`,
    );
  if (q.Expression !== undefined)
    throw validation(`The local cloud does not evaluate metric math or Metrics Insights (${at}.Expression).`);
  const stat = (q.MetricStat ?? undefined) as Record<string, unknown> | undefined;
  if (stat === undefined) throw validation(`Exactly one of ${at}.MetricStat and ${at}.Expression must be specified.`);
  const metric = (stat.Metric ?? {}) as Record<string, unknown>;
  const period = numberOf(stat.Period);
  if (period === undefined || !validPeriod(period))
    throw validation(
      `The parameter ${at}.MetricStat.Period must be 1, 5, 10, 20, 30, or any multiple of 60, not ${String(stat.Period)}.`,
    );
  if (typeof stat.Stat !== 'string' || !isStatistic(stat.Stat))
    throw validation(`The value ${String(stat.Stat)} for parameter ${at}.MetricStat.Stat is not a valid statistic.`);
  const name = typeof metric.MetricName === 'string' ? metric.MetricName : '';
  return {
    id: q.Id,
    label: typeof q.Label === 'string' ? q.Label : name,
    returnData: q.ReturnData !== false && q.ReturnData !== 'false',
    namespace: typeof metric.Namespace === 'string' ? metric.Namespace : '',
    name,
    dimensions: dimensionsOf(metric.Dimensions),
    period,
    stat: stat.Stat,
    accountId: typeof q.AccountId === 'string' ? q.AccountId : undefined,
  };
}

/** The caller's usage series of a metric; none for a metric that reports no quota's usage (CloudWatch: no data). */
function seriesOf(q: Query, ctx: HandlerContext): UsageSeries | undefined {
  if (q.accountId !== undefined && q.accountId !== ctx.principal.accountId) return undefined;
  const quota = quotaOfMetric(q);
  const account = usageAccountOf(ctx.store, ctx.principal.accountId);
  if (quota === undefined || account === undefined) return undefined;
  const loads = [...ctx.store.values('cloudwatchLoads')].filter((l) => l.accountId === account.id);
  return usageSeries(quota, account, { store: ctx.store, seed: ctx.config.cost.seed, loads });
}

interface Result {
  Id: string;
  Label: string;
  Timestamps: Date[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
  Messages: never[];
}

/**
 * GetMetricData for MetricStat queries on the quota usage metrics (QUOTA_CATALOGUE). Datapoints are paged across
 * queries in order: a page holds at most MaxDatapoints; a query cut by the page says PartialData and continues on the
 * next page, as CloudWatch does.
 */
export function getMetricData(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const raw = listOf(input.MetricDataQueries);
  if (raw.length === 0) throw validation('The parameter MetricDataQueries is required.');
  if (raw.length > MAX_QUERIES)
    throw validation(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  const queries = raw.map(queryOf);
  const ids = new Set<string>();
  for (const q of queries) {
    if (ids.has(q.id)) throw validation(`The values for parameter id in MetricDataQueries are not unique.`);
    ids.add(q.id);
  }
  const start = timeOf(input.StartTime, 'StartTime');
  const end = timeOf(input.EndTime, 'EndTime');
  if (start === end) throw validation('The parameter StartTime must not equal parameter EndTime.');
  if (start > end) throw validation('The parameter StartTime must be less than the parameter EndTime.');
  const max = numberOf(input.MaxDatapoints) ?? MAX_DATAPOINTS;
  if (!Number.isInteger(max) || max < 1) throw validation('The parameter MaxDatapoints must be a positive integer.');
  const scan = input.ScanBy ?? 'TimestampDescending';
  if (scan !== 'TimestampDescending' && scan !== 'TimestampAscending')
    throw validation(`The value ${String(scan)} for parameter ScanBy is not valid.`);
  let offset = 0;
  if (input.NextToken !== undefined && input.NextToken !== null) {
    const decoded = typeof input.NextToken === 'string' ? decodeToken('GetMetricData', input.NextToken) : undefined;
    if (decoded === undefined) throw new AwsApiError('InvalidNextToken', 'The service cannot find the next token.');
    offset = decoded;
  }
  const results: Result[] = [];
  let seen = 0;
  let room = max;
  let more = false;
  for (const q of queries) {
    if (!q.returnData) continue;
    const series = seriesOf(q, ctx);
    const points =
      series === undefined
        ? { timestamps: [], values: [] }
        : datapoints(series, { start, end, now: ctx.now }, Math.max(60, q.period), q.stat);
    if (scan === 'TimestampDescending') {
      points.timestamps.reverse();
      points.values.reverse();
    }
    const n = points.timestamps.length;
    const before = seen;
    const skip = Math.min(n, Math.max(0, offset - before));
    seen += n;
    // Answered on an earlier page (a query without datapoints, on the page that reached it).
    if (n === 0 ? before < offset : skip === n) continue;
    if (room === 0) {
      more = true;
      break;
    }
    const take = Math.min(n - skip, room);
    room -= take;
    const cut = skip + take < n;
    if (cut) more = true;
    results.push({
      Id: q.id,
      Label: q.label,
      Timestamps: points.timestamps.slice(skip, skip + take).map((t) => new Date(t)),
      Values: points.values.slice(skip, skip + take),
      StatusCode: cut ? 'PartialData' : 'Complete',
      Messages: [],
    });
    if (cut) break;
  }
  const returned = offset + (max - room);
  return {
    MetricDataResults: results,
    Messages: [],
    ...(more ? { NextToken: encodeToken('GetMetricData', returned) } : {}),
  };
}
