import { isoDay } from '../../usage/synthetic-cost.js';
import { typeError } from '../json-input.js';
import type { HandlerContext } from '../registry.js';
import {
  HISTORY_MONTHS,
  METRIC_NAMES,
  monthStart,
  optList,
  optString,
  readTimePeriod,
  today,
  validation,
  type DayRange,
} from './common.js';
import { compileFilter, type Predicate } from './filter.js';

export type Granularity = 'DAILY' | 'MONTHLY';

export interface GroupDefinition {
  Type: 'DIMENSION' | 'TAG' | 'COST_CATEGORY';
  Key: string;
}

export interface CostQuery {
  range: DayRange;
  granularity: Granularity;
  /** As the caller spelled them (the response's Metrics keys echo them). */
  metrics: string[];
  groupBy: GroupDefinition[];
  filter: Predicate | undefined;
}

/** The dimensions the local bill can group by (AWS has more: AZ, INSTANCE_TYPE, USAGE_TYPE…; see docs/fidelity.md). */
export const GROUPABLE_DIMENSIONS = ['LINKED_ACCOUNT', 'SERVICE', 'RECORD_TYPE'] as const;
/** AWS's list of GroupBy dimensions (API reference, GetCostAndUsage GroupBy). */
const AWS_GROUP_DIMENSIONS = [
  'AZ',
  'INSTANCE_TYPE',
  'LEGAL_ENTITY_NAME',
  'INVOICING_ENTITY',
  'LINKED_ACCOUNT',
  'OPERATION',
  'PLATFORM',
  'PURCHASE_TYPE',
  'SERVICE',
  'TENANCY',
  'RECORD_TYPE',
  'USAGE_TYPE',
];

/** Cost Explorer accepts a metric by its name or in the enum spelling (`UNBLENDED_COST`). */
const METRIC_ALIASES = new Map<string, string>(
  METRIC_NAMES.flatMap((m) => [
    [m, m],
    [m.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(), m],
  ]),
);

export const canonicalMetric = (name: string): string | undefined => METRIC_ALIASES.get(name);

/**
 * The period the bill can answer for, as AWS checks it: Start before End ("Start date (and hour) should be before end
 * date (and hour)", AWS's words), Start not after today, End not past the first day of next month ("end date past the
 * beginning of next month"), and Start within the current month and the 13 before it.
 */
export function checkHistoryRange(range: DayRange, now: number): void {
  if (range.start >= range.end) throw validation('Start date (and hour) should be before end date (and hour)');
  const t = today(now);
  if (range.start > t) throw validation('Start date must be equal to or no later than the current date');
  if (range.end > monthStart(t, 1)) throw validation('end date past the beginning of next month');
  const oldest = monthStart(t, -HISTORY_MONTHS);
  if (range.start < oldest)
    throw validation(
      `Start date ${isoDay(range.start)} is too old: Cost Explorer keeps data from ${isoDay(oldest)} (the current month and the ${HISTORY_MONTHS} before it) unless multi-year data is enabled`,
    );
}

export function readGranularity(input: Record<string, unknown>): Granularity {
  const g = optString(input, 'Granularity', { values: ['DAILY', 'MONTHLY', 'HOURLY'] });
  if (g === undefined) throw validation('Granularity is required: DAILY or MONTHLY.');
  // AWS: hourly data needs the opt-in in Cost Explorer's preferences (and covers only the last 14 days).
  if (g === 'HOURLY')
    throw validation(
      'Hourly granularity is not enabled for this account. Enable hourly granularity in Cost Explorer preferences.',
    );
  return g as Granularity;
}

function readMetrics(input: Record<string, unknown>): string[] {
  const list = optList(input, 'Metrics');
  if (list === undefined || list.length === 0) throw validation('Metrics is required: at least one metric.');
  const out: string[] = [];
  for (const m of list) {
    if (typeof m !== 'string') throw typeError('Metrics member', 'a string');
    if (canonicalMetric(m) === undefined)
      throw validation(`Metric ${m} is not valid. Valid values are ${METRIC_NAMES.join(', ')}.`);
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

function readGroupBy(input: Record<string, unknown>): GroupDefinition[] {
  const list = optList(input, 'GroupBy') ?? [];
  if (list.length > 2) throw validation('You can group by at most two group definitions.');
  const out: GroupDefinition[] = [];
  for (const raw of list) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw typeError('GroupBy member', 'a structure');
    const g = raw as Record<string, unknown>;
    const type = optString(g, 'Type', { values: ['DIMENSION', 'TAG', 'COST_CATEGORY'] });
    const key = optString(g, 'Key', { max: 1024 });
    if (type === undefined || key === undefined || key === '') throw validation('Group Definition type is invalid.');
    if (type === 'DIMENSION') {
      if (!AWS_GROUP_DIMENSIONS.includes(key)) throw validation('Group Definition dimension is invalid.');
      if (!(GROUPABLE_DIMENSIONS as readonly string[]).includes(key))
        throw validation(
          `Grouping by ${key} is not supported by the local cloud's bill (it has ${GROUPABLE_DIMENSIONS.join(', ')} and tags).`,
        );
    }
    if (out.some((o) => o.Type === type && o.Key === key)) throw validation('Group Definitions must be unique.');
    out.push({ Type: type as GroupDefinition['Type'], Key: key });
  }
  return out;
}

export function readCostQuery(
  input: Record<string, unknown>,
  ctx: HandlerContext,
  active: ReadonlySet<string>,
): CostQuery {
  const range = readTimePeriod(input);
  const granularity = readGranularity(input);
  const metrics = readMetrics(input);
  const groupBy = readGroupBy(input);
  const filter = input.Filter === undefined || input.Filter === null ? undefined : compileFilter(input.Filter, active);
  optString(input, 'BillingViewArn', { min: 20, max: 2048 });
  checkHistoryRange(range, ctx.now);
  return { range, granularity, metrics, groupBy, filter };
}

/** The result periods of a range: each day, or each calendar month clipped to the range. */
export function periodsOf(range: DayRange, granularity: Granularity): DayRange[] {
  const out: DayRange[] = [];
  for (let s = range.start; s < range.end;) {
    const e = granularity === 'DAILY' ? s + 1 : Math.min(range.end, monthStart(s, 1));
    out.push({ start: s, end: e });
    s = e;
  }
  return out;
}
