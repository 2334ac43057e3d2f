import { dayOfTime } from '../../usage/synthetic-cost.js';

/** A budget period as UTC day numbers: `start` inclusive, `end` exclusive. */
export interface DayRange {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;
const dayOfUtc = (year: number, month: number, date = 1): number => Date.UTC(year, month, date) / DAY_MS;

/** The period of `timeUnit` that contains the instant `now` (UTC calendar: months, quarters, years). */
export function periodAt(timeUnit: string, now: number): DayRange {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (timeUnit) {
    case 'DAILY': {
      const today = dayOfTime(now);
      return { start: today, end: today + 1 };
    }
    case 'QUARTERLY': {
      const q = m - (m % 3);
      return { start: dayOfUtc(y, q), end: dayOfUtc(y, q + 3) };
    }
    case 'ANNUALLY':
      return { start: dayOfUtc(y, 0), end: dayOfUtc(y + 1, 0) };
    default:
      return { start: dayOfUtc(y, m), end: dayOfUtc(y, m + 1) };
  }
}

/** The budget's current period: its time unit's period at `now` (CUSTOM: its whole TimePeriod), within the TimePeriod. */
export function currentPeriod(
  budget: { timeUnit: string; periodStart: number; periodEnd: number },
  now: number,
): DayRange {
  const bounds = { start: dayOfTime(budget.periodStart), end: Math.ceil(budget.periodEnd / DAY_MS) };
  const p = budget.timeUnit === 'CUSTOM' ? bounds : periodAt(budget.timeUnit, now);
  return {
    start: Math.max(p.start, bounds.start),
    end: Math.max(Math.max(p.start, bounds.start), Math.min(p.end, bounds.end)),
  };
}

/** The periods of `timeUnit` overlapping [start, end) (day numbers), for the performance history. */
export function periodsBetween(timeUnit: string, start: number, end: number): DayRange[] {
  const out: DayRange[] = [];
  let at = start;
  while (at < end && out.length < 1000) {
    const p = periodAt(timeUnit, at * DAY_MS);
    out.push({ start: Math.max(p.start, start), end: Math.min(p.end, end) });
    at = p.end;
  }
  return out;
}

export const dayStartMs = (day: number): number => day * DAY_MS;
