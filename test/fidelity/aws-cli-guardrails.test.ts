import * as O from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsCli, CliCredentials } from '../support/fidelity/aws-cli.js';
import { awsCli } from '../support/fidelity/aws-cli.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { poll, sdkClients } from '../support/fidelity/sdk-clients.js';

/*
 * The AWS CLI shows a local-cloud guardrail denial as it shows AWS's: exit code 254/255 and
 * "An error occurred (AccessDenied) when calling the CreateUser operation: User: … with an explicit
 * deny in a service control policy: <SCP ARN>". The organization is set up with the SDK (faster);
 * only the denied and the allowed call go through the CLI.
 */

let fc: FidelityCloud | undefined;
let cli: AwsCli;
let member: string;
let scpArn: string;
let session: CliCredentials;

beforeAll(async () => {
  fc = await startFidelityCloud({ timeScale: 0 });
  const { cloud } = fc;
  const { org, sts } = sdkClients(cloud.endpoint, cloud.region, cloud.credentials);
  await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const rootId = (await org.send(new O.ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  await org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  const ou =
    (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' }))).OrganizationalUnit
      ?.Id ?? '';
  const content = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' },
      // IAM is global: AWS judges its calls as us-east-1 whatever region the client names.
      {
        Effect: 'Deny',
        Action: 'iam:ListRoles',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      },
      {
        Effect: 'Deny',
        Action: 'iam:ListUsers',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      },
    ],
  });
  const policy = (
    await org.send(
      new O.CreatePolicyCommand({
        Name: 'no-users',
        Description: 'd',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: content,
      }),
    )
  ).Policy?.PolicySummary;
  scpArn = policy?.Arn ?? '';
  await org.send(new O.AttachPolicyCommand({ PolicyId: policy?.Id ?? '', TargetId: ou }));
  const req =
    (await org.send(new O.CreateAccountCommand({ Email: 'app@example.com', AccountName: 'app' }))).CreateAccountStatus
      ?.Id ?? '';
  member = await poll('CreateAccount', async () => {
    const s = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: req })))
      .CreateAccountStatus;
    return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
  });
  await org.send(new O.MoveAccountCommand({ AccountId: member, SourceParentId: rootId, DestinationParentId: ou }));
  const c = (
    await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'cli',
      }),
    )
  ).Credentials;
  session = {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  };
  cli = awsCli(cloud.endpoint, cloud.region, cloud.credentials);
});

afterAll(async () => {
  cli?.dispose();
  await fc?.stop();
});

describe('the AWS CLI shows guardrail denials', () => {
  it('prints the SCP denial for iam create-user, and creates a role the SCP allows', async () => {
    const [denied, created] = await Promise.all([
      cli.run(['iam', 'create-user', '--user-name', 'bob'], session),
      cli.json<{ Role: { Arn: string } }>(
        [
          'iam',
          'create-role',
          '--role-name',
          'app',
          '--assume-role-policy-document',
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
        ],
        session,
      ),
    ]);
    expect(denied.code).toBeOneOf([254, 255]);
    expect(denied.stdout).toBe('');
    expect(denied.stderr).toContain('An error occurred (AccessDenied) when calling the CreateUser operation');
    expect(denied.stderr).toContain(
      `User: arn:aws:sts::${member}:assumed-role/OrganizationAccountAccessRole/cli is not authorized to perform: iam:CreateUser ` +
        `on resource: arn:aws:iam::${member}:user/bob with an explicit deny in a service control policy: ${scpArn}`,
    );
    expect(created.Role.Arn).toBe(`arn:aws:iam::${member}:role/app`);
  });

  it('judges IAM calls as us-east-1 whatever region the CLI is given, as AWS does', async () => {
    const [roles, users] = await Promise.all([
      cli.run(['iam', 'list-roles', '--region', 'eu-west-1'], session),
      cli.run(['iam', 'list-users', '--region', 'eu-west-1'], session),
    ]);
    expect(roles.code).toBeOneOf([254, 255]);
    expect(roles.stderr).toContain('when calling the ListRoles operation');
    expect(roles.stderr).toContain('with an explicit deny in a service control policy');
    expect(users.code).toBe(0);
    expect(JSON.parse(users.stdout)).toHaveProperty('Users');
  });
});
