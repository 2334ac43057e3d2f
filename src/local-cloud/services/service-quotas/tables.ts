import type { TableName } from '../../store/state.js';

/**
 * What Service Quotas keeps: the quota values applied to an account (after an approved increase), the increase
 * requests and their lifecycle, and the organization's quota request template. The quotas themselves and their
 * defaults are the catalogue's (src/local-cloud/usage/quota-catalogue.ts).
 */

export type QuotaRequestStatus =
  'PENDING' | 'CASE_OPENED' | 'APPROVED' | 'DENIED' | 'CASE_CLOSED' | 'NOT_APPROVED' | 'INVALID_REQUEST';

/** Where a quota's value lives: its region, or `global` for a global quota (IAM, Organizations). */
export type QuotaScope = string;

/** A value applied to one account's quota, keyed `<account>|<scope>|<service>|<quota>`. */
export interface AppliedQuotaRecord {
  accountId: string;
  scope: QuotaScope;
  serviceCode: string;
  quotaCode: string;
  value: number;
  updatedAt: number;
}

/** One RequestServiceQuotaIncrease (or one filed from the template), keyed by its id. */
export interface QuotaRequestRecord {
  id: string;
  accountId: string;
  /** The region the request was made in (the quota's scope is derived from the catalogue). */
  region: string;
  scope: QuotaScope;
  serviceCode: string;
  quotaCode: string;
  desiredValue: number;
  status: QuotaRequestStatus;
  caseId?: string;
  requester: string;
  createdAt: number;
  lastUpdated: number;
  /** When the job moves an open request to its next status. */
  nextAt?: number;
}

/** The organization's template association, keyed by organization id. */
export interface QuotaTemplateAssociationRecord {
  organizationId: string;
  associatedAt: number;
}

/** One request in the template, keyed `<org>|<region>|<service>|<quota>`. */
export interface QuotaTemplateEntryRecord {
  organizationId: string;
  awsRegion: string;
  serviceCode: string;
  quotaCode: string;
  desiredValue: number;
}

declare module '../../store/state.js' {
  interface Tables {
    serviceQuotaApplied: AppliedQuotaRecord;
    serviceQuotaRequests: QuotaRequestRecord;
    serviceQuotaTemplates: QuotaTemplateAssociationRecord;
    serviceQuotaTemplateEntries: QuotaTemplateEntryRecord;
  }
}

export const SERVICE_QUOTAS_TABLES = [
  'serviceQuotaApplied',
  'serviceQuotaRequests',
  'serviceQuotaTemplates',
  'serviceQuotaTemplateEntries',
] as const satisfies readonly TableName[];
