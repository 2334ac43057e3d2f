import { AwsApiError } from '../../errors.js';
import type { OrganizationRecord } from '../organizations/tables.js';
import { organizationOfAccount } from '../organizations/service-delegation.js';
import { paginateJson } from '../pagination.js';
import type { HandlerContext } from '../registry.js';
import { PAGE_SIZES, input, quotaDefinition, readQuotaCode, readServiceCode } from './catalogue.js';
import {
  accessDenied,
  noOrganization,
  noSuchResource,
  notAllFeatures,
  quotaExceeded,
  serviceAccessNotEnabled,
  templateNotInUse,
  templatesNotInRegion,
} from './errors.js';
import { fileRequest, readDesiredValue } from './requests.js';
import type { QuotaTemplateEntryRecord } from './tables.js';

export const SERVICE_QUOTAS_PRINCIPAL = 'servicequotas.amazonaws.com';
/** AWS: a quota request template holds at most 10 quota increase requests. */
const MAX_TEMPLATE_ENTRIES = 10;
const AWS_REGION = /^[a-zA-Z][a-zA-Z0-9-]{1,128}$/;

/**
 * The organization whose template the caller manages: the caller must be its management account, in the local
 * cloud's home region, with all features and trusted access for servicequotas.amazonaws.com.
 */
function templateOrganization(ctx: HandlerContext): OrganizationRecord {
  if (ctx.region !== ctx.config.region) throw templatesNotInRegion();
  const org = organizationOfAccount(ctx.store, ctx.principal.accountId);
  if (org === undefined) throw noOrganization();
  if (org.managementAccountId !== ctx.principal.accountId)
    throw accessDenied('You do not have sufficient permission to perform this action.');
  if (org.featureSet !== 'ALL') throw notAllFeatures();
  if (org.serviceAccess[SERVICE_QUOTAS_PRINCIPAL] === undefined) throw serviceAccessNotEnabled();
  return org;
}

export function associateServiceQuotaTemplate(_i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = templateOrganization(ctx);
  if (!ctx.store.has('serviceQuotaTemplates', org.id))
    ctx.store.put('serviceQuotaTemplates', org.id, { organizationId: org.id, associatedAt: ctx.now });
  return {};
}

export function disassociateServiceQuotaTemplate(_i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = templateOrganization(ctx);
  if (!ctx.store.has('serviceQuotaTemplates', org.id)) throw templateNotInUse();
  ctx.store.delete('serviceQuotaTemplates', org.id);
  return {};
}

export function getAssociationForServiceQuotaTemplate(_i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = templateOrganization(ctx);
  return {
    ServiceQuotaTemplateAssociationStatus: ctx.store.has('serviceQuotaTemplates', org.id)
      ? 'ASSOCIATED'
      : 'DISASSOCIATED',
  };
}

const entryKey = (orgId: string, region: string, serviceCode: string, quotaCode: string): string =>
  `${orgId}|${region}|${serviceCode}|${quotaCode}`;

function entryShape(e: QuotaTemplateEntryRecord): unknown {
  const def = quotaDefinition(e.serviceCode, e.quotaCode);
  return {
    ServiceCode: def.serviceCode,
    ServiceName: def.serviceName,
    QuotaCode: def.quotaCode,
    QuotaName: def.quotaName,
    DesiredValue: e.desiredValue,
    AwsRegion: e.awsRegion,
    Unit: def.unit,
    GlobalQuota: def.global,
  };
}

const readRegion = (i: Record<string, unknown>): string =>
  input.reqString(i, 'AwsRegion', { min: 1, max: 64, pattern: AWS_REGION });

export function putServiceQuotaIncreaseRequestIntoTemplate(i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = templateOrganization(ctx);
  const def = quotaDefinition(readServiceCode(i), readQuotaCode(i));
  const region = readRegion(i);
  const desiredValue = readDesiredValue(i);
  const key = entryKey(org.id, region, def.serviceCode, def.quotaCode);
  if (!ctx.store.has('serviceQuotaTemplateEntries', key)) {
    let count = 0;
    for (const e of ctx.store.values('serviceQuotaTemplateEntries')) if (e.organizationId === org.id) count++;
    if (count >= MAX_TEMPLATE_ENTRIES)
      throw quotaExceeded(
        'You have exceeded your service quota. To perform the requested action, remove some of the relevant resources, or use Service Quotas to request a service quota increase.',
      );
  }
  const entry: QuotaTemplateEntryRecord = {
    organizationId: org.id,
    awsRegion: region,
    serviceCode: def.serviceCode,
    quotaCode: def.quotaCode,
    desiredValue,
  };
  ctx.store.put('serviceQuotaTemplateEntries', key, entry);
  return { ServiceQuotaIncreaseRequestInTemplate: entryShape(entry) };
}

function findEntry(i: Record<string, unknown>, ctx: HandlerContext): [string, QuotaTemplateEntryRecord] {
  const org = templateOrganization(ctx);
  const def = quotaDefinition(readServiceCode(i), readQuotaCode(i));
  const key = entryKey(org.id, readRegion(i), def.serviceCode, def.quotaCode);
  const entry = ctx.store.get('serviceQuotaTemplateEntries', key);
  if (entry === undefined)
    throw noSuchResource('The request failed because the specified quota increase request does not exist.');
  return [key, entry];
}

export function getServiceQuotaIncreaseRequestFromTemplate(i: Record<string, unknown>, ctx: HandlerContext): unknown {
  return { ServiceQuotaIncreaseRequestInTemplate: entryShape(findEntry(i, ctx)[1]) };
}

export function deleteServiceQuotaIncreaseRequestFromTemplate(
  i: Record<string, unknown>,
  ctx: HandlerContext,
): unknown {
  ctx.store.delete('serviceQuotaTemplateEntries', findEntry(i, ctx)[0]);
  return {};
}

export function listServiceQuotaIncreaseRequestsInTemplate(i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = templateOrganization(ctx);
  const serviceCode = input.optString(i, 'ServiceCode', { min: 1, max: 63 });
  const region = input.optString(i, 'AwsRegion', { min: 1, max: 64, pattern: AWS_REGION });
  const all = [...ctx.store.values('serviceQuotaTemplateEntries')]
    .filter(
      (e) =>
        e.organizationId === org.id &&
        (serviceCode === undefined || e.serviceCode === serviceCode) &&
        (region === undefined || e.awsRegion === region),
    )
    .sort((a, b) =>
      `${a.serviceCode}|${a.quotaCode}|${a.awsRegion}`.localeCompare(`${b.serviceCode}|${b.quotaCode}|${b.awsRegion}`),
    );
  const op = `ListServiceQuotaIncreaseRequestsInTemplate/${serviceCode ?? ''}/${region ?? ''}`;
  const { page, NextToken } = paginateJson(all, op, i, PAGE_SIZES);
  return { ServiceQuotaIncreaseRequestInTemplateList: page.map(entryShape), NextToken };
}

/**
 * Called when CreateAccount completes: with the template associated, each of its requests is filed for the new
 * account, as AWS does for accounts created after the association. A request the account does not need (its value
 * is already as high) is skipped.
 */
export function fileTemplateRequests(ctx: HandlerContext, organizationId: string, accountId: string): void {
  if (!ctx.store.has('serviceQuotaTemplates', organizationId)) return;
  const org = ctx.store.get('organizations', organizationId);
  const requester = JSON.stringify({ accountId: org?.managementAccountId ?? '', callerArn: 'ServiceQuotaTemplate' });
  for (const e of [...ctx.store.values('serviceQuotaTemplateEntries')]) {
    if (e.organizationId !== organizationId) continue;
    try {
      fileRequest(ctx, accountId, e.awsRegion, quotaDefinition(e.serviceCode, e.quotaCode), e.desiredValue, requester);
    } catch (err) {
      if (!(err instanceof AwsApiError)) throw err;
    }
  }
}
