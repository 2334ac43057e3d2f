import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SERVICE_PRINCIPALS } from '../../model/audit.js';
import type { ObservedDelegatedAdmin, ObservedSecurityService } from '../../model/security-services.js';
import type { AwsClients } from './clients.js';
import { ensureAggregatorRole, putOrganizationAggregator, readConfig } from './config/aggregator.js';
import { configureGuardDuty, guardDutyAdmins, readGuardDuty } from './guardduty/organization.js';
import { delegatedAdminsOf } from './organizations/delegated-admins.js';
import type { KindProvider, ServiceReader } from './provider.js';
import { configureSecurityHub, readSecurityHub, securityHubAdmins } from './securityhub/organization.js';

/** Security Hub and GuardDuty answer BadRequest/InvalidAccess while the delegation is still settling. */
const SETTLING = new Set(['BadRequestException', 'InvalidAccessException', 'ResourceConflictException']);

/** Each service's organization-wide setup, in the administrator account (assumed role) in the home region. */
export const securityServiceProvider: KindProvider<'security-service'> = {
  kind: 'security-service',
  lane: () => 'security-services',
  isRetryable: (err) => SETTLING.has((err as { name?: string }).name ?? ''),
  async apply({ payload }, { clients, resolve }) {
    const account = await clients.forAccount(resolve(payload.account));
    const region = clients.homeRegion;
    switch (payload.service) {
      case 'guardduty':
        return { physicalId: await configureGuardDuty(account.client(GuardDutyClient, region), payload.autoEnable) };
      case 'securityhub':
        await configureSecurityHub(account.client(SecurityHubClient, region), payload.autoEnable);
        return {};
      case 'config': {
        const roleArn = await ensureAggregatorRole(account.client(IAMClient));
        const name = payload.aggregatorName ?? 'organization';
        await putOrganizationAggregator(account.client(ConfigServiceClient, region), name, roleArn);
        return {};
      }
    }
  },
};

/**
 * The delegated administrators (GuardDuty and Security Hub from their own lists in the home region, Config's
 * principals from Organizations) and each service as its administrator account reports it. Run only for specs with
 * `audit.security`.
 */
export const securityServicesReader: ServiceReader = {
  service: 'security-services',
  kinds: ['delegated-administrator', 'security-service'],
  // After Organizations: without an organization there are no delegated administrators to list (the services answer
  // AWSOrganizationsNotInUseException or their own refusal), so none is read.
  afterOthers: true,
  async read(clients: AwsClients, _io, context) {
    if (context?.prior !== undefined && context.prior.organization.length === 0)
      return { 'delegated-administrator': [], 'security-service': [] };
    const [guardduty, securityhub, ...config] = await Promise.all([
      guardDutyAdmins(clients.inHomeRegion(GuardDutyClient)),
      securityHubAdmins(clients.inHomeRegion(SecurityHubClient)),
      ...SERVICE_PRINCIPALS.config.map((p) => delegatedAdminsOf(clients.organizations, p)),
    ]);
    const admins: ObservedDelegatedAdmin[] = [
      ...guardduty!.map((accountId) => ({ servicePrincipal: 'guardduty.amazonaws.com', accountId })),
      ...securityhub!.map((accountId) => ({ servicePrincipal: 'securityhub.amazonaws.com', accountId })),
      ...SERVICE_PRINCIPALS.config.flatMap((servicePrincipal, i) =>
        config[i]!.map((accountId) => ({ servicePrincipal, accountId })),
      ),
    ];
    const region = clients.homeRegion;
    const reads: Promise<ObservedSecurityService>[] = [
      ...guardduty!.map(async (id) =>
        readGuardDuty((await clients.forAccount(id)).client(GuardDutyClient, region), id),
      ),
      ...securityhub!.map(async (id) =>
        readSecurityHub((await clients.forAccount(id)).client(SecurityHubClient, region), id),
      ),
      ...config[0]!.map(async (id) =>
        readConfig((await clients.forAccount(id)).client(ConfigServiceClient, region), id),
      ),
    ];
    return { 'delegated-administrator': admins, 'security-service': await Promise.all(reads) };
  },
};
