import type { Store } from '../store/store.js';
import { hashText, mix, unit } from './hash.js';
import { profileOf } from './profiles.js';
import type { QuotaDefinition, UsageMetricRef, UsageSource } from './quota-catalogue.js';
import { QUOTA_CATALOGUE } from './quota-catalogue.js';

/**
 * The usage CloudWatch reports for the quotas of QUOTA_CATALOGUE, one sample per minute (as AWS/Usage metrics are
 * collected): counts of what the account really created through the local cloud, a seeded synthetic level with a
 * daily rhythm for services the local cloud does not run, and, while a load test runs on the account, the load's level.
 */

export const SAMPLE_MS = 60_000;

/** The account a usage is read for, as the synthetic bill sees accounts (profiles come from the same fields). */
export interface UsageAccount {
  id: string;
  name: string;
  tags: Record<string, string>;
  management: boolean;
}

/** A load test: the account's usage of one quota is `level` from `startsAt` until `endsAt` (epoch ms). */
export interface UsageLoad {
  accountId: string;
  quotaCode: string;
  level: number;
  startsAt: number;
  endsAt: number;
}

export type CountOf = Extract<UsageSource, { kind: 'count' }>['of'];

/** CloudWatch matches a metric by namespace, name and the exact set of dimensions. */
export function sameMetric(
  a: Pick<UsageMetricRef, 'namespace' | 'name' | 'dimensions'>,
  b: Pick<UsageMetricRef, 'namespace' | 'name' | 'dimensions'>,
): boolean {
  if (a.namespace !== b.namespace || a.name !== b.name) return false;
  const ka = Object.keys(a.dimensions);
  return ka.length === Object.keys(b.dimensions).length && ka.every((k) => b.dimensions[k] === a.dimensions[k]);
}

/** The quotas with a usage metric. */
export function usageQuotas(catalogue: readonly QuotaDefinition[] = QUOTA_CATALOGUE): QuotaDefinition[] {
  return catalogue.filter((d) => d.usage !== undefined);
}

/** The quota whose usage this metric reports, if any. */
export function quotaOfMetric(
  metric: Pick<UsageMetricRef, 'namespace' | 'name' | 'dimensions'>,
  catalogue: readonly QuotaDefinition[] = QUOTA_CATALOGUE,
): QuotaDefinition | undefined {
  return catalogue.find((d) => d.usage !== undefined && sameMetric(d.usage.metric, metric));
}

/** When each counted record of the account came to be, ascending: the count at t is how many are ≤ t. */
export function countTimes(store: Store, of: CountOf, accountId: string): number[] {
  const times: number[] = [];
  if (of === 'iam-roles') {
    for (const r of store.values('roles')) if (r.accountId === accountId) times.push(r.createdAt);
  } else if (of === 'iam-managed-policies') {
    for (const p of store.values('managedPolicies')) if (p.accountId === accountId) times.push(p.createdAt);
  } else if (of === 's3-buckets') {
    for (const b of store.values('s3Buckets')) if (b.accountId === accountId) times.push(b.createdAt);
  } else {
    const account = store.get('accounts', accountId);
    const orgId = account?.organizationId ?? null;
    if (orgId !== null)
      for (const a of store.values('accounts'))
        if (a.organizationId === orgId && a.status !== 'SUSPENDED') times.push(a.joinedAt ?? a.createdAt);
  }
  return times.sort((x, y) => x - y);
}

/** How many of the ascending `times` are at or before `t`. */
export function countAt(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] ?? 0) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A synthetic level: the profile's peak fraction of the quota's default value, times the account's own scale
 * (0.75–1.25×, from the seed), times a daily rhythm (peak mid-afternoon UTC, a tenth of it before dawn; the same hour
 * for every account of a quota, so prod is above dev at every minute), times ±10 % noise per minute. Profiles the
 * quota does not name use none of it.
 */
export function syntheticUsage(
  seed: string,
  account: Pick<UsageAccount, 'id' | 'name' | 'tags' | 'management'>,
  quota: Pick<QuotaDefinition, 'quotaCode' | 'defaultValue'>,
  peakFraction: Partial<Record<string, number>>,
  t: number,
): number {
  const fraction = peakFraction[profileOf(account, account.management)] ?? 0;
  if (fraction <= 0) return 0;
  const own = mix(hashText(`${seed}|${account.id}|${quota.quotaCode}`));
  const scale = 0.75 + 0.5 * unit(own);
  const peakHour = 14 + 2 * unit(mix(hashText(`${seed}|${quota.quotaCode}`), 1));
  const hour = (t / 3_600_000) % 24;
  const daily = 0.55 + 0.45 * Math.cos((2 * Math.PI * (hour - peakHour)) / 24);
  const noise = 0.9 + 0.2 * unit(mix(own, Math.floor(t / SAMPLE_MS)));
  return Math.min(quota.defaultValue, Math.round(quota.defaultValue * fraction * scale * daily * noise));
}

/** Everything a usage series needs, read once per query. */
export interface UsageSeries {
  /**
   * The usage at minute sample `t` (epoch ms). Synthetic levels have a history as far back as asked (as the synthetic
   * bill does); counts follow when the records were created.
   */
  at(t: number): number;
}

export function usageSeries(
  quota: QuotaDefinition,
  account: UsageAccount,
  env: { store: Store; seed: string; loads: readonly UsageLoad[] },
): UsageSeries {
  const usage = quota.usage;
  const loads = env.loads.filter((l) => l.accountId === account.id && l.quotaCode === quota.quotaCode);
  const source = usage?.source;
  const times = source?.kind === 'count' ? countTimes(env.store, source.of, account.id) : [];
  return {
    at: (t) => {
      if (source === undefined) return 0;
      const load = loads.find((l) => l.startsAt <= t && t < l.endsAt);
      if (load !== undefined) return load.level;
      return source.kind === 'count'
        ? countAt(times, t)
        : syntheticUsage(env.seed, account, quota, source.peakFraction, t);
    },
  };
}
