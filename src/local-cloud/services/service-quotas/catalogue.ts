import type { Quotas, ResolvedConfig } from '../../config.js';
import type { Store } from '../../store/store.js';
import type { QuotaDefinition } from '../../usage/quota-catalogue.js';
import { QUOTA_CATALOGUE } from '../../usage/quota-catalogue.js';
import { jsonInput } from '../json-input.js';
import { NO_SUCH_QUOTA, NO_SUCH_SERVICE, invalidInput, noSuchResource } from './errors.js';
import type { QuotaScope } from './tables.js';

export const input = jsonInput(invalidInput);

/** The model's patterns for ServiceCode and QuotaCode. */
const SERVICE_CODE = /^[a-zA-Z][a-zA-Z0-9-]{1,63}$/;
const QUOTA_CODE = /^[a-zA-Z][a-zA-Z0-9-]{1,128}$/;

export const readServiceCode = (i: Record<string, unknown>): string =>
  input.reqString(i, 'ServiceCode', { min: 1, max: 63, pattern: SERVICE_CODE });
export const readQuotaCode = (i: Record<string, unknown>): string =>
  input.reqString(i, 'QuotaCode', { min: 1, max: 128, pattern: QUOTA_CODE });

/** The quotas of a service, or NoSuchResourceException as AWS words it for an unknown service. */
export function serviceQuotas(serviceCode: string): QuotaDefinition[] {
  const defs = QUOTA_CATALOGUE.filter((d) => d.serviceCode === serviceCode);
  if (defs.length === 0) throw noSuchResource(NO_SUCH_SERVICE);
  return defs;
}

export function quotaDefinition(serviceCode: string, quotaCode: string): QuotaDefinition {
  const def = serviceQuotas(serviceCode).find((d) => d.quotaCode === quotaCode);
  if (def === undefined) throw noSuchResource(NO_SUCH_QUOTA);
  return def;
}

/** A global quota has one value per account, whatever region answers; a regional one, one per region. */
export const scopeOf = (def: QuotaDefinition, region: string): QuotaScope => (def.global ? 'global' : region);

export const appliedKey = (accountId: string, scope: QuotaScope, serviceCode: string, quotaCode: string): string =>
  `${accountId}|${scope}|${serviceCode}|${quotaCode}`;

/**
 * The quotas the local cloud itself enforces (config.quotas): their value before any increase is the enforced one,
 * so Service Quotas reports what the account will really run into.
 */
const ENFORCED: Readonly<Record<string, keyof Quotas>> = { 'L-FE177D64': 'maxRolesPerAccount' };

/** The quota's value for this account: an approved increase, else what the local cloud enforces, else AWS's default. */
export function appliedValue(
  store: Store,
  config: ResolvedConfig,
  accountId: string,
  def: QuotaDefinition,
  region: string,
): number {
  const applied = store.get(
    'serviceQuotaApplied',
    appliedKey(accountId, scopeOf(def, region), def.serviceCode, def.quotaCode),
  );
  if (applied !== undefined) return applied.value;
  const enforced = ENFORCED[def.quotaCode];
  return enforced === undefined ? def.defaultValue : config.quotas[enforced];
}

/** IAM's roles-per-account limit for one account: the configured quota, or more after an approved increase. */
export function rolesPerAccountQuota(store: Store, config: ResolvedConfig, accountId: string): number {
  return appliedValue(store, config, accountId, quotaDefinition('iam', 'L-FE177D64'), 'global');
}

export function quotaArn(def: QuotaDefinition, region: string, accountId: string): string {
  return `arn:aws:servicequotas:${region}:${accountId}:${def.serviceCode}/${def.quotaCode}`;
}

/** The ServiceQuota shape: `value` applied (or the default for ListAWSDefaultServiceQuotas, with no account). */
export function quotaShape(def: QuotaDefinition, region: string, accountId: string, value: number): unknown {
  return {
    ServiceCode: def.serviceCode,
    ServiceName: def.serviceName,
    QuotaArn: quotaArn(def, region, accountId),
    QuotaCode: def.quotaCode,
    QuotaName: def.quotaName,
    Value: value,
    Unit: def.unit,
    Adjustable: def.adjustable,
    GlobalQuota: def.global,
    ...(def.usage === undefined
      ? {}
      : {
          UsageMetric: {
            MetricNamespace: def.usage.metric.namespace,
            MetricName: def.usage.metric.name,
            MetricDimensions: def.usage.metric.dimensions,
            MetricStatisticRecommendation: def.usage.metric.statistic,
          },
        }),
    QuotaAppliedAtLevel: 'ACCOUNT',
  };
}

/** AWS: MaxResults 1..100 for every list of Service Quotas. */
export const PAGE_SIZES = { defaultSize: 100, maxSize: 100, invalid: invalidInput };
