import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import {
  DescribeHubCommand,
  DescribeOrganizationConfigurationCommand,
  DisableOrganizationAdminAccountCommand,
  EnableOrganizationAdminAccountCommand,
  EnableSecurityHubCommand,
  ListOrganizationAdminAccountsCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-securityhub';
import type { ObservedSecurityService } from '../../../model/security-services.js';
import { errorName } from '../organizations/common.js';

/** Security Hub's delegated administrators (ENABLED ones), read from the management account in the home region. */
export async function securityHubAdmins(client: SecurityHubClient): Promise<string[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListOrganizationAdminAccountsCommand({ ...(NextToken ? { NextToken } : {}) }));
    for (const a of page.AdminAccounts ?? []) if (a.AccountId && a.Status === 'ENABLED') ids.push(a.AccountId);
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

export async function enableSecurityHubAdmin(client: SecurityHubClient, accountId: string): Promise<void> {
  if ((await securityHubAdmins(client)).includes(accountId)) return;
  await client.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: accountId }));
}

export async function disableSecurityHubAdmin(client: SecurityHubClient, accountId: string): Promise<void> {
  if (!(await securityHubAdmins(client)).includes(accountId)) return;
  await client.send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: accountId }));
}

/** In the administrator account: Security Hub enabled (ResourceConflictException: it already is), then AutoEnable. */
export async function configureSecurityHub(client: SecurityHubClient, autoEnable: boolean): Promise<void> {
  try {
    await client.send(new EnableSecurityHubCommand({}));
  } catch (err) {
    if (errorName(err) !== 'ResourceConflictException') throw err;
  }
  await client.send(new UpdateOrganizationConfigurationCommand({ AutoEnable: autoEnable }));
}

/** Security Hub in the administrator account; not subscribed is `enabled: false`. */
export async function readSecurityHub(client: SecurityHubClient, accountId: string): Promise<ObservedSecurityService> {
  try {
    await client.send(new DescribeHubCommand({}));
  } catch (err) {
    if (['InvalidAccessException', 'ResourceNotFoundException'].includes(errorName(err))) {
      return { service: 'securityhub', accountId, enabled: false };
    }
    throw err;
  }
  const config = await client.send(new DescribeOrganizationConfigurationCommand({}));
  return { service: 'securityhub', accountId, enabled: true, autoEnable: String(config.AutoEnable ?? false) };
}
