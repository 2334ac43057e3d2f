import { AwsApiError } from '../../errors.js';
import { dayOf, dayOfTime, isoDay } from '../../usage/synthetic-cost.js';
import { jsonInput, smithyValidationMessage } from '../json-input.js';

/** Cost Explorer answers every bad value with ValidationException (its model has no other input error). */
export const validation = (message: string): AwsApiError => new AwsApiError('ValidationException', message);

/** Messages as the model documents the errors (the service's own wording where it is known from its answers). */
export const invalidNextToken = (): AwsApiError =>
  new AwsApiError(
    'InvalidNextTokenException',
    'The pagination token is invalid. Try again without a pagination token.',
  );
export const requestChanged = (): AwsApiError =>
  new AwsApiError(
    'RequestChangedException',
    'Your request parameters changed between pages. Try again with the old parameters or without a pagination token.',
  );
/** AWS's answer when a forecast has nothing to learn from (seen from GetCostForecast for new accounts). */
export const dataUnavailable = (): AwsApiError =>
  new AwsApiError('DataUnavailableException', 'Insufficient amount of historical data.');

export const { optString, reqString, optInt, optObject, optList, optStringList } = jsonInput((_p, message, detail) =>
  validation(detail === undefined ? message : smithyValidationMessage(detail)),
);

const YEAR_MONTH_DAY = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}Z)?$/;

export interface DayRange {
  /** First day (inclusive) and last day (exclusive), as UTC day numbers. */
  start: number;
  end: number;
}

/** Reads `TimePeriod` {Start, End}: dates (a time part is accepted and dropped: DAILY and MONTHLY are whole days). */
export function readTimePeriod(input: Record<string, unknown>, name = 'TimePeriod'): DayRange {
  const period = optObject(input, name);
  if (period === undefined)
    throw validation(smithyValidationMessage({ member: name, value: null, constraint: 'Member must not be null' }));
  const read = (member: 'Start' | 'End'): number => {
    const text = reqString(period, member, { max: 40 });
    const m = YEAR_MONTH_DAY.exec(text);
    const day = m === null ? NaN : dayOf(m[1]!);
    if (!Number.isFinite(day) || isoDay(day) !== m?.[1])
      throw validation(`${member} date ${text} is not a valid date; use YYYY-MM-DD.`);
    return day;
  };
  return { start: read('Start'), end: read('End') };
}

/** UTC day number of `now`. */
export const today = (now: number): number => dayOfTime(now);

/** First day of the month `offset` months from the month of `day`. */
export function monthStart(day: number, offset = 0): number {
  const d = new Date(day * 86_400_000);
  return dayOfTime(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
}

/** AWS: Cost Explorer keeps the current month and the 13 months before it (more only with multi-year data, opt-in). */
export const HISTORY_MONTHS = 13;

export const METRIC_NAMES = [
  'AmortizedCost',
  'BlendedCost',
  'NetAmortizedCost',
  'NetUnblendedCost',
  'NormalizedUsageAmount',
  'UnblendedCost',
  'UsageQuantity',
] as const;
