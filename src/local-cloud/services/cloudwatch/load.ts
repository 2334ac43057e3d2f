import type { Store } from '../../store/store.js';
import type { QuotaDefinition } from '../../usage/quota-catalogue.js';
import { QUOTA_CATALOGUE } from '../../usage/quota-catalogue.js';
import type { UsageLoad } from '../../usage/quota-usage.js';
import { loadKey } from './tables.js';

/** What `bulkhead local load` asks for: an account by id or name, a quota code, a level, a duration; or a stop. */
export interface LoadRequest {
  account: unknown;
  quota: unknown;
  usage?: unknown;
  forSeconds?: unknown;
  stop?: unknown;
}

export type LoadResult =
  | { ok: true; load: UsageLoad & { accountName: string; quotaName: string }; stopped: number }
  | { ok: false; status: number; code: string; message: string };

/** A load test lasts ten minutes unless told; at most a day. */
export const DEFAULT_LOAD_SECONDS = 600;
export const MAX_LOAD_SECONDS = 86_400;

const fail = (code: string, message: string, status = 400): LoadResult => ({ ok: false, status, code, message });

function findQuota(code: string, catalogue: readonly QuotaDefinition[]): QuotaDefinition | undefined {
  return catalogue.find((q) => q.quotaCode === code);
}

/**
 * Starts (or with `stop`, ends) a load test on one account: until it ends, the account's usage of the quota is the
 * level asked (default: the quota's default value, its limit), whatever its usage was; other accounts are untouched.
 * A quota counted from real records (IAM roles…) is loaded through its API instead: create the records.
 */
export function runLoad(store: Store, req: LoadRequest, now: number, catalogue = QUOTA_CATALOGUE): LoadResult {
  if (typeof req.account !== 'string' || req.account === '')
    return fail('InvalidRequest', 'Name the account by id or name.');
  const wanted = req.account;
  const accounts = [...store.values('accounts')];
  const account =
    accounts.find((a) => a.id === wanted) ??
    accounts.find((a) => a.name === wanted) ??
    accounts.find((a) => a.name.toLowerCase() === wanted.toLowerCase());
  if (account === undefined)
    return fail('UnknownAccount', `No account of the local cloud has the id or name "${wanted}".`, 404);
  if (typeof req.quota !== 'string' || req.quota === '') return fail('InvalidRequest', 'Name the quota by its code.');
  const quota = findQuota(req.quota, catalogue);
  if (quota?.usage === undefined) {
    const known = catalogue
      .filter((q) => q.usage?.source.kind === 'synthetic')
      .map((q) => `${q.quotaCode} (${q.quotaName})`);
    return fail(
      'UnknownQuota',
      `${quota === undefined ? 'No quota' : 'No usage metric'} for "${req.quota}" in the local cloud; a load test can run on ${known.join(', ')}.`,
      404,
    );
  }
  if (quota.usage.source.kind === 'count')
    return fail(
      'CountedQuota',
      `The usage of ${quota.quotaCode} (${quota.quotaName}) counts real records: create them through the API to load it.`,
    );
  const open = [...store.values('cloudwatchLoads')].filter(
    (l) => l.accountId === account.id && l.quotaCode === quota.quotaCode && l.endsAt > now,
  );
  for (const l of open) store.put('cloudwatchLoads', loadKey(l), { ...l, endsAt: Math.max(l.startsAt, now) });
  const base = { accountName: account.name, quotaName: quota.quotaName };
  if (req.stop === true) {
    const last = open.at(-1);
    if (last === undefined) return fail('NoLoad', `No load test runs on ${account.name} for ${quota.quotaCode}.`, 404);
    return { ok: true, load: { ...last, endsAt: now, ...base }, stopped: open.length };
  }
  const level = req.usage === undefined ? quota.defaultValue : req.usage;
  if (typeof level !== 'number' || !Number.isFinite(level) || level < 0)
    return fail('InvalidRequest', 'The usage level must be a number >= 0.');
  const seconds = req.forSeconds === undefined ? DEFAULT_LOAD_SECONDS : req.forSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_LOAD_SECONDS)
    return fail('InvalidRequest', `The duration must be above 0 and at most ${MAX_LOAD_SECONDS} seconds.`);
  const load: UsageLoad = {
    accountId: account.id,
    quotaCode: quota.quotaCode,
    level,
    startsAt: now,
    endsAt: now + Math.round(seconds * 1000),
  };
  store.put('cloudwatchLoads', loadKey(load), load);
  return { ok: true, load: { ...load, ...base }, stopped: open.length };
}
