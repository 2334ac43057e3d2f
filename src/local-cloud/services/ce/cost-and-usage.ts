import { isoDay, microsToAmount } from '../../usage/synthetic-cost.js';
import { PreSerializedJson } from '../../protocols/json.js';
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

const isoDays = new Map<number, string>();
function isoDayCached(day: number): string {
  let text = isoDays.get(day);
  if (text === undefined) {
    if (isoDays.size > 8192) isoDays.clear();
    text = isoDay(day);
    isoDays.set(day, text);
  }
  return text;
}

/** The metrics object as JSON text, in parts: the names are escaped once per page, the amounts are digits. */
function metricsWriter(metrics: readonly string[]): (micros: number) => string {
  const parts = metrics.map((m, i) => {
    const name = canonicalMetric(m);
    const head = `${i === 0 ? '' : ','}${JSON.stringify(m)}:{"Amount":"`;
    if (name === 'UsageQuantity') return { head, factor: 20, tail: '","Unit":"N/A"}' };
    if (name === 'NormalizedUsageAmount') return { head: `${head}0`, factor: 0, tail: '","Unit":"N/A"}' };
    return { head, factor: 1, tail: '","Unit":"USD"}' };
  });
  return (micros) => {
    let out = '{';
    for (const p of parts)
      out += p.factor === 0 ? p.head + p.tail : p.head + microsToAmount(micros * p.factor) + p.tail;
    return out + '}';
  };
}

/** Each group's `{"Keys":[…],"Metrics":` prefix, written once per prepared bill. */
const groupPrefixes = new WeakMap<PreparedBill, string[]>();
function groupPrefix(bill: PreparedBill, g: number): string {
  let list = groupPrefixes.get(bill);
  if (list === undefined) groupPrefixes.set(bill, (list = []));
  return (list[g] ??= `{"Keys":${JSON.stringify(bill.groups[g])},"Metrics":`);
}

/** Per prepared bill and key position of LINKED_ACCOUNT: each group's account, as an index into `bill.accounts`. */
const groupAccounts = new WeakMap<PreparedBill, Map<number, Int32Array>>();
function accountOfGroups(bill: PreparedBill, accountKey: number): Int32Array {
  let byKey = groupAccounts.get(bill);
  if (byKey === undefined) groupAccounts.set(bill, (byKey = new Map()));
  let list = byKey.get(accountKey);
  if (list === undefined) {
    const index = new Map(bill.accounts.map((a, i) => [a.id, i]));
    list = Int32Array.from(bill.groups, (keys) => index.get(keys[accountKey]!) ?? -1);
    byKey.set(accountKey, list);
  }
  return list;
}

/** Each account's DimensionValueAttributes entry as JSON text, written once per prepared bill. */
const attributeTexts = new WeakMap<PreparedBill, string[]>();
function attributeText(bill: PreparedBill, a: number): string {
  let list = attributeTexts.get(bill);
  if (list === undefined) attributeTexts.set(bill, (list = []));
  const account = bill.accounts[a]!;
  return (list[a] ??= JSON.stringify({ Value: account.id, Attributes: { description: account.name } }));
}

/**
 * One page, written as JSON text: a page holds up to GROUPS_PER_PAGE groups (hundreds of thousands for a year of
 * daily costs by account across the pages), so neither an object per group nor a walk over them is built.
 */
function page(
  bill: PreparedBill,
  query: CostQuery,
  periods: ReturnType<typeof periodsOf>,
  start: PagePosition,
  fingerprint: string,
  openFrom: number,
): PreSerializedJson {
  const grouped = query.groupBy.length > 0;
  const accountKey = query.groupBy.findIndex((g) => g.Type === 'DIMENSION' && g.Key === 'LINKED_ACCOUNT');
  const accountOf = accountKey >= 0 ? accountOfGroups(bill, accountKey) : undefined;
  const seen = new Uint8Array(bill.accounts.length);
  const metrics = metricsWriter(query.metrics);
  const results: string[] = [];
  let room = GROUPS_PER_PAGE;
  let next: PagePosition | undefined;
  for (let p = start.period; p < periods.length; p++) {
    const period = periods[p]!;
    const sums = periodSums(bill, p, period);
    const head = `{"TimePeriod":{"Start":"${isoDayCached(period.start)}","End":"${isoDayCached(period.end)}"},`;
    const estimated = period.end > openFrom;
    if (!grouped) {
      results.push(`${head}"Total":${metrics(sums.total)},"Groups":[],"Estimated":${estimated}}`);
      continue;
    }
    const from = p === start.period ? start.group : 0;
    const to = Math.min(sums.groups.length, from + room);
    let groups = '';
    for (let i = from; i < to; i++) {
      const g = sums.groups[i]!;
      if (accountOf !== undefined && accountOf[g]! >= 0) seen[accountOf[g]!] = 1;
      groups += `${i === from ? '' : ','}${groupPrefix(bill, g)}${metrics(sums.micros[i]!)}}`;
    }
    results.push(`${head}"Total":{},"Groups":[${groups}],"Estimated":${estimated}}`);
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
  const attributes: string[] = [];
  for (let a = 0; a < seen.length; a++) if (seen[a] === 1) attributes.push(attributeText(bill, a));
  const parts = [
    ...(grouped
      ? [`"GroupDefinitions":${JSON.stringify(query.groupBy.map((g) => ({ Type: g.Type, Key: g.Key })))}`]
      : []),
    `"ResultsByTime":[${results.join(',')}]`,
    `"DimensionValueAttributes":[${attributes.join(',')}]`,
    ...(next === undefined ? [] : [`"NextPageToken":${JSON.stringify(encodePageToken(fingerprint, next))}`]),
  ];
  return new PreSerializedJson(`{${parts.join(',')}}`);
}
