import * as O from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsCli, CliCredentials } from '../support/fidelity/aws-cli.js';
import { awsCli } from '../support/fidelity/aws-cli.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { poll, sdkClients } from '../support/fidelity/sdk-clients.js';

/*
 * The delegated-administrator calls through the AWS CLI v1 (botocore's own serializers: GuardDuty's camelCase body,
 * path labels, Security Hub's and Config's wire formats): the management account designates the security account,
 * which then sets the organization's auto-enable and creates the organization aggregator; Organizations lists it as
 * the delegated administrator of each service principal.
 */

let fc: FidelityCloud | undefined;
let cli: AwsCli;
let security: string;
let sec: CliCredentials;

beforeAll(async () => {
  fc = await startFidelityCloud({ timeScale: 0 });
  const { cloud } = fc;
  const { org, sts } = sdkClients(cloud.endpoint, cloud.region, cloud.credentials);
  await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const req =
    (await org.send(new O.CreateAccountCommand({ Email: 'security@example.com', AccountName: 'security' })))
      .CreateAccountStatus?.Id ?? '';
  security = await poll('the security account', async () => {
    const s = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: req })))
      .CreateAccountStatus;
    return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
  });
  const c = (
    await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${security}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'cli',
      }),
    )
  ).Credentials;
  sec = {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  };
  cli = awsCli(cloud.endpoint, cloud.region, cloud.credentials, 'v1');
}, 60_000);

afterAll(async () => {
  cli?.dispose();
  await fc?.stop();
});

const delegatedAdmins = async (sp: string): Promise<string[]> =>
  (
    await cli.json<{ DelegatedAdministrators: { Id: string }[] }>([
      'organizations',
      'list-delegated-administrators',
      '--service-principal',
      sp,
    ])
  ).DelegatedAdministrators.map((a) => a.Id);

// Each CLI run starts a Python interpreter (seconds on a busy machine).
describe('the AWS CLI v1 on the security services', { timeout: 120_000 }, () => {
  it('GuardDuty: designate the administrator, then set auto-enable ALL from its detector', async () => {
    await cli.json(['guardduty', 'enable-organization-admin-account', '--admin-account-id', security]);
    expect(await cli.json(['guardduty', 'list-organization-admin-accounts'])).toEqual({
      AdminAccounts: [{ AdminAccountId: security, AdminStatus: 'ENABLED' }],
    });
    expect(await delegatedAdmins('guardduty.amazonaws.com')).toEqual([security]);
    const { DetectorId } = await cli.json<{ DetectorId: string }>(['guardduty', 'create-detector', '--enable'], sec);
    await cli.json(
      [
        'guardduty',
        'update-organization-configuration',
        '--detector-id',
        DetectorId,
        '--auto-enable-organization-members',
        'ALL',
      ],
      sec,
    );
    expect(
      await cli.json(['guardduty', 'describe-organization-configuration', '--detector-id', DetectorId], sec),
    ).toMatchObject({ AutoEnable: true, AutoEnableOrganizationMembers: 'ALL', MemberAccountLimitReached: false });
  });

  it('GuardDuty: a member account is told in AWS words that it is not the administrator', async () => {
    const r = await cli.run(['guardduty', 'enable-organization-admin-account', '--admin-account-id', security], sec);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'An error occurred (BadRequestException) when calling the EnableOrganizationAdminAccount',
    );
    expect(r.stderr).toContain(
      ': The request failed because you do not have required AWS Organization master permission.',
    );
  });

  it('Security Hub: designate the administrator, enable the hub, set auto-enable', async () => {
    expect(
      await cli.json(['securityhub', 'enable-organization-admin-account', '--admin-account-id', security]),
    ).toEqual({
      AdminAccountId: security,
      Feature: 'SecurityHub',
    });
    expect(await delegatedAdmins('securityhub.amazonaws.com')).toEqual([security]);
    await cli.json(['securityhub', 'enable-security-hub', '--no-enable-default-standards'], sec);
    await cli.json(['securityhub', 'update-organization-configuration', '--auto-enable'], sec);
    expect(await cli.json(['securityhub', 'describe-organization-configuration'], sec)).toMatchObject({
      AutoEnable: true,
      AutoEnableStandards: 'DEFAULT',
    });
    const r = await cli.run(['securityhub', 'enable-security-hub'], sec);
    expect(r.stderr).toContain('An error occurred (ResourceConflictException) when calling the EnableSecurityHub');
    expect(r.stderr).toContain(': Account is already subscribed to Security Hub');
  });

  it('Config: the registered delegated administrator creates the organization aggregator', async () => {
    const source = `RoleArn=arn:aws:iam::${security}:role/ConfigAggregator,AllAwsRegions=true`;
    const denied = await cli.run(
      [
        'configservice',
        'put-configuration-aggregator',
        '--configuration-aggregator-name',
        'organization',
        '--organization-aggregation-source',
        source,
      ],
      sec,
    );
    expect(denied.stderr).toContain('An error occurred (OrganizationAccessDeniedException)');
    await cli.json(['organizations', 'enable-aws-service-access', '--service-principal', 'config.amazonaws.com']);
    await cli.json([
      'organizations',
      'register-delegated-administrator',
      '--account-id',
      security,
      '--service-principal',
      'config.amazonaws.com',
    ]);
    await cli.json(
      [
        'configservice',
        'put-configuration-aggregator',
        '--configuration-aggregator-name',
        'organization',
        '--organization-aggregation-source',
        source,
      ],
      sec,
    );
    const described = await cli.json<{ ConfigurationAggregators: Record<string, unknown>[] }>(
      ['configservice', 'describe-configuration-aggregators'],
      sec,
    );
    expect(described.ConfigurationAggregators).toEqual([
      expect.objectContaining({
        ConfigurationAggregatorName: 'organization',
        OrganizationAggregationSource: {
          RoleArn: `arn:aws:iam::${security}:role/ConfigAggregator`,
          AllAwsRegions: true,
        },
      }),
    ]);
  });
});
