import { AwsApiError } from '../../errors.js';
import { quotaOfMetric, usageSeries } from '../../usage/quota-usage.js';
import type { HandlerContext } from '../registry.js';
import { dimensionsOf, listOf, missing, numberOf, timeOf, usageAccountOf } from './common.js';
import { validPeriod } from './metric-data.js';
import { BASIC_STATISTICS, datapoints, isStatistic } from './statistics.js';

/** GetMetricStatistics answers at most 1,440 datapoints a call (AWS). */
export const MAX_STATISTICS_DATAPOINTS = 1440;

const combination = (message: string): AwsApiError => new AwsApiError('InvalidParameterCombinationException', message);
const value = (message: string): AwsApiError => new AwsApiError('InvalidParameterValueException', message);

export function getMetricStatistics(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  for (const name of ['Namespace', 'MetricName']) if (typeof input[name] !== 'string') throw missing(name);
  const namespace = input.Namespace as string;
  const name = input.MetricName as string;
  const start = timeOf(input.StartTime, 'StartTime');
  const end = timeOf(input.EndTime, 'EndTime');
  const period = numberOf(input.Period);
  if (period === undefined) throw missing('Period');
  if (!validPeriod(period)) throw value('The parameter Period must be 1, 5, 10, 20, 30, or any multiple of 60.');
  if (start >= end) throw value('The parameter StartTime must be less than the parameter EndTime.');
  const basic = listOf(input.Statistics).map(String);
  const extended = listOf(input.ExtendedStatistics).map(String);
  if (basic.length === 0 && extended.length === 0)
    throw new AwsApiError(
      'MissingRequiredParameterException',
      'Must specify either Statistics or ExtendedStatistics, but not both.',
    );
  if (basic.length > 0 && extended.length > 0)
    throw combination('Must specify either Statistics or ExtendedStatistics, but not both.');
  for (const s of basic)
    if (!(BASIC_STATISTICS as readonly string[]).includes(s))
      throw value(`The value ${s} for parameter Statistics is not a valid statistic.`);
  for (const s of extended)
    if (!isStatistic(s) || !s.startsWith('p'))
      throw value(`The value ${s} for parameter ExtendedStatistics is not a valid extended statistic.`);
  const periodMs = Math.max(60, period) * 1000;
  const requested = Math.ceil((end - Math.floor(start / periodMs) * periodMs) / periodMs);
  if (requested > MAX_STATISTICS_DATAPOINTS)
    throw combination(
      `You have requested up to ${requested} datapoints, which exceeds the limit of ${MAX_STATISTICS_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  const quota = quotaOfMetric({ namespace, name, dimensions: dimensionsOf(input.Dimensions) });
  const account = usageAccountOf(ctx.store, ctx.principal.accountId);
  if (quota === undefined || account === undefined) return { Label: name, Datapoints: [] };
  const loads = [...ctx.store.values('cloudwatchLoads')].filter((l) => l.accountId === account.id);
  const series = usageSeries(quota, account, { store: ctx.store, seed: ctx.config.cost.seed, loads });
  const window = { start, end, now: ctx.now };
  const columns = [...basic, ...extended].map((s) => ({ s, points: datapoints(series, window, periodMs / 1000, s) }));
  const Datapoints = (columns[0]?.points.timestamps ?? []).map((t, i) => {
    const d: Record<string, unknown> = { Timestamp: new Date(t), Unit: 'None' };
    const ext: Record<string, number> = {};
    for (const c of columns) {
      const v = c.points.values[i] ?? 0;
      if (extended.includes(c.s)) ext[c.s] = v;
      else d[c.s] = v;
    }
    if (extended.length > 0) d.ExtendedStatistics = ext;
    return d;
  });
  return { Label: name, Datapoints };
}
