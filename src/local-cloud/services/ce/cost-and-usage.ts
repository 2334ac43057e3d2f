import { isoDay, microsToAmount } from '../../usage/synthetic-cost.js';
import type { HandlerContext } from '../registry.js';
import { invalidNextToken, monthStart, optString, today } from './common.js';
import { activeTagKeys } from './allocation-tags.js';
import { prepareBill, periodSums, type PreparedBill } from './bill-periods.js';
import { canonicalMetric, periodsOf, readCostQuery, type CostQuery } from './cost-query.js';
import { decodePageToken, encodePageToken, requestFingerprint, type PagePosition } from './page-token.js';
import { billScope, type BillScope } from './scope.js';

/**
 * How many groups one page holds. AWS does not document its page size; it pages grouped results with NextPageToken,
 * a period's groups continuing on the next page. 5,000 keeps a page near 1 MB of JSON.
 */
export const GROUPS_PER_PAGE = 5000;

const prepared = new WeakMap<BillScope, Map<string, PreparedBill>>();

function preparedBill(scope: BillScope, key: string, make: () => PreparedBill): PreparedBill {
  let byKey = prepared.get(scope);
  if (byKey === undefined) prepared.set(scope, (byKey = new Map()));
  let bill = byKey.get(key);
  if (bill === undefined) {
    if (byKey.size >= 16) byKey.delete(byKey.keys().next().value!);
    bill = make();
    byKey.set(key, bill);
  }
  return bill;
}

/** A metric's value as Cost Explorer writes it: costs in USD; usage as a quantity of no single unit ("N/A"). */
export function metricValues(
  metrics: readonly string[],
  micros: number,
): Record<string, { Amount: string; Unit: string }> {
  const out: Record<string, { Amount: string; Unit: string }> = {};
  for (const m of metrics) {
    const name = canonicalMetric(m);
    // Usage: one synthetic unit per 5 cents spent (the bill has no usage types to count in).
    if (name === 'UsageQuantity') out[m] = { Amount: microsToAmount(micros * 20), Unit: 'N/A' };
    else if (name === 'NormalizedUsageAmount') out[m] = { Amount: '0', Unit: 'N/A' };
    else out[m] = { Amount: microsToAmount(micros), Unit: 'USD' };
  }
  return out;
}

export function getCostAndUsage(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const scope = billScope(ctx);
  const active = activeTagKeys(ctx.store, scope.payerAccountId);
  const query = readCostQuery(input, ctx, active);
  const token = optString(input, 'NextPageToken', { max: 8192 });
  const t = today(ctx.now);
  const fingerprint = requestFingerprint('GetCostAndUsage', input, ctx.principal.accountId);
  const start: PagePosition =
    token === undefined || token === '' ? { period: 0, group: 0 } : decodePageToken(fingerprint, token);
  const periods = periodsOf(query.range, query.granularity);
  if (start.period >= periods.length) throw invalidNextToken();
  const bill = preparedBill(scope, `${fingerprint}|${t}`, () => prepareBill(scope, query, active, t));
  return page(bill, query, periods, start, fingerprint, monthStart(t));
}

function page(
  bill: PreparedBill,
  query: CostQuery,
  periods: ReturnType<typeof periodsOf>,
  start: PagePosition,
  fingerprint: string,
  openFrom: number,
): unknown {
  const grouped = query.groupBy.length > 0;
  const accountKey = query.groupBy.findIndex((g) => g.Type === 'DIMENSION' && g.Key === 'LINKED_ACCOUNT');
  const seenAccounts = new Set<string>();
  const results: unknown[] = [];
  let room = GROUPS_PER_PAGE;
  let next: PagePosition | undefined;
  for (let p = start.period; p < periods.length; p++) {
    const period = periods[p]!;
    const sums = periodSums(bill, p, period);
    const timePeriod = { Start: isoDay(period.start), End: isoDay(period.end) };
    const estimated = period.end > openFrom;
    if (!grouped) {
      results.push({
        TimePeriod: timePeriod,
        Total: metricValues(query.metrics, sums.total),
        Groups: [],
        Estimated: estimated,
      });
      continue;
    }
    const from = p === start.period ? start.group : 0;
    const to = Math.min(sums.groups.length, from + room);
    const groups: unknown[] = [];
    for (let i = from; i < to; i++) {
      const keys = bill.groups[sums.groups[i]!]!;
      if (accountKey >= 0) seenAccounts.add(keys[accountKey]!);
      groups.push({ Keys: keys, Metrics: metricValues(query.metrics, sums.micros[i]!) });
    }
    results.push({ TimePeriod: timePeriod, Total: {}, Groups: groups, Estimated: estimated });
    room -= to - from;
    if (to < sums.groups.length) {
      next = { period: p, group: to };
      break;
    }
    if (room === 0 && p + 1 < periods.length) {
      next = { period: p + 1, group: 0 };
      break;
    }
  }
  const names = new Map(bill.accounts.map((a) => [a.id, a.name]));
  return {
    ...(grouped ? { GroupDefinitions: query.groupBy.map((g) => ({ Type: g.Type, Key: g.Key })) } : {}),
    ResultsByTime: results,
    DimensionValueAttributes: [...seenAccounts].map((id) => ({
      Value: id,
      Attributes: { description: names.get(id) ?? '' },
    })),
    ...(next === undefined ? {} : { NextPageToken: encodePageToken(fingerprint, next) }),
  };
}
