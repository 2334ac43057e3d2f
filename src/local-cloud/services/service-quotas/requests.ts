import { randomBytes } from 'node:crypto';
import type { Store } from '../../store/store.js';
import type { QuotaDefinition } from '../../usage/quota-catalogue.js';
import { paginateJson } from '../pagination.js';
import type { HandlerContext } from '../registry.js';
import {
  PAGE_SIZES,
  appliedKey,
  appliedValue,
  input,
  quotaArn,
  quotaDefinition,
  readQuotaCode,
  readServiceCode,
  scopeOf,
  serviceQuotas,
} from './catalogue.js';
import { ONE_OPEN_REQUEST, alreadyExists, illegalArgument, noSuchResource } from './errors.js';
import type { QuotaRequestRecord, QuotaRequestStatus } from './tables.js';

export const QUOTA_REQUEST_JOB = 'service-quota-request';

const STATUSES: readonly QuotaRequestStatus[] = [
  'PENDING',
  'CASE_OPENED',
  'APPROVED',
  'DENIED',
  'CASE_CLOSED',
  'NOT_APPROVED',
  'INVALID_REQUEST',
];
const OPEN: readonly QuotaRequestStatus[] = ['PENDING', 'CASE_OPENED'];
/** The model's QuotaValue bounds. */
const MAX_QUOTA_VALUE = 10_000_000_000;

export function requestShape(r: QuotaRequestRecord, def: QuotaDefinition): unknown {
  return {
    Id: r.id,
    ...(r.caseId === undefined ? {} : { CaseId: r.caseId }),
    ServiceCode: def.serviceCode,
    ServiceName: def.serviceName,
    QuotaCode: def.quotaCode,
    QuotaName: def.quotaName,
    DesiredValue: r.desiredValue,
    Status: r.status,
    Created: new Date(r.createdAt),
    LastUpdated: new Date(r.lastUpdated),
    Requester: r.requester,
    QuotaArn: quotaArn(def, r.region, r.accountId),
    GlobalQuota: def.global,
    Unit: def.unit,
    QuotaRequestedAtLevel: 'ACCOUNT',
  };
}

function openRequest(store: Store, accountId: string, scope: string, def: QuotaDefinition): boolean {
  for (const r of store.values('serviceQuotaRequests'))
    if (
      r.accountId === accountId &&
      r.scope === scope &&
      r.serviceCode === def.serviceCode &&
      r.quotaCode === def.quotaCode &&
      OPEN.includes(r.status)
    )
      return true;
  return false;
}

/**
 * Files an increase for `accountId` (a caller's request, or one the template files for a new account). Fails as AWS
 * does for a quota that cannot be adjusted, a value not above the current one, and a second open request.
 */
export function fileRequest(
  ctx: HandlerContext,
  accountId: string,
  region: string,
  def: QuotaDefinition,
  desiredValue: number,
  requester: string,
): QuotaRequestRecord {
  if (!def.adjustable) throw illegalArgument(`The quota ${def.quotaCode} is not adjustable.`);
  const current = appliedValue(ctx.store, ctx.config, accountId, def, region);
  if (desiredValue <= current)
    throw illegalArgument(`The requested value must be greater than the current value of the quota (${current}).`);
  const scope = scopeOf(def, region);
  if (openRequest(ctx.store, accountId, scope, def)) throw alreadyExists(ONE_OPEN_REQUEST);
  const record: QuotaRequestRecord = {
    id: randomBytes(16).toString('hex'),
    accountId,
    region,
    scope,
    serviceCode: def.serviceCode,
    quotaCode: def.quotaCode,
    desiredValue,
    status: 'PENDING',
    requester,
    createdAt: ctx.now,
    lastUpdated: ctx.now,
    nextAt: ctx.now + ctx.config.latency.quotaRequestStepMs,
  };
  ctx.store.put('serviceQuotaRequests', record.id, record);
  ctx.schedule({ kind: QUOTA_REQUEST_JOB, key: record.id, at: record.nextAt ?? ctx.now });
  return record;
}

export function readDesiredValue(i: Record<string, unknown>): number {
  const v = i.DesiredValue;
  if (v === undefined || v === null) throw illegalArgument('You must specify a value for DesiredValue.');
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_QUOTA_VALUE)
    throw illegalArgument(`DesiredValue must be a number from 0 to ${MAX_QUOTA_VALUE}.`);
  return v;
}

const requesterOf = (ctx: HandlerContext): string =>
  JSON.stringify({ accountId: ctx.principal.accountId, callerArn: ctx.principal.arn });

export function requestServiceQuotaIncrease(i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const def = quotaDefinition(readServiceCode(i), readQuotaCode(i));
  const desired = readDesiredValue(i);
  input.optString(i, 'ContextId');
  const r = fileRequest(ctx, ctx.principal.accountId, ctx.region, def, desired, requesterOf(ctx));
  return { RequestedQuota: requestShape(r, def) };
}

/** The job: PENDING → CASE_OPENED (a support case id appears) → APPROVED, and the account's value is raised. */
export function advanceRequest(id: string, ctx: HandlerContext): void {
  const r = ctx.store.get('serviceQuotaRequests', id);
  if (r === undefined || !OPEN.includes(r.status)) return;
  if (r.status === 'PENDING') {
    const nextAt = ctx.now + ctx.config.latency.quotaRequestStepMs;
    const caseId = String(10_000_000_000 + (randomBytes(4).readUInt32BE() % 90_000_000_000));
    ctx.store.put('serviceQuotaRequests', id, { ...r, status: 'CASE_OPENED', caseId, lastUpdated: ctx.now, nextAt });
    ctx.schedule({ kind: QUOTA_REQUEST_JOB, key: id, at: nextAt });
    return;
  }
  const { nextAt: _done, ...rest } = r;
  ctx.store.put('serviceQuotaRequests', id, { ...rest, status: 'APPROVED', lastUpdated: ctx.now });
  ctx.store.put('serviceQuotaApplied', appliedKey(r.accountId, r.scope, r.serviceCode, r.quotaCode), {
    accountId: r.accountId,
    scope: r.scope,
    serviceCode: r.serviceCode,
    quotaCode: r.quotaCode,
    value: r.desiredValue,
    updatedAt: ctx.now,
  });
}

export function pendingRequests(store: Store): { key: string; at: number }[] {
  const jobs: { key: string; at: number }[] = [];
  for (const r of store.values('serviceQuotaRequests'))
    if (r.nextAt !== undefined && OPEN.includes(r.status)) jobs.push({ key: r.id, at: r.nextAt });
  return jobs;
}

export function getRequestedServiceQuotaChange(i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const id = input.reqString(i, 'RequestId', { min: 1, max: 128, pattern: /^[0-9a-zA-Z][a-zA-Z0-9-]{1,128}$/ });
  const r = ctx.store.get('serviceQuotaRequests', id);
  if (r?.accountId !== ctx.principal.accountId)
    throw noSuchResource('The request failed because the specified request does not exist.');
  return { RequestedQuota: requestShape(r, quotaDefinition(r.serviceCode, r.quotaCode)) };
}

/** The caller's requests seen from this region: those made here, and those of global quotas. */
function history(ctx: HandlerContext, i: Record<string, unknown>, serviceCode?: string, quotaCode?: string) {
  const status = input.optString(i, 'Status', { values: STATUSES });
  input.optString(i, 'QuotaRequestedAtLevel', { values: ['ACCOUNT', 'RESOURCE', 'ALL'] });
  return [...ctx.store.values('serviceQuotaRequests')]
    .filter(
      (r) =>
        r.accountId === ctx.principal.accountId &&
        (r.scope === 'global' || r.region === ctx.region) &&
        (serviceCode === undefined || r.serviceCode === serviceCode) &&
        (quotaCode === undefined || r.quotaCode === quotaCode) &&
        (status === undefined || r.status === status),
    )
    .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

export function listRequestedServiceQuotaChangeHistory(i: Record<string, unknown>, ctx: HandlerContext): unknown {
  const serviceCode = input.optString(i, 'ServiceCode', { min: 1, max: 63 });
  // An unknown service is NoSuchResourceException, as for the other lists.
  if (serviceCode !== undefined) serviceQuotas(serviceCode);
  const all = history(ctx, i, serviceCode);
  const op = `ListRequestedServiceQuotaChangeHistory/${serviceCode ?? ''}/${String(i.Status ?? '')}`;
  const { page, NextToken } = paginateJson(all, op, i, PAGE_SIZES);
  return {
    RequestedQuotas: page.map((r) => requestShape(r, quotaDefinition(r.serviceCode, r.quotaCode))),
    NextToken,
  };
}

export function listRequestedServiceQuotaChangeHistoryByQuota(
  i: Record<string, unknown>,
  ctx: HandlerContext,
): unknown {
  const def = quotaDefinition(readServiceCode(i), readQuotaCode(i));
  const all = history(ctx, i, def.serviceCode, def.quotaCode);
  const op = `ListRequestedServiceQuotaChangeHistoryByQuota/${def.serviceCode}/${def.quotaCode}/${String(i.Status ?? '')}`;
  const { page, NextToken } = paginateJson(all, op, i, PAGE_SIZES);
  return { RequestedQuotas: page.map((r) => requestShape(r, def)), NextToken };
}
