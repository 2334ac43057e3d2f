import { AwsApiError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import { paginateJson } from '../pagination.js';
import type { HandlerContext } from '../registry.js';
import { invalidNextToken, optList, optString, optStringList, validation } from './common.js';
import { billScope } from './scope.js';
import type { CostAllocationTagRecord } from './tables.js';

const recordKey = (payer: string, tagKey: string): string => `${payer}|${tagKey}`;

/** The tag keys the payer activated as cost allocation tags: the only ones Cost Explorer groups and filters by. */
export function activeTagKeys(store: Store, payer: string): Set<string> {
  const out = new Set<string>();
  for (const r of store.values('ceAllocationTags'))
    if (r.payerAccountId === payer && r.status === 'Active') out.add(r.tagKey);
  return out;
}

/**
 * The user-defined tag keys billing knows: every key carried by an account of the bill (Organizations account tags),
 * and any key whose status was set before. AWS: a key appears once it has been used (up to 24 hours later); here at
 * once. New keys are Inactive until activated.
 */
function knownTags(ctx: HandlerContext): { payer: string; tags: Map<string, CostAllocationTagRecord | undefined> } {
  const scope = billScope(ctx);
  const tags = new Map<string, CostAllocationTagRecord | undefined>();
  for (const a of scope.accounts) for (const k of Object.keys(a.tags)) tags.set(k, undefined);
  for (const r of ctx.store.values('ceAllocationTags'))
    if (r.payerAccountId === scope.payerAccountId) tags.set(r.tagKey, r);
  return { payer: scope.payerAccountId, tags };
}

const zoned = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Cost allocation tags are the payer's to manage: a member account of an organization is refused. */
function requirePayer(ctx: HandlerContext, payer: string): void {
  if (payer !== ctx.principal.accountId)
    throw new AwsApiError(
      'AccessDeniedException',
      'Only the management account of the organization can manage cost allocation tags.',
    );
}

export function listCostAllocationTags(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { payer, tags } = knownTags(ctx);
  requirePayer(ctx, payer);
  const status = optString(input, 'Status', { values: ['Active', 'Inactive'] });
  const type = optString(input, 'Type', { values: ['AWSGenerated', 'UserDefined'] });
  const keys = optStringList(input, 'TagKeys');
  if (keys !== undefined && (keys.length < 1 || keys.length > 100))
    throw validation('TagKeys must have between 1 and 100 members.');
  const rows = [...tags.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([TagKey, r]) => ({
      TagKey,
      Type: 'UserDefined',
      Status: r?.status ?? 'Inactive',
      ...(r === undefined ? {} : { LastUpdatedDate: zoned(r.updatedAt) }),
    }))
    .filter((t) => (status === undefined || t.Status === status) && (type === undefined || t.Type === type))
    .filter((t) => keys === undefined || keys.includes(t.TagKey));
  const { page, NextToken } = paginateJson(rows, 'ListCostAllocationTags', input, {
    defaultSize: 100,
    maxSize: 1000,
    invalid: (problem, message) => (problem === 'INVALID_NEXT_TOKEN' ? invalidNextToken() : validation(message)),
  });
  return { CostAllocationTags: page, ...(NextToken === undefined ? {} : { NextToken }) };
}

/**
 * AWS: at most 20 entries a call; setting a status a key already has changes nothing and is no error; a key billing
 * does not know is reported in `Errors` (the call itself succeeds).
 */
export function updateCostAllocationTagsStatus(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const entries = optList(input, 'CostAllocationTagsStatus');
  if (entries === undefined || entries.length < 1 || entries.length > 20)
    throw validation(
      `1 validation error detected: Value at 'costAllocationTagsStatus' failed to satisfy constraint: Member must have length between 1 and 20`,
    );
  const { payer, tags } = knownTags(ctx);
  requirePayer(ctx, payer);
  const parsed = entries.map((raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw validation('Each entry needs TagKey and Status.');
    const e = raw as Record<string, unknown>;
    const tagKey = optString(e, 'TagKey', { max: 1024 });
    const status = optString(e, 'Status', { values: ['Active', 'Inactive'] });
    if (tagKey === undefined || status === undefined) throw validation('Each entry needs TagKey and Status.');
    return { tagKey, status: status as 'Active' | 'Inactive' };
  });
  const errors: { TagKey: string; Code: string; Message: string }[] = [];
  for (const { tagKey, status } of parsed) {
    if (!tags.has(tagKey)) {
      errors.push({ TagKey: tagKey, Code: 'TagKeysNotFoundException', Message: `Tag key ${tagKey} was not found.` });
      continue;
    }
    const before = tags.get(tagKey);
    if (before?.status === status || (before === undefined && status === 'Inactive')) continue;
    const record: CostAllocationTagRecord = { payerAccountId: payer, tagKey, status, updatedAt: ctx.now };
    ctx.store.put('ceAllocationTags', recordKey(payer, tagKey), record);
    tags.set(tagKey, record);
  }
  return { Errors: errors };
}
