/**
 * Date condition operators. AWS accepts ISO 8601 dates and times (`2025-01-31`, `2025-01-31T12:00:00Z`) and
 * epoch seconds. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 */
import { orderedFamilies } from './ordered.js';

const EPOCH = /^\d+$/;
const ISO = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/** Milliseconds since the epoch, or undefined when the value is not a date AWS understands. */
export function parseDate(value: string): number | undefined {
  const v = value.trim();
  if (EPOCH.test(v)) return Number(v) * 1000;
  if (!ISO.test(v)) return undefined;
  // Date-only and zone-less ISO strings are read as UTC, as AWS does.
  const withZone = /[Zz]|[+-]\d{2}:?\d{2}$/.test(v.slice(10)) ? v : v.length === 10 ? `${v}T00:00:00Z` : `${v}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

const date = orderedFamilies(parseDate, 'an ISO 8601 date or epoch seconds');

export const dateEquals = date.equals;
export const dateLessThan = date.lessThan;
export const dateLessThanEquals = date.lessThanEquals;
export const dateGreaterThan = date.greaterThan;
export const dateGreaterThanEquals = date.greaterThanEquals;
