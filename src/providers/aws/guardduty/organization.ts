import type { GuardDutyClient } from '@aws-sdk/client-guardduty';
import {
  CreateDetectorCommand,
  DescribeOrganizationConfigurationCommand,
  DisableOrganizationAdminAccountCommand,
  EnableOrganizationAdminAccountCommand,
  ListDetectorsCommand,
  ListOrganizationAdminAccountsCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-guardduty';
import type { ObservedSecurityService } from '../../../model/security-services.js';

/** GuardDuty's delegated administrators (ENABLED ones), read from the management account in the home region. */
export async function guardDutyAdmins(client: GuardDutyClient): Promise<string[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListOrganizationAdminAccountsCommand({ ...(NextToken ? { NextToken } : {}) }));
    for (const a of page.AdminAccounts ?? [])
      if (a.AdminAccountId && a.AdminStatus === 'ENABLED') ids.push(a.AdminAccountId);
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

/** EnableOrganizationAdminAccount from the management account, unless the account already is the administrator. */
export async function enableGuardDutyAdmin(client: GuardDutyClient, accountId: string): Promise<void> {
  if ((await guardDutyAdmins(client)).includes(accountId)) return;
  await client.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: accountId }));
}

export async function disableGuardDutyAdmin(client: GuardDutyClient, accountId: string): Promise<void> {
  if (!(await guardDutyAdmins(client)).includes(accountId)) return;
  await client.send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: accountId }));
}

async function detectorOf(client: GuardDutyClient): Promise<string | undefined> {
  return (await client.send(new ListDetectorsCommand({}))).DetectorIds?.[0];
}

/** In the administrator account: a detector (created if none), members auto-enabled ALL or NONE. */
export async function configureGuardDuty(client: GuardDutyClient, autoEnable: boolean): Promise<string> {
  const detectorId =
    (await detectorOf(client)) ?? (await client.send(new CreateDetectorCommand({ Enable: true }))).DetectorId;
  if (!detectorId) throw new Error('CreateDetector returned no DetectorId');
  await client.send(
    new UpdateOrganizationConfigurationCommand({
      DetectorId: detectorId,
      AutoEnableOrganizationMembers: autoEnable ? 'ALL' : 'NONE',
    }),
  );
  return detectorId;
}

/** GuardDuty in the administrator account as AWS reports it. */
export async function readGuardDuty(client: GuardDutyClient, accountId: string): Promise<ObservedSecurityService> {
  const detectorId = await detectorOf(client);
  if (detectorId === undefined) return { service: 'guardduty', accountId, enabled: false };
  const config = await client.send(new DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }));
  // Older organizations answer only the boolean AutoEnable (new members only).
  const autoEnable = config.AutoEnableOrganizationMembers ?? (config.AutoEnable ? 'NEW' : 'NONE');
  return { service: 'guardduty', accountId, enabled: true, detectorId, autoEnable };
}
