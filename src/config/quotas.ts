import type { QuotaRequestModel } from '../model/quotas.js';
import { quotaTemplateKey, serviceQuotaKey } from '../model/quota-kinds.js';
import type { OrgSpec } from './schema.js';

type QuotaEntry = NonNullable<OrgSpec['quotas']>[number];

/** How specific an entry's target is: an account beats its environment, an environment beats its kind. */
export type QuotaTarget =
  | { type: 'account'; name: string; rank: 3 }
  | { type: 'environment'; name: string; rank: 2 }
  | { type: 'environmentKind'; name: string; rank: 1 }
  | { type: 'newAccounts'; rank: 0 };

/** The targets an entry names (exactly one is valid; E-QUOTA-TARGET otherwise). */
export function quotaTargets(entry: QuotaEntry): QuotaTarget[] {
  return [
    ...(entry.account !== undefined ? [{ type: 'account', name: entry.account, rank: 3 } as const] : []),
    ...(entry.environment !== undefined ? [{ type: 'environment', name: entry.environment, rank: 2 } as const] : []),
    ...(entry.environmentKind !== undefined
      ? [{ type: 'environmentKind', name: entry.environmentKind, rank: 1 } as const]
      : []),
    ...(entry.newAccounts === true ? [{ type: 'newAccounts', rank: 0 } as const] : []),
  ];
}

/** The accounts (by name) a target stands for: those hosting the environment(s), as the access grid counts them. */
export function accountsOfTarget(spec: OrgSpec, target: QuotaTarget): string[] {
  const accounts = spec.accounts ?? [];
  const hosts = (envs: Set<string>) =>
    accounts.filter((a) => envs.has(a.environment) || (a.alsoHosts ?? []).some((e) => envs.has(e))).map((a) => a.name);
  switch (target.type) {
    case 'account':
      return accounts.some((a) => a.name === target.name) ? [target.name] : [];
    case 'environment':
      return hosts(new Set([target.name]));
    case 'environmentKind':
      return hosts(
        new Set(
          Object.entries(spec.environments ?? {})
            .filter(([, e]) => e.kind === target.name)
            .map(([name]) => name),
        ),
      );
    case 'newAccounts':
      return [];
  }
}

/** Each entry's region: its own, else the home region. */
export const quotaRegion = (spec: OrgSpec, entry: QuotaEntry): string => entry.region ?? spec.organization.homeRegion;

/**
 * `quotas:` as the model holds it, from a spec that passed validation. Where entries of different targets ask for the
 * same quota in the same account (an environment's kind, and the environment itself), the more specific one decides,
 * so each account's quota comes from one entry.
 */
export function buildQuotas(spec: OrgSpec): QuotaRequestModel[] | undefined {
  const entries = spec.quotas ?? [];
  if (entries.length === 0) return undefined;
  const decidedBy = new Map<string, number>();
  const resolved = entries.map((entry, i) => {
    const target = quotaTargets(entry)[0]!;
    const region = quotaRegion(spec, entry);
    const accounts = accountsOfTarget(spec, target);
    for (const account of accounts) {
      const key = serviceQuotaKey({ account, serviceCode: entry.service, quotaCode: entry.quota, region });
      const other = decidedBy.get(key);
      if (other === undefined || rankOf(entries[other]!) < target.rank) decidedBy.set(key, i);
    }
    return { entry, i, region, accounts };
  });
  return resolved.map(({ entry, i, region, accounts }) => ({
    serviceCode: entry.service,
    quotaCode: entry.quota,
    value: entry.value,
    region,
    accounts: accounts.filter(
      (account) =>
        decidedBy.get(serviceQuotaKey({ account, serviceCode: entry.service, quotaCode: entry.quota, region })) === i,
    ),
    newAccounts: entry.newAccounts === true,
    source: `quotas[${i}]`,
  }));
}

const rankOf = (entry: QuotaEntry): number => quotaTargets(entry)[0]?.rank ?? -1;

/** The key an entry claims per account (or once for the template), for the duplicate check. */
export function claimedKeys(spec: OrgSpec, entry: QuotaEntry): { key: string; rank: number; where: string }[] {
  const target = quotaTargets(entry)[0];
  if (target === undefined) return [];
  const region = quotaRegion(spec, entry);
  const quota = { serviceCode: entry.service, quotaCode: entry.quota, region };
  if (target.type === 'newAccounts')
    return [{ key: `template:${quotaTemplateKey(quota)}`, rank: 0, where: 'the quota request template' }];
  return accountsOfTarget(spec, target).map((account) => ({
    key: serviceQuotaKey({ account, ...quota }),
    rank: target.rank,
    where: `account ${account}`,
  }));
}
