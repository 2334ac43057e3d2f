import type { CeGroupKey, CostQuery } from '../../providers/aws/cost-explorer/requests.js';
import { addDays, isMonthStart, monthStart, nextMonthStart, type CostRange } from './dates.js';
import type { CostGroupBy } from './group-by.js';

export type Granularity = 'DAILY' | 'MONTHLY';

/** The Cost Explorer requests a report needs, before paging: as few as the grouping allows. */
export interface QueryPlan {
  /** The series (by period) per primary key; with monthly granularity it also holds the services. */
  series: CostQuery;
  /** The services per primary key over the range, for the top services, when `series` does not hold them. */
  services?: CostQuery;
  /** The comparison period's totals, when `series` cannot carry them. */
  previous?: CostQuery;
  /** The current month's forecast from today to the month's end. */
  forecast?: { start: string; end: string };
  /** For `--by tag:KEY`: whether the key is an active cost-allocation tag. */
  tagStatus?: string;
  /** `series` starts at the comparison period, which it then also answers. */
  seriesHoldsPrevious: boolean;
  /** `series` is grouped by [primary, SERVICE]. */
  seriesHoldsServices: boolean;
}

export const SERVICE: CeGroupKey = { type: 'DIMENSION', key: 'SERVICE' };

/** What Cost Explorer groups by first: the account (mapped to environments, kinds, teams), the service, or a tag. */
export function primaryKey(by: CostGroupBy): CeGroupKey {
  if (by.kind === 'service') return SERVICE;
  if (by.kind === 'tag') return { type: 'TAG', key: by.key };
  return { type: 'DIMENSION', key: 'LINKED_ACCOUNT' };
}

/**
 * One GetCostAndUsage for the series; the services per group in the same request when the series is monthly, else
 * one MONTHLY request grouped by [primary, SERVICE]; the comparison period inside the series request when it runs
 * on into the range at a period boundary, else one MONTHLY request of its own; one GetCostForecast when the range
 * reaches today; for a tag, one ListCostAllocationTags first.
 */
export function planQueries(range: CostRange, granularity: Granularity, by: CostGroupBy): QueryPlan {
  const primary = primaryKey(by);
  const end = addDays(range.to, 1);
  const previous = range.previous;
  const contiguous = previous !== null && addDays(previous.to, 1) === range.from;
  const seriesHoldsPrevious = contiguous && (granularity === 'DAILY' || isMonthStart(range.from));
  const seriesHoldsServices = granularity === 'MONTHLY' && by.kind !== 'service';
  const groupBy = seriesHoldsServices ? [primary, SERVICE] : [primary];
  const plan: QueryPlan = {
    series: { start: seriesHoldsPrevious ? previous!.from : range.from, end, granularity, groupBy },
    seriesHoldsPrevious,
    seriesHoldsServices,
  };
  if (!seriesHoldsServices && by.kind !== 'service')
    plan.services = { start: range.from, end, granularity: 'MONTHLY', groupBy: [primary, SERVICE] };
  if (previous !== null && !seriesHoldsPrevious)
    plan.previous = { start: previous.from, end: addDays(previous.to, 1), granularity: 'MONTHLY', groupBy: [primary] };
  if (range.includesToday) plan.forecast = { start: range.today, end: nextMonthStart(range.today) };
  if (by.kind === 'tag') plan.tagStatus = by.key;
  return plan;
}

/** How many requests the plan makes before any second page. */
export function plannedRequests(plan: QueryPlan): number {
  return 1 + (plan.services ? 1 : 0) + (plan.previous ? 1 : 0) + (plan.forecast ? 1 : 0) + (plan.tagStatus ? 1 : 0);
}

/** The label of a period start in the series: the day, or the month. */
export const periodLabel = (start: string, granularity: Granularity): string =>
  granularity === 'DAILY' ? start : start.slice(0, 7);

/** Every period label of [from, to] at the granularity. */
export function periodLabels(from: string, to: string, granularity: Granularity): string[] {
  const out: string[] = [];
  if (granularity === 'DAILY') {
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  } else {
    for (let m = monthStart(from); m <= to; m = nextMonthStart(m)) out.push(m.slice(0, 7));
  }
  return out;
}
