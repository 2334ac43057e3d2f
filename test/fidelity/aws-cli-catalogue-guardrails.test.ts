import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as O from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { apply, connect, type Connection } from '../../src/index.js';
import type { AwsCli, CliCredentials } from '../support/fidelity/aws-cli.js';
import { awsCli } from '../support/fidelity/aws-cli.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { sdkClients } from '../support/fidelity/sdk-clients.js';

/*
 * Guardrails from the catalogue, as Bulkhead packs and applies them, enforced by the local cloud on calls made with
 * the AWS CLI v1 from a member account: denied with AWS's wording, naming the packed SCP's ARN. The organization is
 * applied from an org.yaml through Bulkhead's library (the `connect` and `apply` of src/index.ts); only the calls
 * under test go through the CLI.
 */

const SPEC = `version: 1
organization:
  name: acme
  managementAccount: { name: acme-management, email: aws+management@example.com }
  homeRegion: eu-west-1
  allowedRegions: [eu-west-1, eu-central-1]
environments:
  prod: { kind: production }
organizationalUnits:
  - name: Workloads
    accounts: [acme-prod]
accounts:
  - { name: acme-prod, email: aws+prod@example.com, environment: prod }
guardrails:
  - use: allowed-regions
    targets: [root]
  - use: deny-leave-organization
    targets: [root]
  - use: deny-iam-users
    targets: [ou:Workloads]
`;

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

const TRUST_ACCOUNT = (account: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }],
  });

let fc: FidelityCloud | undefined;
let connection: Connection | undefined;
let dir: string;
let cli: AwsCli;
let member: string;
let memberSession: CliCredentials;
const arns = new Map<string, string>();

async function assumeRole(roleArn: string, credentials: CliCredentials): Promise<CliCredentials> {
  const { cloud } = fc!;
  const { sts } = sdkClients(cloud.endpoint, cloud.region, credentials);
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'cli' }))).Credentials;
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
}

beforeAll(async () => {
  fc = await startFidelityCloud({ timeScale: 0 });
  const { cloud } = fc;
  dir = mkdtempSync(join(tmpdir(), 'bulkhead-catalogue-guardrails-'));
  const file = join(dir, 'org.yaml');
  writeFileSync(file, SPEC);
  connection = await connect({ dataDir: cloud.dataDir });
  const applied = await apply({ yes: true, file, connection, io: new RecordingIoHost(), pollDelayMs: () => 20 });
  if (applied.failed.length > 0) throw new Error(`apply failed: ${JSON.stringify(applied.failed)}`);

  const { org } = sdkClients(cloud.endpoint, cloud.region, cloud.credentials);
  for (const p of (await org.send(new O.ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }))).Policies ?? [])
    arns.set(p.Name!, p.Arn!);
  member = ((await org.send(new O.ListAccountsCommand({}))).Accounts ?? []).find((a) => a.Name === 'acme-prod')!.Id!;
  // The member administers IAM Identity Center for the organization, so its sso-admin calls reach the service.
  await org.send(new O.EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
  await org.send(
    new O.RegisterDelegatedAdministratorCommand({ AccountId: member, ServicePrincipal: 'sso.amazonaws.com' }),
  );
  memberSession = await assumeRole(`arn:aws:iam::${member}:role/OrganizationAccountAccessRole`, cloud.credentials);
  cli = awsCli(cloud.endpoint, cloud.region, cloud.credentials);
}, 120_000);

afterAll(async () => {
  cli?.dispose();
  await connection?.close();
  await fc?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const caller = () => `User: arn:aws:sts::${member}:assumed-role/OrganizationAccountAccessRole/cli`;
const scpDeny = (name: string) => `with an explicit deny in a service control policy: ${arns.get(name)}`;

// Each AWS CLI run starts a Python interpreter (a second or more on a busy machine).
describe('catalogue guardrails through the AWS CLI', { timeout: 120_000 }, () => {
  it('packs the guardrails into the SCPs the denials name', () => {
    expect([...arns.keys()].sort()).toEqual(['FullAWSAccess', 'guardrails-ou-workloads', 'guardrails-root']);
  });

  it('allowed-regions denies a regional call outside the allowed Regions and lets it through inside them', async () => {
    const [outside, inside] = await Promise.all([
      cli.run(['sso-admin', 'list-instances', '--region', 'us-west-2'], memberSession),
      cli.run(['sso-admin', 'list-instances', '--region', 'eu-central-1'], memberSession),
    ]);
    expect(outside.code).toBeOneOf([254, 255]);
    expect(outside.stdout).toBe('');
    expect(outside.stderr).toContain('An error occurred (AccessDenied) when calling the ListInstances operation');
    expect(outside.stderr).toContain(`${caller()} is not authorized to perform: sso:ListInstances`);
    expect(outside.stderr).toContain(scpDeny('guardrails-root'));
    expect(inside.code, inside.stderr).toBe(0);
    expect(JSON.parse(inside.stdout)).toHaveProperty('Instances');
  });

  it('exempts IAM, a global service: an IAM call signed for a Region outside the list is not denied', async () => {
    const role = await cli.json<{ Role: { Arn: string } }>(
      [
        'iam',
        'create-role',
        '--role-name',
        'app',
        '--assume-role-policy-document',
        TRUST_ACCOUNT(member),
        '--region',
        'us-west-2',
      ],
      memberSession,
    );
    expect(role.Role.Arn).toBe(`arn:aws:iam::${member}:role/app`);
  });

  it('deny-iam-users denies iam create-user in a member account, in any Region', async () => {
    const results = await Promise.all(
      ['eu-west-1', 'us-west-2'].map((region) =>
        cli.run(['iam', 'create-user', '--user-name', `bob-${region}`, '--region', region], memberSession),
      ),
    );
    for (const denied of results) {
      expect(denied.code).toBeOneOf([254, 255]);
      expect(denied.stderr).toContain('An error occurred (AccessDenied) when calling the CreateUser operation');
      // allowed-regions exempts IAM (global, judged as us-east-1), so deny-iam-users is the one that denies.
      expect(denied.stderr).toContain(`${caller()} is not authorized to perform: iam:CreateUser`);
      expect(denied.stderr).toContain(scpDeny('guardrails-ou-workloads'));
    }
  });

  it('deny-leave-organization denies organizations leave-organization in a member account', async () => {
    const denied = await cli.run(['organizations', 'leave-organization'], memberSession);
    expect(denied.code).toBeOneOf([254, 255]);
    expect(denied.stderr).toContain('An error occurred (AccessDeniedException) when calling the LeaveOrganization');
    // Organizations words its denials its own way, without the caller or the policy.
    expect(denied.stderr).toContain("You don't have permissions to access this resource.");
    const accounts = await cli.json<{ Accounts: { Id: string }[] }>(['organizations', 'list-accounts']);
    expect(accounts.Accounts.map((a) => a.Id)).toContain(member);
  });

  it('does not affect the management account, whose admins may do what members may not', async () => {
    const { cloud } = fc!;
    await cli.json([
      'iam',
      'create-role',
      '--role-name',
      'Admin',
      '--assume-role-policy-document',
      TRUST_ACCOUNT(cloud.managementAccountId),
    ]);
    await cli.json(['iam', 'attach-role-policy', '--role-name', 'Admin', '--policy-arn', ADMIN]);
    const admin = await assumeRole(`arn:aws:iam::${cloud.managementAccountId}:role/Admin`, cloud.credentials);
    const regional = await cli.run(['sso-admin', 'list-instances', '--region', 'us-west-2'], admin);
    expect(regional.code, regional.stderr).toBe(0);
    const user = await cli.json<{ User: { Arn: string } }>(['iam', 'create-user', '--user-name', 'breakglass'], admin);
    expect(user.User.Arn).toBe(`arn:aws:iam::${cloud.managementAccountId}:user/breakglass`);
  });
});
