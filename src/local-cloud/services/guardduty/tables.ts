import type { TableName } from '../../store/state.js';

/** The configuration GuardDuty keeps (no findings: the local cloud has no detection engine). Regional, as in AWS. */

export type FindingPublishingFrequency = 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
export type AutoEnableMembers = 'NEW' | 'ALL' | 'NONE';

/** One detector per account and region, keyed `<account>|<region>`. */
export interface GuardDutyDetectorRecord {
  id: string;
  accountId: string;
  region: string;
  enabled: boolean;
  findingPublishingFrequency: FindingPublishingFrequency;
  tags: Record<string, string>;
  /** Feature name → ENABLED | DISABLED, as given to CreateDetector. */
  features: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

/** The delegated administrator of an organization in one region, keyed `<org-id>|<region>`. */
export interface GuardDutyAdminRecord {
  organizationId: string;
  region: string;
  adminAccountId: string;
  enabledAt: number;
}

/** The delegated administrator's auto-enable settings for one region, keyed `<org-id>|<region>`. */
export interface GuardDutyOrgConfigRecord {
  organizationId: string;
  region: string;
  autoEnableOrganizationMembers: AutoEnableMembers;
  /** Feature name → NEW | ALL | NONE. */
  features: Record<string, AutoEnableMembers>;
}

declare module '../../store/state.js' {
  interface Tables {
    guarddutyDetectors: GuardDutyDetectorRecord;
    guarddutyAdmins: GuardDutyAdminRecord;
    guarddutyOrgConfigs: GuardDutyOrgConfigRecord;
  }
}

export const GUARDDUTY_TABLES = [
  'guarddutyDetectors',
  'guarddutyAdmins',
  'guarddutyOrgConfigs',
] as const satisfies readonly TableName[];

export const regionalKey = (scope: string, region: string): string => `${scope}|${region}`;
