/**
 * Date condition operators. AWS accepts ISO 8601 dates and times (`2025-01-31`, `2025-01-31T12:00:00Z`) and
 * epoch seconds. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 */
import type { OperatorFamily } from './value-matcher.js';

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

function dateFamily(compare: (request: number, policy: number) => boolean): OperatorFamily {
  return {
    check: (v) => (parseDate(v) === undefined ? `"${v}" is not an ISO 8601 date or epoch seconds` : undefined),
    compile(values) {
      const dates = values.map(parseDate).filter((n): n is number => n !== undefined);
      return (rv) => {
        const d = parseDate(rv);
        if (d === undefined) return false;
        for (const p of dates) if (compare(d, p)) return true;
        return false;
      };
    },
  };
}

export const dateEquals = dateFamily((r, p) => r === p);
export const dateLessThan = dateFamily((r, p) => r < p);
export const dateLessThanEquals = dateFamily((r, p) => r <= p);
export const dateGreaterThan = dateFamily((r, p) => r > p);
export const dateGreaterThanEquals = dateFamily((r, p) => r >= p);
