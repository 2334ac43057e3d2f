import * as I from '@aws-sdk/client-iam';
import * as O from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers.js';
import { awsError, eventually, startHarness } from './helpers.js';

/*
 * Issue #5 item 5: calls with member-account credentials are authorized by the access evaluator
 * (SCPs inherited root → OU → account, the caller's identity policies and boundary) and denied with
 * AWS's AccessDenied wording.
 */

const doc = (statement: unknown): string => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const DENY_CREATE_USER = doc([{ Sid: 'NoIamUsers', Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }]);
// The shape of AWS's region-lock example: global services are exempted with NotAction.
const EU_WEST_1_ONLY = doc([
  {
    Sid: 'DenyOutsideEuWest1',
    Effect: 'Deny',
    NotAction: ['iam:*', 'organizations:*'],
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
  },
]);

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken: string };

let h: Harness;
let mgmt: string;
let orgId: string;
let rootId: string;
let ouId: string;
let member: string;
let denyUsersId: string;
let regionLockId: string;
let session: ReturnType<Harness['clientsFor']>;
let sessionArn: string;

const scpArn = (id: string): string => `arn:aws:organizations::${mgmt}:policy/${orgId}/service_control_policy/${id}`;

async function assume(sts: STSClient, roleArn: string, name: string): Promise<Creds> {
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: name }))).Credentials;
  return {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  };
}

const stsIn = (region: string, credentials: Creds): STSClient =>
  new STSClient({ endpoint: h.cloud.endpoint, region, credentials: { ...credentials }, maxAttempts: 1 });

async function createScp(name: string, content: string): Promise<string> {
  const p = await h.org.send(
    new O.CreatePolicyCommand({ Name: name, Description: name, Type: 'SERVICE_CONTROL_POLICY', Content: content }),
  );
  return p.Policy?.PolicySummary?.Id ?? '';
}

beforeAll(async () => {
  h = await startHarness({ timeScale: 0 });
  mgmt = h.cloud.managementAccountId;
  orgId = (await h.org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization?.Id ?? '';
  rootId = (await h.org.send(new O.ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  await h.org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  ouId =
    (await h.org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' })))
      .OrganizationalUnit?.Id ?? '';
  denyUsersId = await createScp('deny-iam-users', DENY_CREATE_USER);
  regionLockId = await createScp('eu-west-1-only', EU_WEST_1_ONLY);
  await h.org.send(new O.AttachPolicyCommand({ PolicyId: denyUsersId, TargetId: ouId }));
  await h.org.send(new O.AttachPolicyCommand({ PolicyId: regionLockId, TargetId: ouId }));
  const requestId =
    (await h.org.send(new O.CreateAccountCommand({ Email: 'app@example.com', AccountName: 'app' }))).CreateAccountStatus
      ?.Id ?? '';
  member = await eventually(async () => {
    const s = (await h.org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requestId })))
      .CreateAccountStatus;
    return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
  });
  await h.org.send(new O.MoveAccountCommand({ AccountId: member, SourceParentId: rootId, DestinationParentId: ouId }));
  const creds = await assume(h.sts, `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`, 'ops');
  session = h.clientsFor(creds);
  sessionArn = `arn:aws:sts::${member}:assumed-role/OrganizationAccountAccessRole/ops`;
});

afterAll(async () => {
  await h.stop();
});

describe('guardrails in the local cloud', () => {
  it('denies iam:CreateUser in the member account with the SCP wording and the denying policy', async () => {
    const err = await awsError(() => session.iam.send(new I.CreateUserCommand({ UserName: 'bob' })));
    expect(err).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(err.message).toBe(
      `User: ${sessionArn} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${member}:user/bob ` +
        `with an explicit deny in a service control policy: ${scpArn(denyUsersId)}`,
    );
  });

  it('allows what the SCPs leave open and the role grants: iam:CreateRole', async () => {
    const trust = doc([
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${member}:root` }, Action: 'sts:AssumeRole' },
    ]);
    const role = await session.iam.send(
      new I.CreateRoleCommand({ RoleName: 'auditor', AssumeRolePolicyDocument: trust }),
    );
    expect(role.Role?.Arn).toBe(`arn:aws:iam::${member}:role/auditor`);
    await session.iam.send(
      new I.AttachRolePolicyCommand({ RoleName: 'auditor', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
  });

  it('applies aws:RequestedRegion from the signing region: STS outside eu-west-1 is denied, inside allowed', async () => {
    const sessionCreds = await assume(
      h.sts,
      `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
      'region-check',
    );
    const auditorArn = `arn:aws:iam::${member}:role/auditor`;
    const err = await awsError(() => assume(stsIn('us-east-1', sessionCreds), auditorArn, 'audit'));
    expect(err).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(err.message).toBe(
      `User: arn:aws:sts::${member}:assumed-role/OrganizationAccountAccessRole/region-check is not authorized to perform: sts:AssumeRole ` +
        `on resource: ${auditorArn} with an explicit deny in a service control policy: ${scpArn(regionLockId)}`,
    );
    const creds = await assume(stsIn('eu-west-1', sessionCreds), auditorArn, 'audit');
    // AWS: GetCallerIdentity needs no permission, so even the region lock does not stop it.
    const me = await stsIn('us-east-1', creds).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:sts::${member}:assumed-role/auditor/audit`);
  });

  it('denies a write to a read-only role with the identity-policy wording, and allows its reads', async () => {
    const sessionCreds = await assume(h.sts, `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`, 'ro');
    const auditor = h.clientsFor(
      await assume(stsIn('eu-west-1', sessionCreds), `arn:aws:iam::${member}:role/auditor`, 'audit'),
    );
    const err = await awsError(() =>
      auditor.iam.send(new I.CreateRoleCommand({ RoleName: 'sneaky', AssumeRolePolicyDocument: doc([]) })),
    );
    expect(err).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(err.message).toBe(
      `User: arn:aws:sts::${member}:assumed-role/auditor/audit is not authorized to perform: iam:CreateRole ` +
        `on resource: arn:aws:iam::${member}:role/sneaky because no identity-based policy allows the iam:CreateRole action`,
    );
    const roles = await auditor.iam.send(new I.ListRolesCommand({}));
    expect(roles.Roles?.map((r) => r.RoleName)).toEqual(['auditor', 'OrganizationAccountAccessRole']);
    // ReadOnlyAccess reaches Organizations reads; the handler then lets members describe their organization.
    expect((await auditor.org.send(new O.DescribeOrganizationCommand({}))).Organization?.Id).toBe(orgId);
    const orgErr = await awsError(() =>
      auditor.org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'x' })),
    );
    expect(orgErr).toMatchObject({
      name: 'AccessDeniedException',
      message: "You don't have permissions to access this resource.",
    });
  });

  it('caps a role with its permissions boundary', async () => {
    const trust = doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${mgmt}:root` }, Action: 'sts:AssumeRole' }]);
    await session.iam.send(
      new I.CreateRoleCommand({
        RoleName: 'capped',
        AssumeRolePolicyDocument: trust,
        PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    await session.iam.send(
      new I.AttachRolePolicyCommand({ RoleName: 'capped', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
    );
    const capped = h.clientsFor(await assume(h.sts, `arn:aws:iam::${member}:role/capped`, 'cap'));
    const err = await awsError(() =>
      capped.iam.send(new I.CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: trust })),
    );
    expect(err.message).toBe(
      `User: arn:aws:sts::${member}:assumed-role/capped/cap is not authorized to perform: iam:CreateRole ` +
        `on resource: arn:aws:iam::${member}:role/x because no permissions boundary allows the iam:CreateRole action`,
    );
    expect(
      (await capped.iam.send(new I.GetRoleCommand({ RoleName: 'capped' }))).Role?.PermissionsBoundary
        ?.PermissionsBoundaryArn,
    ).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
  });

  it("requires the caller's identity policy to allow sts:AssumeRole across accounts, besides the trust policy", async () => {
    // OrganizationAccountAccessRole trusts the whole management account, but a read-only role there may not use that trust.
    const trustMgmt = doc([
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${mgmt}:root` }, Action: 'sts:AssumeRole' },
    ]);
    await h.iam.send(new I.CreateRoleCommand({ RoleName: 'viewer', AssumeRolePolicyDocument: trustMgmt }));
    await h.iam.send(
      new I.AttachRolePolicyCommand({ RoleName: 'viewer', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    const viewer = await assume(h.sts, `arn:aws:iam::${mgmt}:role/viewer`, 'vw');
    const target = `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`;
    const err = await awsError(() => assume(stsIn('us-east-1', viewer), target, 'hop'));
    expect(err.message).toBe(
      `User: arn:aws:sts::${mgmt}:assumed-role/viewer/vw is not authorized to perform: sts:AssumeRole on resource: ${target} because no identity-based policy allows the sts:AssumeRole action`,
    );
    await h.iam.send(
      new I.PutRolePolicyCommand({
        RoleName: 'viewer',
        PolicyName: 'hop',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: target }]),
      }),
    );
    expect((await assume(stsIn('us-east-1', viewer), target, 'hop')).accessKeyId).toMatch(/^ASIA/);
  });

  it('leaves the management account alone: SCPs do not apply to its root user or its roles', async () => {
    await h.org.send(new O.AttachPolicyCommand({ PolicyId: denyUsersId, TargetId: rootId }));
    try {
      await h.iam.send(new I.CreateUserCommand({ UserName: 'breakglass' }));
      const trust = doc([
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${mgmt}:root` }, Action: 'sts:AssumeRole' },
      ]);
      await h.iam.send(new I.CreateRoleCommand({ RoleName: 'mgmt-admin', AssumeRolePolicyDocument: trust }));
      await h.iam.send(
        new I.AttachRolePolicyCommand({
          RoleName: 'mgmt-admin',
          PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      );
      const mgmtRole = h.clientsFor(await assume(h.sts, `arn:aws:iam::${mgmt}:role/mgmt-admin`, 'mgmt'));
      expect((await mgmtRole.iam.send(new I.CreateUserCommand({ UserName: 'carol' }))).User?.Arn).toBe(
        `arn:aws:iam::${mgmt}:user/carol`,
      );
      // The same SCP at the root now binds the member account twice over.
      expect((await awsError(() => session.iam.send(new I.CreateUserCommand({ UserName: 'bob' })))).name).toBe(
        'AccessDenied',
      );
    } finally {
      await h.org.send(new O.DetachPolicyCommand({ PolicyId: denyUsersId, TargetId: rootId }));
    }
  });

  it('reads an SCP that lacks an Allow as a denial, worded as AWS words every SCP denial', async () => {
    const onlyReads = await createScp(
      'only-reads',
      doc([{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'sts:*'], Resource: '*' }]),
    );
    await h.org.send(new O.AttachPolicyCommand({ PolicyId: onlyReads, TargetId: member }));
    await h.org.send(new O.DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: member }));
    try {
      const err = await awsError(() =>
        session.iam.send(new I.CreateRoleCommand({ RoleName: 'y', AssumeRolePolicyDocument: doc([]) })),
      );
      expect(err.message).toBe(
        `User: ${sessionArn} is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${member}:role/y with an explicit deny in a service control policy`,
      );
      const orgErr = await awsError(() => session.org.send(new O.DescribeOrganizationCommand({})));
      expect(orgErr).toMatchObject({
        name: 'AccessDeniedException',
        message: "You don't have permissions to access this resource.",
      });
      expect((await session.iam.send(new I.GetRoleCommand({ RoleName: 'auditor' }))).Role?.RoleName).toBe('auditor');
    } finally {
      await h.org.send(new O.AttachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: member }));
      await h.org.send(new O.DetachPolicyCommand({ PolicyId: onlyReads, TargetId: member }));
    }
  });

  it('SimulatePrincipalPolicy shows the SCP effect in OrganizationsDecisionDetail', async () => {
    const out = await session.iam.send(
      new I.SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
        ActionNames: ['iam:CreateUser', 'iam:CreateRole'],
      }),
    );
    expect(out.EvaluationResults).toEqual([
      expect.objectContaining({
        EvalActionName: 'iam:CreateUser',
        EvalResourceName: '*',
        EvalDecision: 'explicitDeny',
        OrganizationsDecisionDetail: { AllowedByOrganizations: false },
      }),
      expect.objectContaining({
        EvalActionName: 'iam:CreateRole',
        EvalDecision: 'allowed',
        OrganizationsDecisionDetail: { AllowedByOrganizations: true },
        MatchedStatements: [{ SourcePolicyId: 'AdministratorAccess', SourcePolicyType: 'aws-managed' }],
      }),
    ]);
    const auditor = await session.iam.send(
      new I.SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${member}:role/auditor`,
        ActionNames: ['iam:CreateRole'],
        ResourceArns: [`arn:aws:iam::${member}:role/z`],
      }),
    );
    expect(auditor.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      OrganizationsDecisionDetail: { AllowedByOrganizations: true },
      ResourceSpecificResults: [
        { EvalResourceName: `arn:aws:iam::${member}:role/z`, EvalResourceDecision: 'implicitDeny' },
      ],
    });
  });

  it('SimulateCustomPolicy evaluates the given policies, reports missing context keys and boundaries', async () => {
    const policy = doc([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
      },
    ]);
    const run = (context: I.ContextEntry[]) =>
      h.iam.send(
        new I.SimulateCustomPolicyCommand({
          PolicyInputList: [policy],
          PermissionsBoundaryPolicyInputList: [doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])],
          ActionNames: ['s3:GetObject', 's3:PutObject'],
          ContextEntries: context,
        }),
      );
    const without = await run([]);
    expect(without.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision, r.MissingContextValues])).toEqual([
      ['s3:GetObject', 'implicitDeny', ['aws:SourceIp']],
      ['s3:PutObject', 'implicitDeny', []],
    ]);
    const within = await run([
      { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['192.0.2.7'], ContextKeyType: 'ip' },
    ]);
    expect(within.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'allowed',
      MatchedStatements: [
        { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none' },
        { SourcePolicyId: 'PermissionsBoundaryPolicyInputList.1', SourcePolicyType: 'none' },
      ],
      PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true },
    });
    expect(within.EvaluationResults?.[0]?.OrganizationsDecisionDetail).toBeUndefined();
  });

  it('lifts the denial when the SCP is detached (the cached policy set follows the organization)', async () => {
    await h.org.send(new O.DetachPolicyCommand({ PolicyId: denyUsersId, TargetId: ouId }));
    const user = await session.iam.send(new I.CreateUserCommand({ UserName: 'bob' }));
    expect(user.User?.Arn).toBe(`arn:aws:iam::${member}:user/bob`);
    await h.org.send(new O.AttachPolicyCommand({ PolicyId: denyUsersId, TargetId: ouId }));
    expect((await awsError(() => session.iam.send(new I.CreateUserCommand({ UserName: 'dave' })))).name).toBe(
      'AccessDenied',
    );
  });
});
