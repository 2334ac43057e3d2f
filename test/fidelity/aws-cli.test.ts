import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsCli, CliCredentials, CliResult } from '../support/fidelity/aws-cli.js';
import { awsCli } from '../support/fidelity/aws-cli.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { waitFor } from '../support/fidelity/tools.js';

/*
 * The real AWS CLI (Python, botocore) drives the local cloud: if botocore parses our answers and
 * signs requests we accept, third-party tools work too. One scenario, run in order; independent
 * calls run in parallel to keep Python start-ups off the critical path.
 */

interface Organization {
  Id: string;
  Arn: string;
  FeatureSet: string;
  MasterAccountId: string;
  MasterAccountArn: string;
}
interface Root {
  Id: string;
  Arn: string;
  Name: string;
  PolicyTypes: { Type: string; Status: string }[];
}
interface OrganizationalUnit {
  Id: string;
  Arn: string;
  Name: string;
}
interface Account {
  Id: string;
  Arn: string;
  Email: string;
  Name: string;
  Status: string;
  JoinedMethod: string;
}
interface CreateAccountStatus {
  Id: string;
  State: string;
  AccountId?: string;
  AccountName: string;
}
interface Policy {
  PolicySummary: { Id: string; Arn: string; Name: string; Type: string; AwsManaged: boolean };
  Content: string;
}
interface Role {
  RoleName: string;
  Arn: string;
  RoleId: string;
  Path: string;
  CreateDate: string;
  AssumeRolePolicyDocument?: unknown;
}

/** A client error from the CLI: exit 254 (CLI v2) or 255 (CLI v1), with the AWS error code in stderr. */
function expectAwsError(r: CliResult, code: string): void {
  expect(r.code, `aws ${r.args.join(' ')}: ${r.stderr}`).toBeOneOf([254, 255]);
  expect(r.stderr).toContain(`(${code})`);
  expect(r.stdout).toBe('');
}

let fc: FidelityCloud | undefined;
let cli: AwsCli;
let mgmt: string;

beforeAll(async () => {
  fc = await startFidelityCloud();
  mgmt = fc.cloud.managementAccountId;
  cli = awsCli(fc.cloud.endpoint, fc.cloud.region, fc.cloud.credentials);
});

afterAll(async () => {
  cli?.dispose();
  await fc?.stop();
});

describe('the AWS CLI against the local cloud', () => {
  it('runs an Organizations + STS + IAM script end to end', async () => {
    const [caller, created] = await Promise.all([
      cli.json<{ Account: string; Arn: string; UserId: string }>(['sts', 'get-caller-identity']),
      cli.json<{ Organization: Organization }>(['organizations', 'create-organization', '--feature-set', 'ALL']),
    ]);
    expect(caller.Account).toBe(mgmt);
    expect(caller.Arn).toMatch(new RegExp(`^arn:aws:(iam|sts)::${mgmt}:`));
    expect(created.Organization).toMatchObject({ FeatureSet: 'ALL', MasterAccountId: mgmt });
    expect(created.Organization.Id).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(created.Organization.Arn).toBe(`arn:aws:organizations::${mgmt}:organization/${created.Organization.Id}`);

    const [described, roots] = await Promise.all([
      cli.json<{ Organization: Organization }>(['organizations', 'describe-organization']),
      cli.json<{ Roots: Root[] }>(['organizations', 'list-roots']),
    ]);
    expect(described.Organization.Id).toBe(created.Organization.Id);
    expect(roots.Roots).toHaveLength(1);
    const root = roots.Roots[0] as Root;
    expect(root.Id).toMatch(/^r-[0-9a-z]{4,32}$/);
    expect(root.Name).toBe('Root');
    expect(root.Arn).toBe(`arn:aws:organizations::${mgmt}:root/${created.Organization.Id}/${root.Id}`);

    const ou = (
      await cli.json<{ OrganizationalUnit: OrganizationalUnit }>([
        'organizations',
        'create-organizational-unit',
        '--parent-id',
        root.Id,
        '--name',
        'Workloads',
      ])
    ).OrganizationalUnit;
    expect(ou.Id).toMatch(new RegExp(`^ou-${root.Id.slice(2)}-[a-z0-9]{8,32}$`));
    expect(ou.Arn).toBe(`arn:aws:organizations::${mgmt}:ou/${created.Organization.Id}/${ou.Id}`);

    const [ous, duplicateOu, startedA, startedB, enabled] = await Promise.all([
      cli.json<{ OrganizationalUnits: OrganizationalUnit[] }>([
        'organizations',
        'list-organizational-units-for-parent',
        '--parent-id',
        root.Id,
      ]),
      cli.run(['organizations', 'create-organizational-unit', '--parent-id', root.Id, '--name', 'Workloads']),
      cli.json<{ CreateAccountStatus: CreateAccountStatus }>([
        'organizations',
        'create-account',
        '--email',
        'app-prod@example.com',
        '--account-name',
        'app-prod',
      ]),
      cli.json<{ CreateAccountStatus: CreateAccountStatus }>([
        'organizations',
        'create-account',
        '--email',
        'app-dev@example.com',
        '--account-name',
        'app-dev',
      ]),
      cli.json<{ Root: Root }>([
        'organizations',
        'enable-policy-type',
        '--root-id',
        root.Id,
        '--policy-type',
        'SERVICE_CONTROL_POLICY',
      ]),
    ]);
    expect(ous.OrganizationalUnits.map((o) => o.Id)).toEqual([ou.Id]);
    expectAwsError(duplicateOu, 'DuplicateOrganizationalUnitException');
    expect(startedA.CreateAccountStatus).toMatchObject({ State: 'IN_PROGRESS', AccountName: 'app-prod' });
    expect(startedA.CreateAccountStatus.Id).toMatch(/^car-[a-z0-9]{8,32}$/);
    expect(enabled.Root.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);

    // CreateAccount is asynchronous: poll DescribeCreateAccountStatus as a script against AWS would.
    const settle = (id: string) =>
      waitFor(
        `account creation ${id}`,
        async () => {
          const s = (
            await cli.json<{ CreateAccountStatus: CreateAccountStatus }>([
              'organizations',
              'describe-create-account-status',
              '--create-account-request-id',
              id,
            ])
          ).CreateAccountStatus;
          return s.State === 'IN_PROGRESS' ? undefined : s;
        },
        20_000,
      );
    const [doneA, doneB] = await Promise.all([
      settle(startedA.CreateAccountStatus.Id),
      settle(startedB.CreateAccountStatus.Id),
    ]);
    expect(doneA.State).toBe('SUCCEEDED');
    expect(doneB.State).toBe('SUCCEEDED');
    const prod = doneA.AccountId ?? '';
    expect(prod).toMatch(/^\d{12}$/);

    // --page-size makes the CLI page through the server with MaxResults/NextToken; --max-items pages client-side.
    const scpContent = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
    });
    const [paged, firstPage, moved, policy] = await Promise.all([
      cli.json<{ Accounts: Account[] }>(['organizations', 'list-accounts', '--page-size', '1']),
      cli.json<{ Accounts: Account[]; NextToken?: string }>(['organizations', 'list-accounts', '--max-items', '2']),
      cli.run([
        'organizations',
        'move-account',
        '--account-id',
        prod,
        '--source-parent-id',
        root.Id,
        '--destination-parent-id',
        ou.Id,
      ]),
      cli.json<{ Policy: Policy }>([
        'organizations',
        'create-policy',
        '--name',
        'deny-leave',
        '--description',
        'No leaving',
        '--type',
        'SERVICE_CONTROL_POLICY',
        '--content',
        scpContent,
      ]),
    ]);
    expect(paged.Accounts).toHaveLength(3);
    expect(
      paged.Accounts.filter((a) => a.Id !== mgmt)
        .map((a) => a.Email)
        .sort(),
    ).toEqual(['app-dev@example.com', 'app-prod@example.com']);
    expect(paged.Accounts.find((a) => a.Id === mgmt)?.Status).toBe('ACTIVE');
    expect(paged.Accounts.find((a) => a.Id === prod)).toMatchObject({
      Name: 'app-prod',
      Status: 'ACTIVE',
      JoinedMethod: 'CREATED',
    });
    expect(firstPage.Accounts).toHaveLength(2);
    expect(typeof firstPage.NextToken).toBe('string');
    const rest = await cli.json<{ Accounts: Account[]; NextToken?: string }>([
      'organizations',
      'list-accounts',
      '--max-items',
      '2',
      '--starting-token',
      firstPage.NextToken ?? '',
    ]);
    expect(rest.NextToken).toBeUndefined();
    expect([...firstPage.Accounts, ...rest.Accounts].map((a) => a.Id).sort()).toEqual(
      paged.Accounts.map((a) => a.Id).sort(),
    );
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toBe('');
    expect(policy.Policy.PolicySummary).toMatchObject({
      Name: 'deny-leave',
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: false,
    });
    expect(JSON.parse(policy.Policy.Content)).toEqual(JSON.parse(scpContent));
    const policyId = policy.Policy.PolicySummary.Id;
    expect(policyId).toMatch(/^p-[0-9a-zA-Z_]{8,128}$/);

    const attach = ['organizations', 'attach-policy', '--policy-id', policyId, '--target-id', ou.Id];
    expect((await cli.run(attach)).code).toBe(0);
    const [forTarget, attachAgain, inOu, tagged, unknownAccount] = await Promise.all([
      cli.json<{ Policies: Policy['PolicySummary'][] }>([
        'organizations',
        'list-policies-for-target',
        '--target-id',
        ou.Id,
        '--filter',
        'SERVICE_CONTROL_POLICY',
      ]),
      cli.run(attach),
      cli.json<{ Accounts: Account[] }>(['organizations', 'list-accounts-for-parent', '--parent-id', ou.Id]),
      cli.run([
        'organizations',
        'tag-resource',
        '--resource-id',
        prod,
        '--tags',
        'Key=env,Value=prod',
        'Key=owner,Value=platform',
      ]),
      cli.run(['organizations', 'describe-account', '--account-id', '111111111111']),
    ]);
    // AWS: enabling SCPs attaches FullAWSAccess to the root and every OU and account; ours comes on top.
    expect(forTarget.Policies.map((p) => p.Name).sort()).toEqual(['FullAWSAccess', 'deny-leave']);
    expectAwsError(attachAgain, 'DuplicatePolicyAttachmentException');
    expect(inOu.Accounts.map((a) => a.Id)).toEqual([prod]);
    expect(tagged.code, tagged.stderr).toBe(0);
    expectAwsError(unknownAccount, 'AccountNotFoundException');
    const tags = await cli.json<{ Tags: { Key: string; Value: string }[] }>([
      'organizations',
      'list-tags-for-resource',
      '--resource-id',
      prod,
    ]);
    expect(tags.Tags).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'owner', Value: 'platform' },
    ]);

    // Into the new account through the role AWS creates there.
    const roleArn = `arn:aws:iam::${prod}:role/OrganizationAccountAccessRole`;
    const assumed = await cli.json<{
      Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
      AssumedRoleUser: { Arn: string; AssumedRoleId: string };
    }>(['sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'fidelity']);
    expect(assumed.AssumedRoleUser.Arn).toBe(
      `arn:aws:sts::${prod}:assumed-role/OrganizationAccountAccessRole/fidelity`,
    );
    expect(assumed.AssumedRoleUser.AssumedRoleId).toMatch(/^AROA[A-Z0-9]+:fidelity$/);
    expect(assumed.Credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(Date.parse(assumed.Credentials.Expiration)).toBeGreaterThan(Date.now());
    const member: CliCredentials = {
      accessKeyId: assumed.Credentials.AccessKeyId,
      secretAccessKey: assumed.Credentials.SecretAccessKey,
      sessionToken: assumed.Credentials.SessionToken,
    };
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${mgmt}:root` }, Action: 'sts:AssumeRole' }],
    });
    const [memberCaller, memberRoles, createdRole] = await Promise.all([
      cli.json<{ Account: string; Arn: string }>(['sts', 'get-caller-identity'], member),
      cli.json<{ Roles: Role[] }>(['iam', 'list-roles'], member),
      cli.json<{ Role: Role }>(
        [
          'iam',
          'create-role',
          '--role-name',
          'deployer',
          '--path',
          '/ci/',
          '--assume-role-policy-document',
          trust,
          '--description',
          'CI deploys',
        ],
        member,
      ),
    ]);
    expect(memberCaller).toMatchObject({ Account: prod, Arn: assumed.AssumedRoleUser.Arn });
    expect(memberRoles.Roles.map((r) => r.Arn)).toContain(roleArn);
    expect(createdRole.Role).toMatchObject({
      RoleName: 'deployer',
      Path: '/ci/',
      Arn: `arn:aws:iam::${prod}:role/ci/deployer`,
    });
    expect(createdRole.Role.RoleId).toMatch(/^AROA[A-Z0-9]{16,}$/);
    expect(Date.parse(createdRole.Role.CreateDate)).not.toBeNaN();

    const [gotRole, duplicateRole, mgmtRole] = await Promise.all([
      cli.json<{ Role: Role }>(['iam', 'get-role', '--role-name', 'deployer'], member),
      cli.run(['iam', 'create-role', '--role-name', 'deployer', '--assume-role-policy-document', trust], member),
      // Every account has its own IAM namespace: the management account does not see the member's role.
      cli.run(['iam', 'get-role', '--role-name', 'deployer']),
    ]);
    expect(gotRole.Role.RoleId).toBe(createdRole.Role.RoleId);
    // The CLI decodes the URL-encoded trust policy into JSON.
    expect(gotRole.Role.AssumeRolePolicyDocument).toEqual(JSON.parse(trust));
    expectAwsError(duplicateRole, 'EntityAlreadyExists');
    expectAwsError(mgmtRole, 'NoSuchEntity');

    expect((await cli.run(['iam', 'delete-role', '--role-name', 'deployer'], member)).code).toBe(0);
    expectAwsError(await cli.run(['iam', 'get-role', '--role-name', 'deployer'], member), 'NoSuchEntity');
  }, 90_000);

  it('reports authentication failures with the codes STS uses', async () => {
    const [unknownKey, badSecret] = await Promise.all([
      cli.run(['sts', 'get-caller-identity'], {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      }),
      cli.run(['sts', 'get-caller-identity'], {
        accessKeyId: fc?.cloud.credentials.accessKeyId ?? '',
        secretAccessKey: 'not-the-secret',
      }),
    ]);
    expectAwsError(unknownKey, 'InvalidClientTokenId');
    expectAwsError(badSecret, 'SignatureDoesNotMatch');
  });
});
