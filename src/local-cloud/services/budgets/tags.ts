import type { HandlerContext } from '../registry.js';
import { budgetsError, budgetsInput, invalidParameter } from './common.js';
import { readTags } from './input.js';
import type { BudgetRecord } from './tables.js';
import { budgetKey } from './tables.js';

/** Tags on budgets, addressed by ARN `arn:aws:budgets::<account>:budget/<name>` (the caller's own budgets). */
const ARN_RE = /^arn:aws[a-z-]*:budgets::(\d{12}):budget\/(.+)$/;

function budgetOfArn(input: Record<string, unknown>, ctx: HandlerContext): BudgetRecord {
  const arn = budgetsInput.reqString(input, 'ResourceARN', { min: 1, max: 1011 });
  const m = ARN_RE.exec(arn);
  if (m === null) throw invalidParameter(`The ResourceARN ${arn} is not a budget ARN.`);
  const [, account = '', name = ''] = m;
  const b = account === ctx.principal.accountId ? ctx.store.get('budgets', budgetKey(account, name)) : undefined;
  if (b === undefined) throw budgetsError('NotFoundException', `Unable to find resource: ${arn}`);
  return b;
}

export function tagResource(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const b = budgetOfArn(input, ctx);
  if (input.ResourceTags === undefined || input.ResourceTags === null)
    throw invalidParameter('You must specify a value for ResourceTags.');
  const tags = { ...b.tags, ...readTags(input.ResourceTags, 'ResourceTags') };
  if (Object.keys(tags).length > 200)
    throw budgetsError('ServiceQuotaExceededException', 'A budget can have at most 200 tags.');
  ctx.store.put('budgets', budgetKey(b.accountId, b.name), { ...b, tags });
  return {};
}

export function untagResource(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const b = budgetOfArn(input, ctx);
  const keys = budgetsInput.optStringList(input, 'ResourceTagKeys');
  if (keys === undefined) throw invalidParameter('You must specify a value for ResourceTagKeys.');
  const tags = Object.fromEntries(Object.entries(b.tags).filter(([k]) => !keys.includes(k)));
  ctx.store.put('budgets', budgetKey(b.accountId, b.name), { ...b, tags });
  return {};
}

export function listTagsForResource(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const b = budgetOfArn(input, ctx);
  return { ResourceTags: Object.entries(b.tags).map(([Key, Value]) => ({ Key, Value })) };
}
