import type { CloudWatchClient, MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';

/** A quota's usage metric, as Service Quotas' UsageMetric names it. */
export interface UsageMetric {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  /** MetricStatisticRecommendation (Maximum, Sum…): the statistic each period is read with. */
  statistic: string;
}

/** GetMetricData takes at most 500 queries per call. */
export const QUERIES_PER_CALL = 500;

/** One period over the whole window (whole minutes, at least one), so each query answers a few datapoints at most. */
function periodOf(window: { start: Date; end: Date }): number {
  const seconds = Math.ceil((window.end.getTime() - window.start.getTime()) / 1000);
  return Math.max(60, Math.ceil(seconds / 60) * 60);
}

/**
 * The usage of each metric over the window: the highest datapoint of its statistic (how close the quota came to its
 * limit), or undefined when the metric has no datapoints there. One GetMetricData call per 500 metrics (plus its
 * NextToken pages); answers in the order asked.
 */
export async function readQuotaUsage(
  client: CloudWatchClient,
  metrics: readonly UsageMetric[],
  window: { start: Date; end: Date },
): Promise<(number | undefined)[]> {
  const out: (number | undefined)[] = metrics.map(() => undefined);
  const period = periodOf(window);
  for (let first = 0; first < metrics.length; first += QUERIES_PER_CALL) {
    const batch = metrics.slice(first, first + QUERIES_PER_CALL);
    const queries: MetricDataQuery[] = batch.map((m, i) => ({
      Id: `q${first + i}`,
      MetricStat: {
        Metric: {
          Namespace: m.namespace,
          MetricName: m.name,
          Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })),
        },
        Period: period,
        Stat: m.statistic,
      },
      ReturnData: true,
    }));
    let token: string | undefined;
    do {
      const page = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: window.start,
          EndTime: window.end,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const r of page.MetricDataResults ?? []) merge(out, r);
      token = page.NextToken;
    } while (token !== undefined && token !== '');
  }
  return out;
}

function merge(out: (number | undefined)[], r: MetricDataResult): void {
  const index = Number((r.Id ?? '').slice(1));
  if (!Number.isInteger(index) || index < 0 || index >= out.length) return;
  for (const v of r.Values ?? []) {
    const was = out[index];
    if (was === undefined || v > was) out[index] = v;
  }
}
