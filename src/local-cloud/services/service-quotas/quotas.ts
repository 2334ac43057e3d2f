import { QUOTA_CATALOGUE } from '../../usage/quota-catalogue.js';
import { paginateJson } from '../pagination.js';
import type { HandlerContext } from '../registry.js';
import {
  PAGE_SIZES,
  appliedValue,
  input,
  quotaDefinition,
  quotaShape,
  readQuotaCode,
  readServiceCode,
  serviceQuotas,
} from './catalogue.js';

const LEVELS = ['ACCOUNT', 'RESOURCE', 'ALL'];

export function listServices(i: Record<string, unknown>): unknown {
  const services = new Map<string, string>();
  for (const d of QUOTA_CATALOGUE) services.set(d.serviceCode, d.serviceName);
  const all = [...services].sort(([a], [b]) => a.localeCompare(b));
  const { page, NextToken } = paginateJson(all, 'ListServices', i, PAGE_SIZES);
  return { Services: page.map(([ServiceCode, ServiceName]) => ({ ServiceCode, ServiceName })), NextToken };
}

/** The account's applied values (the default where none was changed), per quota of the service. */
export function listServiceQuotas(i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const serviceCode = readServiceCode(i);
  const quotaCode = input.optString(i, 'QuotaCode', { min: 1, max: 128 });
  const level = input.optString(i, 'QuotaAppliedAtLevel', { values: LEVELS }) ?? 'ACCOUNT';
  const account = ctx.principal.accountId;
  const defs = serviceQuotas(serviceCode).filter(
    (d) => (quotaCode === undefined || d.quotaCode === quotaCode) && level !== 'RESOURCE',
  );
  const { page, NextToken } = paginateJson(defs, `ListServiceQuotas/${serviceCode}/${quotaCode ?? ''}`, i, PAGE_SIZES);
  return {
    Quotas: page.map((d) =>
      quotaShape(d, ctx.region, account, appliedValue(ctx.store, ctx.config, account, d, ctx.region)),
    ),
    NextToken,
  };
}

export function getServiceQuota(i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const def = quotaDefinition(readServiceCode(i), readQuotaCode(i));
  input.optString(i, 'ContextId');
  const account = ctx.principal.accountId;
  return { Quota: quotaShape(def, ctx.region, account, appliedValue(ctx.store, ctx.config, account, def, ctx.region)) };
}

/** AWS's defaults: the ARN names no account (`arn:aws:servicequotas:<region>::<service>/<quota>`). */
export function listAwsDefaultServiceQuotas(i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const serviceCode = readServiceCode(i);
  const defs = serviceQuotas(serviceCode);
  const { page, NextToken } = paginateJson(defs, `ListAWSDefaultServiceQuotas/${serviceCode}`, i, PAGE_SIZES);
  return { Quotas: page.map((d) => quotaShape(d, ctx.region, '', d.defaultValue)), NextToken };
}

export function getAwsDefaultServiceQuota(i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const def = quotaDefinition(readServiceCode(i), readQuotaCode(i));
  return { Quota: quotaShape(def, ctx.region, '', def.defaultValue) };
}
