import type { OrgModel } from '../../model/organization.js';
import type { DesiredQuotaTemplate, DesiredServiceQuota, ObservedQuotaCode } from '../../model/quota-kinds.js';
import { didYouMean, suggest } from '../../core/suggest.js';
import type { PlanContext } from '../context.js';

/** `quotas:` as one wanted quota per account (entries for new accounts go into the template instead). */
export function desiredServiceQuotas(model: OrgModel): DesiredServiceQuota[] {
  return (model.quotas ?? []).flatMap((q) =>
    q.accounts.map((account) => ({
      account,
      serviceCode: q.serviceCode,
      quotaCode: q.quotaCode,
      region: q.region,
      value: q.value,
      source: q.source,
    })),
  );
}

/** The entries of the organization's quota request template. */
export function desiredQuotaTemplate(model: OrgModel): DesiredQuotaTemplate[] {
  return (model.quotas ?? [])
    .filter((q) => q.newAccounts)
    .map((q) => ({
      serviceCode: q.serviceCode,
      quotaCode: q.quotaCode,
      region: q.region,
      value: q.value,
      source: q.source,
    }));
}

/** The spec's service and quota codes as the management account's Service Quotas knows them. */
export function observedCode(
  ctx: PlanContext,
  q: { serviceCode: string; quotaCode: string },
): ObservedQuotaCode | undefined {
  return ctx.observed['quota-template'][0]?.codes.find(
    (c) => c.serviceCode === q.serviceCode && c.quotaCode === q.quotaCode,
  );
}

/**
 * E-QUOTA-UNKNOWN, once per service and quota code: Service Quotas knows no such service, or the service has no such
 * quota. Suggests by code and by name among what it lists (a quota name typed where the code goes finds its code).
 * Returns whether the code is unknown.
 */
export function reportUnknownCode(
  ctx: PlanContext,
  want: { serviceCode: string; quotaCode: string; source: string },
  code: ObservedQuotaCode | undefined,
): boolean {
  if (code?.unknown === undefined) return false;
  const key = `${want.serviceCode}/${want.quotaCode}`;
  if (ctx.problems.some((p) => p.code === 'E-QUOTA-UNKNOWN' && p.key === key)) return true;
  const { what, candidates } = code.unknown;
  const typed = what === 'service' ? want.serviceCode : want.quotaCode;
  const byCode = suggest(
    typed,
    candidates.map((c) => c.code),
  );
  const byName = suggest(
    typed,
    candidates.map((c) => c.name),
    { maxDistance: Math.max(3, typed.length / 2) },
  );
  const names = new Map(candidates.map((c) => [c.name, c.code]));
  const shown = [...new Set([...byCode, ...byName.map((n) => names.get(n)!)])].map(
    (c) => `${c} (${candidates.find((x) => x.code === c)!.name})`,
  );
  ctx.problem({
    severity: 'error',
    code: 'E-QUOTA-UNKNOWN',
    key,
    message:
      what === 'service'
        ? `${want.source}: Service Quotas knows no service "${want.serviceCode}"`
        : `${want.source}: service ${want.serviceCode} has no quota ${want.quotaCode}`,
    hint:
      didYouMean(shown, (s) => s) ??
      (what === 'service'
        ? '`aws service-quotas list-services` lists the service codes'
        : `\`aws service-quotas list-aws-default-service-quotas --service-code ${want.serviceCode}\` lists its quotas`),
  });
  return true;
}
