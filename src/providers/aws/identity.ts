import {
  AWSOrganizationsNotInUseException,
  DescribeOrganizationCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { BulkheadError } from '../../core/errors.js';

/** Who the credentials are and which organization they reach: shown before plan and apply, checked against the spec. */
export interface TargetIdentity {
  callerArn: string;
  accountId: string;
  /** Absent when the caller's account belongs to no organization yet. */
  organizationId?: string;
  managementAccountId?: string;
}

/** STS GetCallerIdentity and Organizations DescribeOrganization; "no organization" is an answer, not an error. */
export async function identifyTarget(clients: {
  sts: STSClient;
  organizations: OrganizationsClient;
}): Promise<TargetIdentity> {
  const [caller, organization] = await Promise.all([
    clients.sts.send(new GetCallerIdentityCommand({})),
    clients.organizations.send(new DescribeOrganizationCommand({})).then(
      (r) => r.Organization,
      (err: unknown) => {
        if (
          err instanceof AWSOrganizationsNotInUseException ||
          (err as { name?: string }).name === 'AWSOrganizationsNotInUseException'
        ) {
          return undefined;
        }
        throw err;
      },
    ),
  ]);
  if (!caller.Arn || !caller.Account) {
    throw new BulkheadError('no-caller-identity', 'STS GetCallerIdentity answered without an ARN or account', {
      source: 'aws',
    });
  }
  return {
    callerArn: caller.Arn,
    accountId: caller.Account,
    ...(organization?.Id ? { organizationId: organization.Id } : {}),
    ...(organization?.MasterAccountId ? { managementAccountId: organization.MasterAccountId } : {}),
  };
}

/** One line for the plan header and the apply prompt. */
export function describeIdentity(identity: TargetIdentity): string {
  const org =
    identity.organizationId === undefined
      ? 'no organization yet'
      : `organization ${identity.organizationId} (management account ${identity.managementAccountId ?? 'unknown'})`;
  return `caller ${identity.callerArn} in account ${identity.accountId}; ${org}`;
}

/**
 * Refuses a target that is not the organization the spec means (as Terraform's allowed_account_ids
 * does): the spec's `managementAccount.id` names another management account, or the caller is not
 * in the management account (only it can create accounts and organizations). Undefined when fine.
 */
export function checkTarget(identity: TargetIdentity, expectedManagementAccountId?: string): BulkheadError | undefined {
  const management = identity.managementAccountId;
  if (
    expectedManagementAccountId !== undefined &&
    management !== undefined &&
    management !== expectedManagementAccountId
  ) {
    return new BulkheadError(
      'target-wrong-organization',
      `the target's organization ${identity.organizationId ?? ''} has management account ${management}, but the spec's managementAccount.id is ${expectedManagementAccountId}`,
      {
        hint: `these credentials (${identity.callerArn}) reach another organization: check --target, --endpoint and --profile, or correct managementAccount.id`,
      },
    );
  }
  if (
    expectedManagementAccountId !== undefined &&
    management === undefined &&
    identity.accountId !== expectedManagementAccountId
  ) {
    return new BulkheadError(
      'target-wrong-account',
      `the caller is in account ${identity.accountId}, which has no organization, but the spec's managementAccount.id is ${expectedManagementAccountId}`,
      {
        hint: `creating the organization here would make ${identity.accountId} its management account: use credentials for ${expectedManagementAccountId}, or correct managementAccount.id`,
      },
    );
  }
  if (management !== undefined && identity.accountId !== management) {
    return new BulkheadError(
      'target-not-management-account',
      `the caller ${identity.callerArn} is in member account ${identity.accountId}, not in the management account ${management} of organization ${identity.organizationId ?? ''}`,
      {
        hint: `Bulkhead manages an organization from its management account: use credentials (or --profile) for ${management}`,
      },
    );
  }
  return undefined;
}
