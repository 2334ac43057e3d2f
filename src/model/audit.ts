import { SERVICE_QUOTAS_PRINCIPAL } from './quota-kinds.js';
import type { QuotaRequestModel } from './quotas.js';

/**
 * The organization's audit setup (`audit:` in org.yaml): the organization trail delivered to the log-archive
 * account, and the security services run from a delegated administrator account.
 */
export interface AuditModel {
  trail?: TrailModel;
  security?: SecurityServicesModel;
}

export interface TrailModel {
  name: string;
  /** The account (by name) holding the bucket: the log-archive account unless the spec names another. */
  bucketAccount: string;
  bucketName: string;
  /** Logs every region (default true). */
  multiRegion: boolean;
  /** Object lock on the bucket, with a default retention (absent: no object lock). */
  objectLock?: { mode: 'GOVERNANCE' | 'COMPLIANCE'; days: number };
  /** A KMS key for SSE-KMS on the log files and the bucket (absent: SSE-S3). */
  kmsKeyArn?: string;
  /** Attach the `protect-cloudtrail` guardrail to the root (default true). */
  protect: boolean;
}

export type SecurityService = 'guardduty' | 'config' | 'securityhub';

export const SECURITY_SERVICES: readonly SecurityService[] = ['guardduty', 'config', 'securityhub'];

export interface SecurityServicesModel {
  /** The delegated administrator (by name): the security account. */
  adminAccount: string;
  services: SecurityService[];
  /** Turn the services on in accounts that join later (default true). */
  autoEnable: boolean;
  /** Config's organization aggregator, in the admin account (default `organization`). */
  aggregatorName: string;
}

/** The service principals each security service needs trusted access for, as AWS documents. */
export const SERVICE_PRINCIPALS: Readonly<Record<SecurityService | 'cloudtrail', readonly string[]>> = {
  cloudtrail: ['cloudtrail.amazonaws.com'],
  guardduty: ['guardduty.amazonaws.com'],
  config: ['config.amazonaws.com', 'config-multiaccountsetup.amazonaws.com'],
  securityhub: ['securityhub.amazonaws.com'],
};

/**
 * The service principals the audit setup needs trusted access (EnableAWSServiceAccess) for, sorted; and Service
 * Quotas' when `quotas:` puts requests into the quota request template (AWS: the template needs it).
 */
export function servicePrincipalsWanted(
  audit: AuditModel | undefined,
  quotas: readonly QuotaRequestModel[] = [],
): string[] {
  const wanted = new Set<string>();
  if (quotas.some((q) => q.newAccounts)) wanted.add(SERVICE_QUOTAS_PRINCIPAL);
  if (audit?.trail !== undefined) for (const p of SERVICE_PRINCIPALS.cloudtrail) wanted.add(p);
  for (const s of audit?.security?.services ?? []) for (const p of SERVICE_PRINCIPALS[s]) wanted.add(p);
  return [...wanted].sort();
}
