import type { OrgModel } from '../model/organization.js';
import type { QuotaLookup } from '../providers/aws/provider.js';

/** What Service Quotas is asked for a spec's `quotas:`: undefined when it has none (then it is not read at all). */
export function quotaLookup(model: OrgModel): QuotaLookup | undefined {
  const quotas = model.quotas ?? [];
  if (quotas.length === 0) return undefined;
  const codes = new Map(
    quotas.map((q) => [`${q.serviceCode}/${q.quotaCode}`, { serviceCode: q.serviceCode, quotaCode: q.quotaCode }]),
  );
  return {
    codes: [...codes.values()],
    accounts: quotas.flatMap((q) =>
      q.accounts.map((name) => ({
        accountEmail: model.accounts.get(name)!.email,
        serviceCode: q.serviceCode,
        quotaCode: q.quotaCode,
        region: q.region,
      })),
    ),
  };
}
