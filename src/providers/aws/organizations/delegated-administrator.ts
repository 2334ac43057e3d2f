import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { KindProvider } from '../provider.js';
import { disableGuardDutyAdmin, enableGuardDutyAdmin } from '../guardduty/organization.js';
import { disableSecurityHubAdmin, enableSecurityHubAdmin } from '../securityhub/organization.js';
import { isOrganizationsRetryable } from './common.js';
import { deregisterDelegatedAdmin, registerDelegatedAdmin } from './delegated-admins.js';

/**
 * Delegated administrators, from the management account: GuardDuty and Security Hub through their own
 * Enable/DisableOrganizationAdminAccount in the home region (which register the Organizations delegated administrator
 * themselves), Config's two principals through Organizations Register/DeregisterDelegatedAdministrator.
 */
export const delegatedAdministratorProvider: KindProvider<'delegated-administrator'> = {
  kind: 'delegated-administrator',
  lane: () => 'organizations',
  isRetryable: isOrganizationsRetryable,
  async apply({ payload }, { clients, resolve }) {
    const accountId = payload.action === 'create' ? resolve(payload.account) : payload.accountId;
    const enable = payload.action === 'create';
    switch (payload.service) {
      case 'guardduty': {
        const client = clients.inHomeRegion(GuardDutyClient);
        await (enable ? enableGuardDutyAdmin : disableGuardDutyAdmin)(client, accountId);
        break;
      }
      case 'securityhub': {
        const client = clients.inHomeRegion(SecurityHubClient);
        await (enable ? enableSecurityHubAdmin : disableSecurityHubAdmin)(client, accountId);
        break;
      }
      case 'config':
        await (enable ? registerDelegatedAdmin : deregisterDelegatedAdmin)(
          clients.organizations,
          accountId,
          payload.servicePrincipal,
        );
    }
    return {};
  },
};
