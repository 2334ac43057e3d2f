import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import {
  DescribeConfigurationAggregatorsCommand,
  PutConfigurationAggregatorCommand,
} from '@aws-sdk/client-config-service';
import type { IAMClient } from '@aws-sdk/client-iam';
import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import type { ObservedAggregator, ObservedSecurityService } from '../../../model/security-services.js';
import { errorName } from '../organizations/common.js';

/**
 * The role an organization aggregator reads the organization with: OrganizationAggregationSource.RoleArn is required,
 * and AWS documents a role that config.amazonaws.com assumes, with the AWS managed AWSConfigRoleForOrganizations.
 */
export const AGGREGATOR_ROLE_NAME = 'BulkheadConfigAggregator';
export const AGGREGATOR_ROLE_POLICY = 'arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** The aggregator role in the administrator account: its ARN, created with the managed policy when missing. */
export async function ensureAggregatorRole(iam: IAMClient): Promise<string> {
  try {
    const found = await iam.send(new GetRoleCommand({ RoleName: AGGREGATOR_ROLE_NAME }));
    if (found.Role?.Arn) return found.Role.Arn;
  } catch (err) {
    if (errorName(err) !== 'NoSuchEntityException') throw err;
  }
  const created = await iam.send(
    new CreateRoleCommand({
      RoleName: AGGREGATOR_ROLE_NAME,
      AssumeRolePolicyDocument: TRUST,
      Description: 'AWS Config organization aggregator (Bulkhead audit.security)',
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: AGGREGATOR_ROLE_NAME, PolicyArn: AGGREGATOR_ROLE_POLICY }));
  if (!created.Role?.Arn) throw new Error('CreateRole returned no Arn');
  return created.Role.Arn;
}

/** PutConfigurationAggregator (idempotent in AWS): the organization, every Region present and future. */
export async function putOrganizationAggregator(config: ConfigServiceClient, name: string, roleArn: string) {
  await config.send(
    new PutConfigurationAggregatorCommand({
      ConfigurationAggregatorName: name,
      OrganizationAggregationSource: { RoleArn: roleArn, AllAwsRegions: true },
    }),
  );
}

/** Config's organization aggregators in the administrator account (those aggregating accounts are left out). */
export async function readConfig(config: ConfigServiceClient, accountId: string): Promise<ObservedSecurityService> {
  const aggregators: ObservedAggregator[] = [];
  let NextToken: string | undefined;
  do {
    const page = await config.send(
      new DescribeConfigurationAggregatorsCommand({ ...(NextToken ? { NextToken } : {}) }),
    );
    for (const a of page.ConfigurationAggregators ?? []) {
      const source = a.OrganizationAggregationSource;
      if (!a.ConfigurationAggregatorName || !source) continue;
      aggregators.push({
        name: a.ConfigurationAggregatorName,
        allAwsRegions: source.AllAwsRegions ?? false,
        roleArn: source.RoleArn ?? '',
      });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return { service: 'config', accountId, enabled: aggregators.length > 0, aggregators };
}
