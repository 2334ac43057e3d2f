import { dayCalendar, expectedDailyMicros, isoDay, microsToAmount } from '../../usage/synthetic-cost.js';
import type { HandlerContext } from '../registry.js';
import { activeTagKeys } from './allocation-tags.js';
import { dataUnavailable, monthStart, optInt, optString, readTimePeriod, today, validation } from './common.js';
import { periodsOf, readGranularity } from './cost-query.js';
import { compileFilter } from './filter.js';
import { billScope } from './scope.js';

const FORECAST_METRICS = [
  'BLENDED_COST',
  'UNBLENDED_COST',
  'AMORTIZED_COST',
  'NET_UNBLENDED_COST',
  'NET_AMORTIZED_COST',
  'USAGE_QUANTITY',
  'NORMALIZED_USAGE_AMOUNT',
];

/** AWS: up to 3 months of DAILY forecasts, 18 months of MONTHLY ones. */
const DAILY_MONTHS = 3;
const MONTHLY_MONTHS = 18;

/**
 * GetCostForecast: the mean is the bill's expectation (expectedDailyMicros: the profile, weekly rhythm, month-end
 * spike and growth, without the day-to-day noise), summed over the accounts and services the filter keeps. The
 * prediction interval widens with the level asked (default 80): ±5% at 51 up to ±20% at 99.
 */
export function getCostForecast(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const range = readTimePeriod(input);
  const metric = optString(input, 'Metric', { values: FORECAST_METRICS });
  if (metric === undefined) throw validation('Metric is required.');
  const granularity = readGranularity(input);
  const level = optInt(input, 'PredictionIntervalLevel') ?? 80;
  if (level < 51 || level > 99)
    throw validation(
      `1 validation error detected: Value '${level}' at 'predictionIntervalLevel' failed to satisfy constraint: Member must have value between 51 and 99`,
    );
  const t = today(ctx.now);
  if (range.start >= range.end)
    throw validation(`Requested Start: ${isoDay(range.start)} must be before requested End: ${isoDay(range.end)}`);
  if (range.start < t) throw validation(`Start date must be equal to or later than the current date: ${isoDay(t)}`);
  const months = granularity === 'DAILY' ? DAILY_MONTHS : MONTHLY_MONTHS;
  if (range.end > monthStart(t, months + 1))
    throw validation(`A ${granularity} forecast covers at most ${months} months from the current month.`);
  const scope = billScope(ctx);
  const active = activeTagKeys(ctx.store, scope.payerAccountId);
  const filter = input.Filter === undefined || input.Filter === null ? undefined : compileFilter(input.Filter, active);
  const kept = scope.accounts
    .map((account) => ({
      account,
      mask: filter === undefined ? undefined : account.model.services.map((service) => filter({ account, service })),
    }))
    .filter((k) => k.mask === undefined || k.mask.some(Boolean));
  const dayMean = (d: number): number => {
    let total = 0;
    const cal = dayCalendar(d);
    for (const { account, mask } of kept) {
      if (account.stopDay !== undefined && d >= account.stopDay) continue;
      if (mask === undefined) {
        total += expectedDailyMicros(account.model, d);
        continue;
      }
      const m = account.model;
      const f = (cal.weekend ? m.weekendFactor : 1) * (cal.monthEnd ? m.monthEndFactor : 1) * cal.growth;
      let sum = 0;
      m.baseDailyMicros.forEach((base, i) => {
        if (mask[i] === true) sum += base * f;
      });
      total += Math.round(sum);
    }
    return total;
  };
  const width = 0.05 + (0.15 * (level - 51)) / 48;
  const usage = metric === 'USAGE_QUANTITY' || metric === 'NORMALIZED_USAGE_AMOUNT';
  const scale = metric === 'USAGE_QUANTITY' ? 20 : metric === 'NORMALIZED_USAGE_AMOUNT' ? 0 : 1;
  const amount = (micros: number): string => microsToAmount(Math.round(micros * scale));
  let total = 0;
  const results = periodsOf(range, granularity).map((p) => {
    let mean = 0;
    for (let d = p.start; d < p.end; d++) mean += dayMean(d);
    total += mean;
    return {
      TimePeriod: { Start: isoDay(p.start), End: isoDay(p.end) },
      MeanValue: amount(mean),
      PredictionIntervalLowerBound: amount(mean * (1 - width)),
      PredictionIntervalUpperBound: amount(mean * (1 + width)),
    };
  });
  if (total === 0 && metric !== 'NORMALIZED_USAGE_AMOUNT') throw dataUnavailable();
  return { Total: { Amount: amount(total), Unit: usage ? 'N/A' : 'USD' }, ForecastResultsByTime: results };
}
