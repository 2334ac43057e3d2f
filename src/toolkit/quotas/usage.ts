import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { readQuotaUsage } from '../../providers/aws/cloudwatch/usage.js';
import type { QuotaUsageReader } from './quotas.js';

/** How far back usage is read: the last hour's peak, as the Service Quotas console shows it. */
export const USAGE_WINDOW_MS = 60 * 60_000;

/**
 * Usage from CloudWatch in the account (GetMetricData on each quota's usage metric, at most 500 a call): the peak of
 * the last hour. Quotas without a usage metric (AWS reports none for them) stay unknown; so does every quota of an
 * account whose CloudWatch cannot be read (the report shows it as unknown rather than failing).
 */
export function cloudWatchUsage(now: () => number = Date.now): QuotaUsageReader {
  return async (clientFor, quotas) => {
    const withMetric = quotas.flatMap((q, i) => (q.usageMetric ? [{ i, metric: q.usageMetric }] : []));
    const out: (number | undefined)[] = quotas.map(() => undefined);
    if (withMetric.length === 0) return out;
    const end = new Date(now());
    const start = new Date(end.getTime() - USAGE_WINDOW_MS);
    try {
      const client = await clientFor(CloudWatchClient);
      const values = await readQuotaUsage(
        client,
        withMetric.map((m) => m.metric),
        { start, end },
      );
      withMetric.forEach((m, k) => (out[m.i] = values[k]));
    } catch {
      // Unknown usage is what the report shows when CloudWatch says no (permissions, a Region without it).
    }
    return out;
  };
}
