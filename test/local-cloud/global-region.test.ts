import * as I from '@aws-sdk/client-iam';
import * as O from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers.js';
import { awsError, eventually, startHarness } from './helpers.js';

/*
 * IAM and Organizations are global services: AWS judges `aws:RequestedRegion` as us-east-1 for their
 * calls whatever region the client signs with. IAM User Guide, "AWS: Denies access to AWS based on the
 * requested Region" (reference_policies_examples_aws_deny-requested-region.html): IAM and other global
 * services (organizations among them) have "a single endpoint that is physically located in the
 * us-east-1 Region … the requests would be denied without the NotAction element". So a region lock
 * without an exemption allows them under "us-east-1 only" and denies them under "eu-west-1 only".
 */
const lockTo = (region: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [region] } },
      },
    ],
  });

let h: Harness;
let member: string;
let ouId: string;
let mgmtRegion: string;
const locks: Record<string, string> = {};

async function memberClients(
  region: string,
): Promise<{ iam: I.IAMClient; org: O.OrganizationsClient; sts: STSClient }> {
  const c = (
    await h.sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
        RoleSessionName: `in-${region}`,
      }),
    )
  ).Credentials;
  const config = {
    endpoint: h.cloud.endpoint,
    region,
    credentials: {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    },
    maxAttempts: 1,
  };
  return { iam: new I.IAMClient(config), org: new O.OrganizationsClient(config), sts: new STSClient(config) };
}

async function lockOu(region: string): Promise<void> {
  for (const [r, id] of Object.entries(locks)) {
    const attached = await h.org.send(new O.ListTargetsForPolicyCommand({ PolicyId: id }));
    if ((attached.Targets ?? []).length > 0 && r !== region)
      await h.org.send(new O.DetachPolicyCommand({ PolicyId: id, TargetId: ouId }));
  }
  await h.org.send(new O.AttachPolicyCommand({ PolicyId: locks[region] ?? '', TargetId: ouId }));
}

beforeAll(async () => {
  h = await startHarness({ timeScale: 0 });
  mgmtRegion = h.cloud.region;
  await h.org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const rootId = (await h.org.send(new O.ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  await h.org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  ouId =
    (await h.org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Locked' }))).OrganizationalUnit
      ?.Id ?? '';
  for (const region of ['us-east-1', 'eu-west-1']) {
    const p = await h.org.send(
      new O.CreatePolicyCommand({
        Name: `only-${region}`,
        Description: region,
        Type: 'SERVICE_CONTROL_POLICY',
        Content: lockTo(region),
      }),
    );
    locks[region] = p.Policy?.PolicySummary?.Id ?? '';
  }
  const requestId =
    (await h.org.send(new O.CreateAccountCommand({ Email: 'locked@example.com', AccountName: 'locked' })))
      .CreateAccountStatus?.Id ?? '';
  member = await eventually(async () => {
    const s = (await h.org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requestId })))
      .CreateAccountStatus;
    return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
  });
  await h.org.send(new O.MoveAccountCommand({ AccountId: member, SourceParentId: rootId, DestinationParentId: ouId }));
});

afterAll(async () => h.stop());

describe('aws:RequestedRegion of global services', () => {
  it('is us-east-1 for IAM and Organizations calls signed in eu-west-1, so a us-east-1 lock allows them', async () => {
    expect(mgmtRegion).toBe('us-east-1');
    await lockOu('us-east-1');
    const eu = await memberClients('eu-west-1');
    expect((await eu.iam.send(new I.ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toContain(
      'OrganizationAccountAccessRole',
    );
    // Any member account may describe its organization: not stopped by the lock either.
    const org = await eu.org.send(new O.DescribeOrganizationCommand({}));
    expect(org.Organization?.MasterAccountId).toBe(h.cloud.managementAccountId);
  });

  it('denies IAM under an eu-west-1 lock without an exemption, even when the client signs eu-west-1', async () => {
    await lockOu('eu-west-1');
    const eu = await memberClients('eu-west-1');
    const err = await awsError(() => eu.iam.send(new I.ListRolesCommand({})));
    expect(err).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(err.message).toContain('with an explicit deny in a service control policy');
  });

  it('keeps the signing region for STS, a regional service: a us-east-1 lock denies AssumeRole signed in eu-west-1', async () => {
    await lockOu('us-east-1');
    const eu = await memberClients('eu-west-1');
    const role = `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`;
    const err = await awsError(() => eu.sts.send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'chain' })));
    expect(err).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(err.message).toContain('with an explicit deny in a service control policy');
  });
});
