import { BulkheadError } from '../../core/errors.js';

// Calendar arithmetic on ISO dates (`YYYY-MM-DD`, UTC), and the range a `bulkhead cost` report covers.

const DAY_MS = 86_400_000;

export const dayNumber = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
export const isoOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number): string => isoOfDay(dayNumber(iso) + days);
export const todayOf = (now: number): string => new Date(now).toISOString().slice(0, 10);

function parts(iso: string): { y: number; m: number; d: number } {
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
}

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The date `months` calendar months before or after, its day kept or clamped to the month's last. */
export function addMonths(iso: string, months: number): string {
  const { y, m, d } = parts(iso);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const monthStart = (iso: string): string => `${iso.slice(0, 7)}-01`;
export const isMonthStart = (iso: string): boolean => iso.endsWith('-01');
export const isMonthEnd = (iso: string): boolean => {
  const { y, m, d } = parts(iso);
  return d === daysInMonth(y, m);
};
export const nextMonthStart = (iso: string): string => addMonths(monthStart(iso), 1);

/** Cost Explorer keeps 13 months back plus the current month: the first day it still answers for. */
export const CE_MONTHS_KEPT = 13;
export const earliestDate = (today: string): string => addMonths(monthStart(today), -CE_MONTHS_KEPT);

export interface Period {
  /** Inclusive. */
  from: string;
  /** Inclusive. */
  to: string;
}

export interface CostRange extends Period {
  today: string;
  earliest: string;
  /** What month-over-month compares with: the previous month(s) alike, else the period of the same length before. */
  previous: (Period & { label: string }) | null;
  /** Why there is no comparison, when there is none. */
  previousUnavailable?: string;
  /** The range reaches today: the month's forecast applies. */
  includesToday: boolean;
  notes: string[];
}

function parseDate(flag: string, text: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) && Number.isFinite(dayNumber(text)) && isoOfDay(dayNumber(text)) === text;
  if (!ok)
    throw new BulkheadError('E-COST-DATE-FORMAT', `${flag} "${text}" is not a date in the form YYYY-MM-DD`, {
      hint: `for example ${flag} 2026-01-31 (a real calendar day, UTC)`,
    });
  return text;
}

/** The period month-over-month compares with (the previous month for a month so far). */
export function previousPeriod(from: string, to: string): Period & { label: string } {
  if (isMonthStart(from)) {
    const months =
      (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
    const prevFrom = addMonths(from, -months);
    const shifted = addMonths(to, -months);
    const prevTo = isMonthEnd(to) ? addDays(nextMonthStart(shifted), -1) : shifted;
    return { from: prevFrom, to: prevTo, label: months === 1 ? 'previous month' : `previous ${months} months` };
  }
  const length = dayNumber(to) - dayNumber(from) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1), label: `previous ${length} days` };
}

/**
 * The report's range from `--from`/`--to` (inclusive days, UTC): default the current month so far; `--to` after
 * today is cut to today. Wrong formats, a start after the end or in the future, and a start before what Cost
 * Explorer keeps are refused (E-COST-DATE-*).
 */
export function resolveRange(input: { from?: string; to?: string }, now: number): CostRange {
  const today = todayOf(now);
  const earliest = earliestDate(today);
  const notes: string[] = [];
  const fromGiven = input.from === undefined ? undefined : parseDate('--from', input.from);
  let to = input.to === undefined ? undefined : parseDate('--to', input.to);
  const from = fromGiven ?? monthStart(to !== undefined && to < today ? to : today);
  if (from > today)
    throw new BulkheadError('E-COST-DATE-FUTURE', `--from ${from} is in the future (today is ${today}, UTC)`, {
      hint: 'Cost Explorer reports what was spent: start today or earlier; the forecast covers the rest of this month',
    });
  if (to !== undefined && to < from)
    throw new BulkheadError('E-COST-DATE-ORDER', `--to ${to} is before --from ${from}`, {
      hint: 'give the earlier date as --from and the later one as --to',
    });
  if (from < earliest)
    throw new BulkheadError(
      'E-COST-DATE-RANGE',
      `--from ${from} is older than Cost Explorer keeps: 13 months back plus the current month, so the earliest start is ${earliest}`,
      { hint: `use --from ${earliest} or later` },
    );
  if (to === undefined) to = today;
  else if (to > today) {
    notes.push(`--to ${to} is in the future: the report ends today, ${today}`);
    to = today;
  }
  const previous = previousPeriod(from, to);
  const range: CostRange = { from, to, today, earliest, previous, includesToday: to === today, notes };
  if (previous.from < earliest) {
    range.previous = null;
    range.previousUnavailable = `the ${previous.label} (${previous.from} to ${previous.to}) is older than Cost Explorer keeps`;
  }
  return range;
}
