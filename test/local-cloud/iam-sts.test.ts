import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
} from '@aws-sdk/client-organizations';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyVersionCommand,
  ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Harness } from './helpers.js';
import { awsError, eventually, startHarness } from './helpers.js';

const trust = (principal: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  });
const ALLOW_S3 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});

describe('STS and IAM', () => {
  let h: Harness;
  let memberId: string;
  beforeAll(async () => {
    h = await startHarness();
    await h.org.send(new CreateOrganizationCommand({}));
    const started = await h.org.send(new CreateAccountCommand({ Email: 'member@example.com', AccountName: 'member' }));
    memberId = await eventually(async () => {
      const s = await h.org.send(
        new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: started.CreateAccountStatus?.Id }),
      );
      return s.CreateAccountStatus?.AccountId;
    });
  });
  afterAll(async () => h.stop());

  async function assumeAccessRole(duration?: number) {
    const res = await h.sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${memberId}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'bulkhead',
        DurationSeconds: duration,
      }),
    );
    const c = res.Credentials;
    return {
      res,
      clients: h.clientsFor({
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretAccessKey ?? '',
        sessionToken: c?.SessionToken ?? '',
      }),
    };
  }

  it('assumes OrganizationAccountAccessRole into a created account, with an assumed-role identity there', async () => {
    const { res, clients } = await assumeAccessRole(1800);
    expect(res.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${memberId}:assumed-role/OrganizationAccountAccessRole/bulkhead`,
    );
    expect(res.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const expiry = res.Credentials?.Expiration?.getTime() ?? 0;
    expect(Math.abs(expiry - (Date.now() + 1800_000))).toBeLessThan(5000);
    const who = await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({
      Account: memberId,
      Arn: res.AssumedRoleUser?.Arn,
      UserId: res.AssumedRoleUser?.AssumedRoleId,
    });
    const attached = await clients.iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: 'OrganizationAccountAccessRole' }),
    );
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ]);
    const role = await clients.iam.send(new GetRoleCommand({ RoleName: 'OrganizationAccountAccessRole' }));
    expect(JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? ''))).toMatchObject({
      Statement: [{ Principal: { AWS: `arn:aws:iam::${h.cloud.managementAccountId}:root` } }],
    });
  });

  it('gives every account its own IAM namespace', async () => {
    await h.iam.send(
      new CreateRoleCommand({
        RoleName: 'only-in-management',
        AssumeRolePolicyDocument: trust(h.cloud.managementAccountId),
      }),
    );
    const { clients } = await assumeAccessRole();
    const memberRoles = await clients.iam.send(new ListRolesCommand({}));
    expect(memberRoles.Roles?.map((r) => r.RoleName)).toEqual(['OrganizationAccountAccessRole']);
    expect(
      await awsError(() => clients.iam.send(new GetRoleCommand({ RoleName: 'only-in-management' }))),
    ).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });

  it('limits role chaining to one hour and checks trust policies', async () => {
    const { clients } = await assumeAccessRole();
    await clients.iam.send(
      new CreateRoleCommand({
        RoleName: 'deploy',
        AssumeRolePolicyDocument: trust(`arn:aws:iam::${memberId}:role/OrganizationAccountAccessRole`),
        MaxSessionDuration: 7200,
      }),
    );
    const deployArn = `arn:aws:iam::${memberId}:role/deploy`;
    const long = await awsError(() =>
      clients.sts.send(new AssumeRoleCommand({ RoleArn: deployArn, RoleSessionName: 'chain', DurationSeconds: 7200 })),
    );
    expect(long).toMatchObject({ name: 'ValidationError', status: 400 });
    expect(long.message).toContain('role chaining');
    const chained = await clients.sts.send(
      new AssumeRoleCommand({ RoleArn: deployArn, RoleSessionName: 'chain', DurationSeconds: 3600 }),
    );
    expect(chained.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${memberId}:assumed-role/deploy/chain`);
    const notTrusted = await awsError(() =>
      h.sts.send(new AssumeRoleCommand({ RoleArn: deployArn, RoleSessionName: 'nope' })),
    );
    expect(notTrusted).toMatchObject({ name: 'AccessDenied', status: 403 });
    await clients.iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'deploy', PolicyDocument: trust(h.cloud.managementAccountId) }),
    );
    const nowTrusted = await h.sts.send(
      new AssumeRoleCommand({ RoleArn: deployArn, RoleSessionName: 'direct', DurationSeconds: 7200 }),
    );
    expect(nowTrusted.Credentials?.SessionToken).toBeTypeOf('string');
    const overMax = await awsError(() =>
      h.sts.send(new AssumeRoleCommand({ RoleArn: deployArn, RoleSessionName: 'x2', DurationSeconds: 7201 })),
    );
    expect(overMax.message).toContain('MaxSessionDuration');
    const missing = await awsError(() =>
      h.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${memberId}:role/missing`, RoleSessionName: 'xx' })),
    );
    expect(missing.name).toBe('AccessDenied');
  });

  it('rejects a session token that does not belong to the key', async () => {
    const { res } = await assumeAccessRole();
    const forged = h.clientsFor({
      accessKeyId: res.Credentials?.AccessKeyId ?? '',
      secretAccessKey: res.Credentials?.SecretAccessKey ?? '',
      sessionToken: 'forged',
    });
    expect(await awsError(() => forged.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
    });
  });

  it('keeps up to five versions of a managed policy', async () => {
    const arn =
      (await h.iam.send(new CreatePolicyCommand({ PolicyName: 'versioned', PolicyDocument: ALLOW_S3 }))).Policy?.Arn ??
      '';
    for (let i = 2; i <= 5; i++) {
      const v = await h.iam.send(
        new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: ALLOW_S3, SetAsDefault: i === 3 }),
      );
      expect(v.PolicyVersion?.VersionId).toBe(`v${i}`);
    }
    expect(
      await awsError(() => h.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: ALLOW_S3 }))),
    ).toMatchObject({ name: 'LimitExceededException', status: 409 });
    expect((await h.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId).toBe('v3');
    expect(
      await awsError(() => h.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }))),
    ).toMatchObject({ name: 'DeleteConflictException' });
    await h.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    await h.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    const listed = await h.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(listed.Versions?.map((v) => `${v.VersionId}${v.IsDefaultVersion === true ? '*' : ''}`)).toEqual([
      'v5*',
      'v4',
      'v3',
      'v2',
    ]);
    expect(await awsError(() => h.iam.send(new DeletePolicyCommand({ PolicyArn: arn })))).toMatchObject({
      name: 'DeleteConflictException',
    });
    for (const v of ['v2', 'v3', 'v4'])
      await h.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    await h.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
  });

  it('manages roles, tags, inline and managed policies with IAM errors', async () => {
    await h.iam.send(
      new CreateRoleCommand({
        RoleName: 'app',
        Path: '/apps/',
        AssumeRolePolicyDocument: trust('*'),
        Description: 'app role',
        Tags: [{ Key: 'team', Value: 'a' }],
      }),
    );
    expect(
      await awsError(() =>
        h.iam.send(new CreateRoleCommand({ RoleName: 'APP', AssumeRolePolicyDocument: trust('*') })),
      ),
    ).toMatchObject({ name: 'EntityAlreadyExistsException', status: 409 });
    const role = await h.iam.send(new GetRoleCommand({ RoleName: 'app' }));
    expect(role.Role).toMatchObject({
      Path: '/apps/',
      Arn: `arn:aws:iam::${h.cloud.managementAccountId}:role/apps/app`,
      Description: 'app role',
      MaxSessionDuration: 3600,
    });
    expect(role.Role?.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(role.Role?.CreateDate).toBeInstanceOf(Date);
    await h.iam.send(new TagRoleCommand({ RoleName: 'app', Tags: [{ Key: 'env', Value: 'dev' }] }));
    await h.iam.send(new UntagRoleCommand({ RoleName: 'app', TagKeys: ['team'] }));
    expect((await h.iam.send(new ListRoleTagsCommand({ RoleName: 'app' }))).Tags).toEqual([
      { Key: 'env', Value: 'dev' },
    ]);

    await h.iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'inline', PolicyDocument: ALLOW_S3 }));
    const inline = await h.iam.send(new GetRolePolicyCommand({ RoleName: 'app', PolicyName: 'inline' }));
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument ?? ''))).toEqual(JSON.parse(ALLOW_S3));
    expect((await h.iam.send(new ListRolePoliciesCommand({ RoleName: 'app' }))).PolicyNames).toEqual(['inline']);

    const created = await h.iam.send(new CreatePolicyCommand({ PolicyName: 'read-s3', PolicyDocument: ALLOW_S3 }));
    const arn = created.Policy?.Arn ?? '';
    expect(arn).toBe(`arn:aws:iam::${h.cloud.managementAccountId}:policy/read-s3`);
    await h.iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: arn }));
    expect((await h.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy).toMatchObject({
      AttachmentCount: 1,
      DefaultVersionId: 'v1',
      IsAttachable: true,
    });
    const version = await h.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? ''))).toEqual(JSON.parse(ALLOW_S3));
    const local = await h.iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    expect(local.Policies?.map((p) => p.PolicyName)).toContain('read-s3');
    expect(local.Policies?.every((p) => p.Arn?.startsWith(`arn:aws:iam::${h.cloud.managementAccountId}:policy/`))).toBe(
      true,
    );
    expect(await awsError(() => h.iam.send(new DeletePolicyCommand({ PolicyArn: arn })))).toMatchObject({
      name: 'DeleteConflictException',
      status: 409,
    });
    expect(await awsError(() => h.iam.send(new DeleteRoleCommand({ RoleName: 'app' })))).toMatchObject({
      name: 'DeleteConflictException',
    });
    await h.iam.send(new DetachRolePolicyCommand({ RoleName: 'app', PolicyArn: arn }));
    await h.iam.send(new DeleteRolePolicyCommand({ RoleName: 'app', PolicyName: 'inline' }));
    await h.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    await h.iam.send(new DeleteRoleCommand({ RoleName: 'app' }));
    expect(await awsError(() => h.iam.send(new GetRoleCommand({ RoleName: 'app' })))).toMatchObject({
      name: 'NoSuchEntityException',
    });
    const malformed = await awsError(() =>
      h.iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: '{nope' })),
    );
    expect(malformed.name).toBe('MalformedPolicyDocumentException');
  });
});
