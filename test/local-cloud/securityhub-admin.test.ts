import * as O from '@aws-sdk/client-organizations';
import * as S from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from './helpers.js';
import type { SecurityClients, SecurityOrg } from './security-services-helpers.js';
import { startSecurityOrg } from './security-services-helpers.js';

/*
 * Issue 12 item 3: Security Hub's hub subscription, its administrator account and the organization's auto-enable,
 * driven by the SDK v3 client, with AWS's InvalidAccessException / ResourceConflictException wording.
 */

let o: SecurityOrg;
let mgmt: SecurityClients;
let sec: SecurityClients;
let app: SecurityClients;

beforeAll(async () => {
  o = await startSecurityOrg();
  mgmt = o.clients(o.h.cloud.credentials);
  sec = o.clients(o.securityCreds);
  app = o.clients(o.appCreds);
});

afterAll(async () => {
  await o.h.stop();
});

describe('the Security Hub subscription', () => {
  it('is refused to DescribeHub before EnableSecurityHub, then described, then refused again once enabled', async () => {
    expect(await awsError(() => app.securityhub.send(new S.DescribeHubCommand({})))).toEqual({
      name: 'InvalidAccessException',
      message: `Account ${o.app} is not subscribed to AWS Security Hub`,
      status: 401,
    });
    await app.securityhub.send(new S.EnableSecurityHubCommand({ EnableDefaultStandards: false }));
    const hub = await app.securityhub.send(new S.DescribeHubCommand({}));
    expect(hub).toMatchObject({
      HubArn: `arn:aws:securityhub:${o.h.cloud.region}:${o.app}:hub/default`,
      AutoEnableControls: true,
      ControlFindingGenerator: 'SECURITY_CONTROL',
    });
    expect(Date.parse(hub.SubscribedAt ?? '')).not.toBeNaN();
    expect(await awsError(() => app.securityhub.send(new S.EnableSecurityHubCommand({})))).toEqual({
      name: 'ResourceConflictException',
      message: 'Account is already subscribed to Security Hub',
      status: 409,
    });
    await app.securityhub.send(new S.DisableSecurityHubCommand({}));
    expect(await awsError(() => app.securityhub.send(new S.DescribeHubCommand({})))).toMatchObject({
      name: 'InvalidAccessException',
    });
  });

  it('refuses a ControlFindingGenerator outside the enum', async () => {
    expect(
      await awsError(() =>
        app.securityhub.send(
          new S.EnableSecurityHubCommand({ ControlFindingGenerator: 'EVERYTHING' as S.ControlFindingGenerator }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidInputException', status: 400 });
  });
});

describe('the Security Hub administrator account', () => {
  it('is designated by the management account only', async () => {
    expect(
      await awsError(() =>
        app.securityhub.send(new S.EnableOrganizationAdminAccountCommand({ AdminAccountId: o.security })),
      ),
    ).toMatchObject({ name: 'InvalidAccessException', status: 401 });
    expect(
      await awsError(() =>
        mgmt.securityhub.send(new S.EnableOrganizationAdminAccountCommand({ AdminAccountId: '999999999999' })),
      ),
    ).toMatchObject({ name: 'InvalidInputException', status: 400 });
    const enabled = await mgmt.securityhub.send(
      new S.EnableOrganizationAdminAccountCommand({ AdminAccountId: o.security }),
    );
    expect(enabled).toMatchObject({ AdminAccountId: o.security, Feature: 'SecurityHub' });
    const listed = await mgmt.securityhub.send(new S.ListOrganizationAdminAccountsCommand({}));
    expect(listed.AdminAccounts).toEqual([{ AccountId: o.security, Status: 'ENABLED' }]);
    const admins = await mgmt.org.send(
      new O.ListDelegatedAdministratorsCommand({ ServicePrincipal: 'securityhub.amazonaws.com' }),
    );
    expect(admins.DelegatedAdministrators?.map((a) => a.Id)).toEqual([o.security]);
    const access = await mgmt.org.send(new O.ListAWSServiceAccessForOrganizationCommand({}));
    expect(access.EnabledServicePrincipals?.map((p) => p.ServicePrincipal)).toContain('securityhub.amazonaws.com');
  });

  it('sets the organization auto-enable once subscribed; other accounts are not administrators', async () => {
    expect(await awsError(() => sec.securityhub.send(new S.DescribeOrganizationConfigurationCommand({})))).toEqual({
      name: 'InvalidAccessException',
      message: `Account ${o.security} is not subscribed to AWS Security Hub`,
      status: 401,
    });
    await sec.securityhub.send(new S.EnableSecurityHubCommand({}));
    await sec.securityhub.send(
      new S.UpdateOrganizationConfigurationCommand({ AutoEnable: true, AutoEnableStandards: 'NONE' }),
    );
    expect(await sec.securityhub.send(new S.DescribeOrganizationConfigurationCommand({}))).toMatchObject({
      AutoEnable: true,
      AutoEnableStandards: 'NONE',
      MemberAccountLimitReached: false,
      OrganizationConfiguration: { ConfigurationType: 'LOCAL', Status: 'ENABLED' },
    });
    expect(
      await awsError(() =>
        sec.securityhub.send(
          new S.UpdateOrganizationConfigurationCommand({} as S.UpdateOrganizationConfigurationRequest),
        ),
      ),
    ).toMatchObject({ name: 'InvalidInputException', status: 400 });
    await app.securityhub.send(new S.EnableSecurityHubCommand({}));
    expect(
      await awsError(() => app.securityhub.send(new S.UpdateOrganizationConfigurationCommand({ AutoEnable: true }))),
    ).toEqual({
      name: 'InvalidAccessException',
      message: `Account ${o.app} is not an administrator for this organization`,
      status: 401,
    });
  });

  it('is disabled by the management account and deregistered from Organizations', async () => {
    await mgmt.securityhub.send(new S.DisableOrganizationAdminAccountCommand({ AdminAccountId: o.security }));
    expect((await mgmt.securityhub.send(new S.ListOrganizationAdminAccountsCommand({}))).AdminAccounts).toEqual([]);
    const admins = await mgmt.org.send(
      new O.ListDelegatedAdministratorsCommand({ ServicePrincipal: 'securityhub.amazonaws.com' }),
    );
    expect(admins.DelegatedAdministrators).toEqual([]);
  });
});
