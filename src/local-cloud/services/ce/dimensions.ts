import type { HandlerContext } from '../registry.js';
import { activeTagKeys } from './allocation-tags.js';
import { invalidNextToken, optInt, optString, readTimePeriod, today, validation, type DayRange } from './common.js';
import { checkHistoryRange } from './cost-query.js';
import { compileFilter, dimensionValue, tagValue, type CostLine, type Predicate } from './filter.js';
import { decodePageToken, encodePageToken, requestFingerprint } from './page-token.js';
import { billScope, type BillScope } from './scope.js';

/** AWS: without SortBy, GetDimensionValues and GetTags answer up to 1,000 values a page. */
const PAGE_SIZE = 1000;

const DIMENSIONS = [
  'AZ',
  'INSTANCE_TYPE',
  'LINKED_ACCOUNT',
  'PAYER_ACCOUNT',
  'LINKED_ACCOUNT_NAME',
  'OPERATION',
  'PURCHASE_TYPE',
  'REGION',
  'SERVICE',
  'SERVICE_CODE',
  'USAGE_TYPE',
  'USAGE_TYPE_GROUP',
  'RECORD_TYPE',
  'OPERATING_SYSTEM',
  'TENANCY',
  'SCOPE',
  'PLATFORM',
  'SUBSCRIPTION_ID',
  'LEGAL_ENTITY_NAME',
  'DEPLOYMENT_OPTION',
  'DATABASE_ENGINE',
  'CACHE_ENGINE',
  'INSTANCE_TYPE_FAMILY',
  'BILLING_ENTITY',
  'RESERVATION_ID',
  'RESOURCE_ID',
  'RIGHTSIZING_TYPE',
  'SAVINGS_PLANS_TYPE',
  'SAVINGS_PLAN_ARN',
  'PAYMENT_OPTION',
  'AGREEMENT_END_DATE_TIME_AFTER',
  'AGREEMENT_END_DATE_TIME_BEFORE',
  'INVOICING_ENTITY',
  'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
  'ANOMALY_TOTAL_IMPACT_PERCENTAGE',
];

/** The cost lines (account × service) that cost something in the range and pass the filter. */
function linesIn(scope: BillScope, range: DayRange, costEnd: number, filter: Predicate | undefined): CostLine[] {
  const out: CostLine[] = [];
  for (const account of scope.accounts) {
    const last = Math.min(range.end, costEnd, account.stopDay ?? Infinity);
    if (last <= range.start) continue;
    for (const service of account.model.services) {
      const line = { account, service };
      if (filter === undefined || filter(line)) out.push(line);
    }
  }
  return out;
}

function readCommon(input: Record<string, unknown>, ctx: HandlerContext) {
  const range = readTimePeriod(input);
  checkHistoryRange(range, ctx.now);
  const scope = billScope(ctx);
  const active = activeTagKeys(ctx.store, scope.payerAccountId);
  const filter = input.Filter === undefined || input.Filter === null ? undefined : compileFilter(input.Filter, active);
  const search = optString(input, 'SearchString', { max: 1024 })?.toLowerCase();
  const max = optInt(input, 'MaxResults');
  if (max !== undefined && max < 1) throw validation('MaxResults must be at least 1.');
  return { range, scope, active, filter, search, size: Math.min(max ?? PAGE_SIZE, PAGE_SIZE) };
}

function pageOf<T>(op: string, input: Record<string, unknown>, ctx: HandlerContext, items: T[], size: number) {
  const fp = requestFingerprint(op, input, ctx.principal.accountId);
  const token = optString(input, 'NextPageToken', { max: 8192 });
  const from = token === undefined || token === '' ? 0 : decodePageToken(fp, token).group;
  if (from > items.length) throw invalidNextToken();
  const page = items.slice(from, from + size);
  const next = from + size < items.length ? encodePageToken(fp, { period: 0, group: from + size }) : undefined;
  return {
    page,
    ReturnSize: page.length,
    TotalSize: items.length,
    ...(next === undefined ? {} : { NextPageToken: next }),
  };
}

/** GetDimensionValues (COST_AND_USAGE context): the values of a dimension with a cost in the period. */
export function getDimensionValues(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const dimension = optString(input, 'Dimension', { values: DIMENSIONS });
  if (dimension === undefined) throw validation('Dimension is required.');
  const context =
    optString(input, 'Context', { values: ['COST_AND_USAGE', 'RESERVATIONS', 'SAVINGS_PLANS'] }) ?? 'COST_AND_USAGE';
  const { range, scope, filter, search, size } = readCommon(input, ctx);
  const values = new Map<string, Record<string, string>>();
  if (context === 'COST_AND_USAGE')
    for (const line of linesIn(scope, range, today(ctx.now), filter)) {
      const v = dimensionValue(dimension, line);
      if (v === undefined || values.has(v)) continue;
      if (search !== undefined && !v.toLowerCase().includes(search)) continue;
      values.set(v, dimension === 'LINKED_ACCOUNT' ? { description: line.account.name } : {});
    }
  const items = [...values.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([Value, Attributes]) => ({ Value, Attributes }));
  const { page, ...rest } = pageOf('GetDimensionValues', input, ctx, items, size);
  return { DimensionValues: page, ...rest };
}

/** GetTags: the active cost allocation tag keys with a cost in the period, or one key's values. */
export function getTags(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const tagKey = optString(input, 'TagKey', { max: 1024 });
  const { range, scope, active, filter, search, size } = readCommon(input, ctx);
  const found = new Set<string>();
  for (const line of linesIn(scope, range, today(ctx.now), filter)) {
    if (tagKey === undefined) {
      for (const k of Object.keys(line.account.tags)) if (active.has(k)) found.add(k);
    } else {
      const v = tagValue(tagKey, line, active);
      if (v !== undefined) found.add(v);
    }
  }
  const items = [...found].filter((v) => search === undefined || v.toLowerCase().includes(search)).sort();
  const { page, ...rest } = pageOf('GetTags', input, ctx, items, size);
  return { Tags: page, ...rest };
}
