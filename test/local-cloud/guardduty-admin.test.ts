import * as G from '@aws-sdk/client-guardduty';
import * as O from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from './helpers.js';
import type { SecurityClients, SecurityOrg } from './security-services-helpers.js';
import { startSecurityOrg } from './security-services-helpers.js';

/*
 * Issue 12 item 3: GuardDuty's delegated administrator and auto-enable, driven by the SDK v3 client. The management
 * account designates the security account; Organizations then shows it as the delegated administrator of
 * guardduty.amazonaws.com with trusted access enabled; only that account may set the organization's auto-enable.
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

const BAD_VALUE =
  'The request is rejected because an invalid or out-of-range value is specified as an input parameter.';
const NOT_ADMIN = 'The request failed because you do not have required AWS Organization master permission.';

describe('GuardDuty detectors', () => {
  it('creates one detector per account and region, lists, gets and deletes it', async () => {
    const { DetectorId: detectorId } = await app.guardduty.send(
      new G.CreateDetectorCommand({
        Enable: true,
        FindingPublishingFrequency: 'FIFTEEN_MINUTES',
        Tags: { team: 'sec' },
      }),
    );
    expect(detectorId).toMatch(/^[0-9a-f]{32}$/);
    expect((await app.guardduty.send(new G.ListDetectorsCommand({}))).DetectorIds).toEqual([detectorId]);
    const got = await app.guardduty.send(new G.GetDetectorCommand({ DetectorId: detectorId }));
    expect(got).toMatchObject({
      Status: 'ENABLED',
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      ServiceRole: `arn:aws:iam::${o.app}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
      Tags: { team: 'sec' },
    });
    expect(Date.parse(got.CreatedAt ?? '')).not.toBeNaN();
    expect(await awsError(() => app.guardduty.send(new G.CreateDetectorCommand({ Enable: true })))).toEqual({
      name: 'BadRequestException',
      message: 'The request is rejected because a detector already exists for the current account.',
      status: 400,
    });
    // Another region is another detector.
    const other = o.clients(o.appCreds, 'eu-west-1');
    expect((await other.guardduty.send(new G.ListDetectorsCommand({}))).DetectorIds).toEqual([]);
    await app.guardduty.send(new G.DeleteDetectorCommand({ DetectorId: detectorId }));
    expect((await app.guardduty.send(new G.ListDetectorsCommand({}))).DetectorIds).toEqual([]);
  });

  it.each([
    [
      'a well-formed id of no detector of the caller',
      'a'.repeat(32),
      'The request is rejected because the input detectorId is not owned by the current account.',
    ],
    ['a malformed id', 'not-a-detector', BAD_VALUE],
  ])('refuses %s', async (_label, id, message) => {
    expect(await awsError(() => app.guardduty.send(new G.GetDetectorCommand({ DetectorId: id })))).toEqual({
      name: 'BadRequestException',
      message,
      status: 400,
    });
  });
});

describe('GuardDuty delegated administrator', () => {
  it('refuses EnableOrganizationAdminAccount from a member account, and an account outside the organization', async () => {
    expect(
      await awsError(() =>
        app.guardduty.send(new G.EnableOrganizationAdminAccountCommand({ AdminAccountId: o.security })),
      ),
    ).toEqual({ name: 'BadRequestException', message: NOT_ADMIN, status: 400 });
    expect(
      await awsError(() =>
        mgmt.guardduty.send(new G.EnableOrganizationAdminAccountCommand({ AdminAccountId: '999999999999' })),
      ),
    ).toEqual({ name: 'BadRequestException', message: BAD_VALUE, status: 400 });
  });

  it('designates the security account: trusted access, the Organizations delegated administrator, the admin list', async () => {
    await mgmt.guardduty.send(new G.EnableOrganizationAdminAccountCommand({ AdminAccountId: o.security }));
    const listed = await mgmt.guardduty.send(new G.ListOrganizationAdminAccountsCommand({}));
    expect(listed.AdminAccounts).toEqual([{ AdminAccountId: o.security, AdminStatus: 'ENABLED' }]);
    const access = await mgmt.org.send(new O.ListAWSServiceAccessForOrganizationCommand({}));
    expect(access.EnabledServicePrincipals?.map((p) => p.ServicePrincipal)).toContain('guardduty.amazonaws.com');
    const admins = await mgmt.org.send(
      new O.ListDelegatedAdministratorsCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }),
    );
    expect(admins.DelegatedAdministrators?.map((a) => a.Id)).toEqual([o.security]);
    // Again with the same account: nothing changes; another account: refused.
    await mgmt.guardduty.send(new G.EnableOrganizationAdminAccountCommand({ AdminAccountId: o.security }));
    expect(
      await awsError(() => mgmt.guardduty.send(new G.EnableOrganizationAdminAccountCommand({ AdminAccountId: o.app }))),
    ).toMatchObject({ name: 'BadRequestException', message: BAD_VALUE });
  });

  it('lets only the delegated administrator set and read the organization auto-enable', async () => {
    const { DetectorId: detectorId } = await sec.guardduty.send(new G.CreateDetectorCommand({ Enable: true }));
    const before = await sec.guardduty.send(new G.DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }));
    expect(before).toMatchObject({
      AutoEnable: false,
      AutoEnableOrganizationMembers: 'NONE',
      MemberAccountLimitReached: false,
    });
    await sec.guardduty.send(
      new G.UpdateOrganizationConfigurationCommand({
        DetectorId: detectorId,
        AutoEnableOrganizationMembers: 'ALL',
        Features: [{ Name: 'S3_DATA_EVENTS', AutoEnable: 'NEW' }],
      }),
    );
    const after = await sec.guardduty.send(new G.DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }));
    expect(after).toMatchObject({
      AutoEnable: true,
      AutoEnableOrganizationMembers: 'ALL',
      Features: [{ Name: 'S3_DATA_EVENTS', AutoEnable: 'NEW' }],
    });
    // The deprecated AutoEnable alone: false means NONE.
    await sec.guardduty.send(
      new G.UpdateOrganizationConfigurationCommand({ DetectorId: detectorId, AutoEnable: false }),
    );
    expect(
      (await sec.guardduty.send(new G.DescribeOrganizationConfigurationCommand({ DetectorId: detectorId })))
        .AutoEnableOrganizationMembers,
    ).toBe('NONE');
    expect(
      await awsError(() =>
        sec.guardduty.send(new G.UpdateOrganizationConfigurationCommand({ DetectorId: detectorId })),
      ),
    ).toMatchObject({ name: 'BadRequestException', message: BAD_VALUE });
    const appDetector = (await app.guardduty.send(new G.CreateDetectorCommand({ Enable: true }))).DetectorId;
    expect(
      await awsError(() =>
        app.guardduty.send(new G.UpdateOrganizationConfigurationCommand({ DetectorId: appDetector, AutoEnable: true })),
      ),
    ).toEqual({ name: 'BadRequestException', message: NOT_ADMIN, status: 400 });
  });

  it('disables the administrator and deregisters it from Organizations', async () => {
    await mgmt.guardduty.send(new G.DisableOrganizationAdminAccountCommand({ AdminAccountId: o.security }));
    expect((await mgmt.guardduty.send(new G.ListOrganizationAdminAccountsCommand({}))).AdminAccounts).toEqual([]);
    const admins = await mgmt.org.send(
      new O.ListDelegatedAdministratorsCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }),
    );
    expect(admins.DelegatedAdministrators).toEqual([]);
    expect(
      await awsError(() =>
        mgmt.guardduty.send(new G.DisableOrganizationAdminAccountCommand({ AdminAccountId: o.security })),
      ),
    ).toMatchObject({ name: 'BadRequestException', message: BAD_VALUE });
  });
});
