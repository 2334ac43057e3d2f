import { QUOTA_CATALOGUE } from '../../src/local-cloud/usage/quota-catalogue.js';
import type { ObservedOrg, ObservedState } from '../../src/model/observed.js';
import type { OrgModel } from '../../src/model/organization.js';
import type { Ref } from '../../src/model/payloads.js';
import type { ObservedQuotaCode, ObservedServiceQuota } from '../../src/model/quota-kinds.js';
import type { KindChange } from '../../src/plan/types.js';
import { desiredQuotaTemplate, desiredServiceQuotas } from '../../src/plan/quotas/desired.js';

type QuotaKind = 'service-quota' | 'quota-template';

/** A spec code as the local cloud's quota catalogue knows it (what Service Quotas would answer). */
export function catalogueCode(serviceCode: string, quotaCode: string): ObservedQuotaCode {
  const known = QUOTA_CATALOGUE.find((q) => q.serviceCode === serviceCode && q.quotaCode === quotaCode);
  if (known)
    return {
      serviceCode,
      quotaCode,
      quotaName: known.quotaName,
      defaultValue: known.defaultValue,
      adjustable: known.adjustable,
    };
  const services = [...new Map(QUOTA_CATALOGUE.map((q) => [q.serviceCode, q.serviceName])).entries()];
  const service = services.some(([code]) => code === serviceCode);
  return {
    serviceCode,
    quotaCode,
    unknown: service
      ? {
          what: 'quota',
          candidates: QUOTA_CATALOGUE.filter((q) => q.serviceCode === serviceCode).map((q) => ({
            code: q.quotaCode,
            name: q.quotaName,
          })),
        }
      : { what: 'service', candidates: services.map(([code, name]) => ({ code, name })) },
  };
}

/** An open or settled request an observed quota carries (a plan case's `quotas.json`). */
export interface QuotaCaseOverride {
  account: string;
  serviceCode: string;
  quotaCode: string;
  value?: number;
  openRequest?: { desiredValue: number; status: string };
}

/**
 * Service Quotas as observed after applying `before`, read for the quotas `now` asks for: each quota `before` asked for
 * is at its value (approved), others at the catalogue's default; `overrides` set values and open requests.
 */
export function quotasAfterApplying(
  before: OrgModel | undefined,
  now: OrgModel,
  tree: ObservedOrg,
  overrides: readonly QuotaCaseOverride[] = [],
): Partial<ObservedState> {
  if ((now.quotas ?? []).length === 0) return {};
  const idOf = (name: string) => {
    const email = before?.accounts.get(name)?.email.toLowerCase();
    return tree.accounts.find((a) => a.email.toLowerCase() === email)?.id;
  };
  const applied = before ? desiredServiceQuotas(before) : [];
  const quotas: ObservedServiceQuota[] = desiredServiceQuotas(now).flatMap((want) => {
    const accountId = idOf(want.account);
    const code = catalogueCode(want.serviceCode, want.quotaCode);
    if (accountId === undefined || code.unknown) return [];
    const same = (q: { account: string; serviceCode: string; quotaCode: string }) =>
      q.account === want.account && q.serviceCode === want.serviceCode && q.quotaCode === want.quotaCode;
    const override = overrides.find(same);
    const value = override?.value ?? applied.find((q) => same(q) && q.region === want.region)?.value;
    return [
      {
        accountId,
        serviceCode: want.serviceCode,
        quotaCode: want.quotaCode,
        region: want.region,
        value: value ?? code.defaultValue!,
        openRequests: override?.openRequest ? [{ id: 'req-case', ...override.openRequest }] : [],
      },
    ];
  });
  const codes = new Map<string, ObservedQuotaCode>();
  for (const q of now.quotas ?? [])
    codes.set(`${q.serviceCode}/${q.quotaCode}`, catalogueCode(q.serviceCode, q.quotaCode));
  const entries = (before ? desiredQuotaTemplate(before) : []).map(({ serviceCode, quotaCode, region, value }) => ({
    serviceCode,
    quotaCode,
    region,
    value,
  }));
  return {
    'service-quota': quotas,
    'quota-template': [{ associated: entries.length > 0, entries, codes: [...codes.values()] }],
  };
}

/** The quota kinds carried out on the observed state: requests approved at once, the template filled. */
export function quotaRunners(
  state: ObservedState,
  resolve: (ref: Ref) => string,
): { [K in QuotaKind]: (c: KindChange<K>) => string | undefined } {
  return {
    'service-quota': ({ payload: p }) => {
      const accountId = resolve(p.account);
      const others = state['service-quota'].filter(
        (q) => !(q.accountId === accountId && q.serviceCode === p.serviceCode && q.quotaCode === p.quotaCode),
      );
      const { serviceCode, quotaCode, region, value } = p;
      others.push({ accountId, serviceCode, quotaCode, region, value, openRequests: [] });
      state['service-quota'] = others;
      return undefined;
    },
    'quota-template': ({ payload: p }) => {
      const template = state['quota-template'][0] ?? { associated: false, entries: [], codes: [] };
      if (p.action !== 'delete' && p.associate) template.associated = true;
      template.entries = template.entries.filter(
        (e) => !(e.serviceCode === p.serviceCode && e.quotaCode === p.quotaCode && e.region === p.region),
      );
      if (p.action !== 'delete')
        template.entries.push({ serviceCode: p.serviceCode, quotaCode: p.quotaCode, region: p.region, value: p.value });
      state['quota-template'] = [template];
      return undefined;
    },
  };
}
