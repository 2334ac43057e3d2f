import * as C from '@aws-sdk/client-config-service';
import * as O from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, startHarness } from './helpers.js';
import type { SecurityClients, SecurityOrg } from './security-services-helpers.js';
import { startSecurityOrg } from './security-services-helpers.js';

/*
 * Issue 12 item 3: AWS Config's organization aggregator, allowed from the management account (Config then enables
 * trusted access for config.amazonaws.com) or from the delegated administrator Organizations registered for it.
 */

let o: SecurityOrg;
let mgmt: SecurityClients;
let sec: SecurityClients;

const orgSource = (account: string): C.OrganizationAggregationSource => ({
  RoleArn: `arn:aws:iam::${account}:role/service-role/AWSConfigRoleForOrganizations`,
  AllAwsRegions: true,
});

beforeAll(async () => {
  o = await startSecurityOrg();
  mgmt = o.clients(o.h.cloud.credentials);
  sec = o.clients(o.securityCreds);
});

afterAll(async () => {
  await o.h.stop();
});

describe('an organization aggregator', () => {
  it('is refused to a member account that is not Config’s delegated administrator', async () => {
    const err = await awsError(() =>
      sec.config.send(
        new C.PutConfigurationAggregatorCommand({
          ConfigurationAggregatorName: 'organization',
          OrganizationAggregationSource: orgSource(o.security),
        }),
      ),
    );
    expect(err).toMatchObject({ name: 'OrganizationAccessDeniedException', status: 400 });
    expect(err.message).toMatch(/^You are not a registered delegated administrator for AWS Config/);
  });

  it('is created by the management account, which enables trusted access for config.amazonaws.com', async () => {
    const put = await mgmt.config.send(
      new C.PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: 'mgmt-view',
        OrganizationAggregationSource: { RoleArn: orgSource(o.mgmt).RoleArn, AwsRegions: ['eu-west-1', 'us-east-1'] },
      }),
    );
    expect(put.ConfigurationAggregator?.ConfigurationAggregatorArn).toMatch(
      new RegExp(`^arn:aws:config:${o.h.cloud.region}:${o.mgmt}:config-aggregator/config-aggregator-[a-z0-9]{8}$`),
    );
    const access = await mgmt.org.send(new O.ListAWSServiceAccessForOrganizationCommand({}));
    expect(access.EnabledServicePrincipals?.map((p) => p.ServicePrincipal)).toContain('config.amazonaws.com');
  });

  it('is created by the registered delegated administrator, described, updated in place and deleted', async () => {
    await mgmt.org.send(
      new O.RegisterDelegatedAdministratorCommand({ AccountId: o.security, ServicePrincipal: 'config.amazonaws.com' }),
    );
    const first = await sec.config.send(
      new C.PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: 'organization',
        OrganizationAggregationSource: orgSource(o.security),
      }),
    );
    const arn = first.ConfigurationAggregator?.ConfigurationAggregatorArn;
    const described = await sec.config.send(new C.DescribeConfigurationAggregatorsCommand({}));
    expect(
      described.ConfigurationAggregators?.map((a) => [a.ConfigurationAggregatorName, a.ConfigurationAggregatorArn]),
    ).toEqual([['organization', arn]]);
    expect(described.ConfigurationAggregators?.[0]?.OrganizationAggregationSource).toEqual(orgSource(o.security));
    expect(described.ConfigurationAggregators?.[0]?.CreationTime).toBeInstanceOf(Date);
    const again = await sec.config.send(
      new C.PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: 'organization',
        OrganizationAggregationSource: { RoleArn: orgSource(o.security).RoleArn, AwsRegions: ['eu-west-1'] },
      }),
    );
    expect(again.ConfigurationAggregator?.ConfigurationAggregatorArn).toBe(arn);
    expect(again.ConfigurationAggregator?.OrganizationAggregationSource?.AwsRegions).toEqual(['eu-west-1']);
    await sec.config.send(new C.DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: 'organization' }));
    expect((await sec.config.send(new C.DescribeConfigurationAggregatorsCommand({}))).ConfigurationAggregators).toEqual(
      [],
    );
  });

  it.each([
    [
      'an unknown name to describe',
      () => sec.config.send(new C.DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: ['nope'] })),
      'NoSuchConfigurationAggregatorException',
    ],
    [
      'an unknown name to delete',
      () => sec.config.send(new C.DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: 'nope' })),
      'NoSuchConfigurationAggregatorException',
    ],
    [
      'a name outside [\\w-]+',
      () =>
        sec.config.send(
          new C.PutConfigurationAggregatorCommand({
            ConfigurationAggregatorName: 'has space',
            OrganizationAggregationSource: orgSource(o.security),
          }),
        ),
      'ValidationException',
    ],
    [
      'both AllAwsRegions and AwsRegions',
      () =>
        sec.config.send(
          new C.PutConfigurationAggregatorCommand({
            ConfigurationAggregatorName: 'x',
            OrganizationAggregationSource: { ...orgSource(o.security), AwsRegions: ['eu-west-1'] },
          }),
        ),
      'InvalidParameterValueException',
    ],
    [
      'no source at all',
      () => sec.config.send(new C.PutConfigurationAggregatorCommand({ ConfigurationAggregatorName: 'x' })),
      'InvalidParameterValueException',
    ],
    [
      'a role ARN that is not a role',
      () =>
        sec.config.send(
          new C.PutConfigurationAggregatorCommand({
            ConfigurationAggregatorName: 'x',
            OrganizationAggregationSource: { RoleArn: 'arn:aws:iam::111122223333:user/bob', AllAwsRegions: true },
          }),
        ),
      'InvalidRoleException',
    ],
    [
      'a Limit above 100',
      () => sec.config.send(new C.DescribeConfigurationAggregatorsCommand({ Limit: 101 })),
      'InvalidLimitException',
    ],
    [
      'a forged NextToken',
      () => sec.config.send(new C.DescribeConfigurationAggregatorsCommand({ NextToken: 'forged' })),
      'InvalidNextTokenException',
    ],
  ])('refuses %s', async (_label, call, code) => {
    expect(await awsError(call)).toMatchObject({ name: code, status: 400 });
  });
});

describe('outside an organization', () => {
  it('answers NoAvailableOrganizationException', async () => {
    const solo = await startHarness({ timeScale: 0 });
    try {
      const config = new C.ConfigServiceClient({
        endpoint: solo.cloud.endpoint,
        region: solo.cloud.region,
        credentials: { ...solo.cloud.credentials },
        maxAttempts: 1,
      });
      expect(
        await awsError(() =>
          config.send(
            new C.PutConfigurationAggregatorCommand({
              ConfigurationAggregatorName: 'organization',
              OrganizationAggregationSource: orgSource(solo.cloud.managementAccountId),
            }),
          ),
        ),
      ).toMatchObject({ name: 'NoAvailableOrganizationException', status: 400 });
    } finally {
      await solo.stop();
    }
  });
});
