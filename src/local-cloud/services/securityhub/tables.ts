import type { TableName } from '../../store/state.js';

/** The configuration Security Hub keeps (no findings, no controls run). Regional, as in AWS. */

export type AutoEnableStandards = 'NONE' | 'DEFAULT';

/** An account's hub subscription in one region, keyed `<account>|<region>`. */
export interface SecurityHubHubRecord {
  accountId: string;
  region: string;
  subscribedAt: number;
  controlFindingGenerator: 'STANDARD_CONTROL' | 'SECURITY_CONTROL';
  enableDefaultStandards: boolean;
  tags: Record<string, string>;
}

/** The organization's Security Hub administrator in one region, keyed `<org-id>|<region>`. */
export interface SecurityHubAdminRecord {
  organizationId: string;
  region: string;
  adminAccountId: string;
  enabledAt: number;
}

/** The administrator's auto-enable settings in one region, keyed `<org-id>|<region>`. */
export interface SecurityHubOrgConfigRecord {
  organizationId: string;
  region: string;
  autoEnable: boolean;
  autoEnableStandards: AutoEnableStandards;
}

declare module '../../store/state.js' {
  interface Tables {
    securityHubHubs: SecurityHubHubRecord;
    securityHubAdmins: SecurityHubAdminRecord;
    securityHubOrgConfigs: SecurityHubOrgConfigRecord;
  }
}

export const SECURITY_HUB_TABLES = [
  'securityHubHubs',
  'securityHubAdmins',
  'securityHubOrgConfigs',
] as const satisfies readonly TableName[];
