import type { AccountCostModel } from '../../usage/synthetic-cost.js';
import { dailyMicros, expectedDailyMicros } from '../../usage/synthetic-cost.js';

/**
 * A memo of each account's daily totals (all services), actual and expected: the synthetic bill is a pure function
 * of the model and the day, and a budget over a whole organization for a year reads hundreds of thousands of them on
 * every evaluation. Kept per model identity (seed-derived key, profile and scale), by year, NaN until computed;
 * dropped whole past a bound, so memory stays small.
 */
const MAX_MODELS = 20_000;
const YEAR = 366;

interface Memo {
  actual: Map<number, Float64Array>;
  expected: Map<number, Float64Array>;
}

const memos = new Map<string, Memo>();

function memoOf(model: AccountCostModel): Memo {
  const id = `${model.key}|${model.profile}|${model.scale}`;
  let m = memos.get(id);
  if (m === undefined) {
    if (memos.size >= MAX_MODELS) memos.clear();
    m = { actual: new Map(), expected: new Map() };
    memos.set(id, m);
  }
  return m;
}

function cached(byYear: Map<number, Float64Array>, day: number, compute: () => number): number {
  const year = Math.floor(day / YEAR);
  let slot = byYear.get(year);
  if (slot === undefined) {
    slot = new Float64Array(YEAR).fill(Number.NaN);
    byYear.set(year, slot);
  }
  const i = day - year * YEAR;
  const hit = slot[i] ?? Number.NaN;
  if (!Number.isNaN(hit)) return hit;
  const value = compute();
  slot[i] = value;
  return value;
}

/** The account's memoised days: its whole bill on a day (the sum of `dailyMicros`) and `expectedDailyMicros`. */
export function accountDays(model: AccountCostModel): { total(day: number): number; expected(day: number): number } {
  const memo = memoOf(model);
  return {
    total: (day) => cached(memo.actual, day, () => dailyMicros(model, day).reduce((a, b) => a + b, 0)),
    expected: (day) => cached(memo.expected, day, () => expectedDailyMicros(model, day)),
  };
}
