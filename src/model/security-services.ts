import type { SecurityService } from './audit.js';
import type { Ref } from './payloads.js';

// The kinds of `audit.security`: a delegated administrator per service principal (registered from the management
// account) and each security service's organization-wide setup inside that administrator account.

/** One service principal whose delegated administrator the spec names. Key: the service principal. */
export interface DesiredDelegatedAdmin {
  servicePrincipal: string;
  service: SecurityService;
  /** The administrator account, by name. */
  accountName: string;
}

/** A delegated administrator as refresh sees it (GuardDuty, Security Hub: their own list; Config: Organizations). */
export interface ObservedDelegatedAdmin {
  servicePrincipal: string;
  accountId: string;
}

/** A security service run for the whole organization from the administrator account. Key: the service. */
export interface DesiredSecurityService {
  service: SecurityService;
  accountName: string;
  autoEnable: boolean;
  /** Config only: the organization aggregator's name. */
  aggregatorName?: string;
}

/** Config's organization aggregator as DescribeConfigurationAggregators reports it. */
export interface ObservedAggregator {
  name: string;
  allAwsRegions: boolean;
  roleArn: string;
}

/**
 * A security service in an observed administrator account. `autoEnable` is AWS's own value: GuardDuty's
 * AutoEnableOrganizationMembers (`ALL`, `NEW`, `NONE`), Security Hub's AutoEnable (`true`, `false`); Config has none.
 */
export interface ObservedSecurityService {
  service: SecurityService;
  accountId: string;
  /** GuardDuty: a detector exists; Security Hub: the hub is enabled; Config: an organization aggregator exists. */
  enabled: boolean;
  autoEnable?: string;
  detectorId?: string;
  aggregators?: ObservedAggregator[];
}

export type DelegatedAdminPayload =
  | { action: 'create'; service: SecurityService; servicePrincipal: string; account: Ref; accountName: string }
  | { action: 'delete'; service: SecurityService; servicePrincipal: string; accountId: string };

export interface SecurityServicePayload {
  action: 'create' | 'update';
  service: SecurityService;
  account: Ref;
  accountName: string;
  autoEnable: boolean;
  /** Config only. */
  aggregatorName?: string;
}

/** The value of AWS's auto-enable setting that `autoEnable` asks for (undefined: the service has none). */
export function wantedAutoEnable(service: SecurityService, autoEnable: boolean): string | undefined {
  if (service === 'guardduty') return autoEnable ? 'ALL' : 'NONE';
  if (service === 'securityhub') return String(autoEnable);
  return undefined;
}
