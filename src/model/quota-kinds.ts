import type { Ref } from './payloads.js';

/**
 * The two quota kinds: `service-quota` (an increase requested in one account through Service Quotas) and
 * `quota-template` (an increase in the organization's quota request template, which Service Quotas files for every
 * account created later). Built from `quotas:` (QuotaRequestModel).
 */

/** One quota wanted in one account: key `<account>/<service>/<quota>@<region>`. */
export interface DesiredServiceQuota {
  account: string;
  serviceCode: string;
  quotaCode: string;
  region: string;
  value: number;
  source: string;
}

/** Statuses of a request Service Quotas is still working on; the others (APPROVED, DENIED, …) are final. */
export const OPEN_REQUEST_STATUSES: readonly string[] = ['PENDING', 'CASE_OPENED'];

export interface ObservedQuotaRequest {
  id: string;
  desiredValue: number;
  status: string;
  created?: string;
}

/** A service or quota code close to an unknown one, with its name, for did-you-mean. */
export interface QuotaCandidate {
  code: string;
  name: string;
}

/** A quota as its account reports it: the applied value (the AWS default when none is applied), the open requests. */
export interface ObservedServiceQuota {
  accountId: string;
  serviceCode: string;
  quotaCode: string;
  region: string;
  value: number;
  openRequests: ObservedQuotaRequest[];
}

export type ServiceQuotaPayload = {
  action: 'create';
  account: Ref;
  accountName: string;
  serviceCode: string;
  quotaCode: string;
  region: string;
  value: number;
};

/** One entry of the quota request template: key `<service>/<quota>@<region>`. */
export interface DesiredQuotaTemplate {
  serviceCode: string;
  quotaCode: string;
  region: string;
  value: number;
  source: string;
}

/** A service and quota code of the spec as Service Quotas knows it: its name and AWS default, or what is close. */
export interface ObservedQuotaCode {
  serviceCode: string;
  quotaCode: string;
  quotaName?: string;
  defaultValue?: number;
  adjustable?: boolean;
  /** Service Quotas does not know the service, or the service has no such quota: what it lists instead. */
  unknown?: { what: 'service' | 'quota'; candidates: QuotaCandidate[] };
}

/**
 * Service Quotas as the management account reports it (one record, none when the spec has no `quotas:`): whether
 * the quota request template is associated with the organization, its entries, and the spec's codes.
 */
export interface ObservedQuotaTemplate {
  associated: boolean;
  entries: { serviceCode: string; quotaCode: string; region: string; value: number }[];
  codes: ObservedQuotaCode[];
}

export type QuotaTemplatePayload =
  | {
      action: 'create' | 'update';
      serviceCode: string;
      quotaCode: string;
      region: string;
      value: number;
      /** Associate the template with the organization first (it is not yet). */
      associate: boolean;
    }
  | { action: 'delete'; serviceCode: string; quotaCode: string; region: string };

export const serviceQuotaKey = (q: { account: string; serviceCode: string; quotaCode: string; region: string }) =>
  `${q.account}/${q.serviceCode}/${q.quotaCode}@${q.region}`;

export const quotaTemplateKey = (q: { serviceCode: string; quotaCode: string; region: string }) =>
  `${q.serviceCode}/${q.quotaCode}@${q.region}`;

/** AWS: only the management account, and only in US East (N. Virginia), can read or change the quota request template. */
export const QUOTA_TEMPLATE_REGION = 'us-east-1';

/** The service principal the quota request template needs trusted access for. */
export const SERVICE_QUOTAS_PRINCIPAL = 'servicequotas.amazonaws.com';
