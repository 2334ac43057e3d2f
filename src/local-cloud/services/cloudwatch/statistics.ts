import type { UsageSeries } from '../../usage/quota-usage.js';
import { SAMPLE_MS } from '../../usage/quota-usage.js';

export const BASIC_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
const PERCENTILE = /^p(\d{1,2}(\.\d{1,2})?|100)$/;

export const isStatistic = (stat: string): boolean =>
  (BASIC_STATISTICS as readonly string[]).includes(stat) || PERCENTILE.test(stat);

/** A bucket with more minutes than this is sampled evenly (counts and sums are still over every minute). */
const MAX_SAMPLES_PER_BUCKET = 1440;

function statOf(stat: string, samples: number[], minutes: number): number {
  const sum = samples.reduce((a, b) => a + b, 0);
  if (stat === 'SampleCount') return minutes;
  if (stat === 'Sum') return (sum / samples.length) * minutes;
  if (stat === 'Average') return sum / samples.length;
  if (stat === 'Minimum') return Math.min(...samples);
  if (stat === 'Maximum') return Math.max(...samples);
  const p = Number(stat.slice(1)) / 100;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/**
 * The datapoints of one statistic over [start, end): one per period, the period boundaries aligned to multiples of
 * the period (as CloudWatch rounds the start down), only periods with a minute sample in the range and not in the
 * future. Ascending.
 */
export function datapoints(
  series: UsageSeries,
  window: { start: number; end: number; now: number },
  periodSeconds: number,
  stat: string,
): { timestamps: number[]; values: number[] } {
  const periodMs = periodSeconds * 1000;
  const timestamps: number[] = [];
  const values: number[] = [];
  const last = Math.min(window.end, window.now + 1);
  for (let bucket = Math.floor(window.start / periodMs) * periodMs; bucket < last; bucket += periodMs) {
    // CloudWatch rounds the start down to the minute.
    const from = Math.max(bucket, Math.floor(window.start / SAMPLE_MS) * SAMPLE_MS);
    const to = Math.min(bucket + periodMs, last);
    const minutes = Math.ceil((to - from) / SAMPLE_MS);
    if (minutes <= 0) continue;
    const step = Math.max(1, Math.ceil(minutes / MAX_SAMPLES_PER_BUCKET)) * SAMPLE_MS;
    const samples: number[] = [];
    // A minute's sample is its last moment (the current minute's: now), so a load started this minute shows at once.
    for (let t = from; t < to; t += step) samples.push(series.at(Math.min(t + SAMPLE_MS - 1, window.now)));
    timestamps.push(bucket);
    values.push(statOf(stat, samples, minutes));
  }
  return { timestamps, values };
}
