import { addDayMicros, dayCalendar, type DayCalendar } from '../../usage/synthetic-cost.js';
import type { DayRange } from './common.js';
import type { CostQuery, GroupDefinition } from './cost-query.js';
import { dimensionValue, tagValue, type CostLine } from './filter.js';
import type { BilledAccount, BillScope } from './scope.js';

/**
 * The bill of one query, prepared once and shared by its pages: which services of which account the filter keeps,
 * and the group every (account, service) falls in, as an index. Summing a period is then integer additions into an
 * array: no strings, hashes or objects per value.
 */
export interface PreparedBill {
  accounts: readonly BilledAccount[];
  /** Per account: the services the filter keeps (undefined: all), or null when it keeps none. */
  masks: (boolean[] | undefined | null)[];
  /** Per account, per service: the index of its group in `groups`. */
  groupOf: Int32Array[];
  /** Group keys, sorted. One group with no keys when the query does not group. */
  groups: readonly string[][];
  /** Days before this one have a cost (today is not over yet). */
  costEnd: number;
  /** Period results computed so far, by period index. */
  periods: Map<number, PeriodSums>;
}

/** The groups of a period that cost something: group indexes in `groups` order, and their micro-dollars. */
export interface PeriodSums {
  groups: number[];
  micros: number[];
  total: number;
}

const calendars = new Map<number, DayCalendar>();
function calendarOf(day: number): DayCalendar {
  let cal = calendars.get(day);
  if (cal === undefined) {
    if (calendars.size > 4096) calendars.clear();
    cal = dayCalendar(day);
    calendars.set(day, cal);
  }
  return cal;
}

function groupKey(g: GroupDefinition, line: CostLine, active: ReadonlySet<string>): string {
  if (g.Type === 'TAG') return `${g.Key}$${tagValue(g.Key, line, active) ?? ''}`;
  if (g.Type === 'COST_CATEGORY') return `${g.Key}$`;
  return dimensionValue(g.Key, line) ?? '';
}

export function prepareBill(
  scope: BillScope,
  query: CostQuery,
  active: ReadonlySet<string>,
  costEnd: number,
): PreparedBill {
  const keyIndex = new Map<string, number>();
  const keyLists: string[][] = [];
  const rawGroupOf: number[][] = [];
  const masks: (boolean[] | undefined | null)[] = [];
  for (const account of scope.accounts) {
    const services = account.model.services;
    let mask: boolean[] | undefined | null;
    if (query.filter === undefined) mask = undefined;
    else {
      const m = services.map((service) => query.filter!({ account, service }));
      mask = m.every(Boolean) ? undefined : m.some(Boolean) ? m : null;
    }
    masks.push(mask);
    rawGroupOf.push(
      services.map((service) => {
        const keys = query.groupBy.map((g) => groupKey(g, { account, service }, active));
        const joined = keys.join('\u0000');
        let idx = keyIndex.get(joined);
        if (idx === undefined) {
          idx = keyLists.length;
          keyIndex.set(joined, idx);
          keyLists.push(keys);
        }
        return idx;
      }),
    );
  }
  // Groups in key order; remap the indexes.
  const order = keyLists.map((_, i) => i).sort((a, b) => compareKeys(keyLists[a]!, keyLists[b]!));
  const rank = new Int32Array(order.length);
  order.forEach((old, i) => (rank[old] = i));
  return {
    accounts: scope.accounts,
    masks,
    groupOf: rawGroupOf.map((row) => Int32Array.from(row, (old) => rank[old]!)),
    groups: order.map((i) => keyLists[i]!),
    costEnd,
    periods: new Map(),
  };
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The sums of one period (cached on the prepared bill: a period cut by a page boundary is summed once). */
export function periodSums(bill: PreparedBill, index: number, period: DayRange): PeriodSums {
  const hit = bill.periods.get(index);
  if (hit !== undefined) return hit;
  const sums = new Float64Array(bill.groups.length);
  const scratch: number[] = [];
  for (let a = 0; a < bill.accounts.length; a++) {
    const mask = bill.masks[a];
    if (mask === null) continue;
    const account = bill.accounts[a]!;
    const hi = Math.min(period.end, bill.costEnd, account.stopDay ?? Infinity);
    if (hi <= period.start) continue;
    scratch.length = 0;
    for (let d = period.start; d < hi; d++) addDayMicros(account.model, calendarOf(d), scratch, mask);
    const groupOf = bill.groupOf[a]!;
    for (let s = 0; s < scratch.length; s++) {
      const v = scratch[s];
      if (v !== undefined && v > 0) sums[groupOf[s]!]! += v;
    }
  }
  const result: PeriodSums = { groups: [], micros: [], total: 0 };
  for (let g = 0; g < sums.length; g++) {
    const v = sums[g]!;
    if (v <= 0) continue;
    result.groups.push(g);
    result.micros.push(v);
    result.total += v;
  }
  bill.periods.set(index, result);
  return result;
}
