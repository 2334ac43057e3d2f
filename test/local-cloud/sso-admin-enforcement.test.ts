import { cpSync, rmSync } from 'node:fs';
import * as I from '@aws-sdk/client-iam';
import * as ID from '@aws-sdk/client-identitystore';
import * as O from '@aws-sdk/client-organizations';
import * as S from '@aws-sdk/client-sso-admin';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError, eventually, startHarness, tempDataDir } from './helpers.js';
import { rawRequest } from './raw.js';
import type { SsoHarness } from './sso-helpers.js';
import { startSso } from './sso-helpers.js';

const running: { stop(): Promise<void> }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function sso(options: Parameters<typeof startSso>[0] = {}): Promise<SsoHarness> {
  const h = await startSso(options);
  running.push(h);
  return h;
}

async function assignGroup(h: SsoHarness, ps: string): Promise<string> {
  const g = await h.ids.send(new ID.CreateGroupCommand({ IdentityStoreId: h.identityStoreId, DisplayName: 'Team' }));
  const a = await h.sso.send(
    new S.CreateAccountAssignmentCommand({
      InstanceArn: h.instanceArn,
      PermissionSetArn: ps,
      PrincipalId: g.GroupId ?? '',
      PrincipalType: 'GROUP',
      TargetId: h.member,
      TargetType: 'AWS_ACCOUNT',
    }),
  );
  return a.AccountAssignmentCreationStatus?.RequestId ?? '';
}

async function creationStatus(h: SsoHarness, id: string): Promise<string | undefined> {
  const s = await h.sso.send(
    new S.DescribeAccountAssignmentCreationStatusCommand({
      InstanceArn: h.instanceArn,
      AccountAssignmentCreationRequestId: id,
    }),
  );
  return s.AccountAssignmentCreationStatus?.Status;
}

describe('IAM Identity Center roles under the local cloud policy enforcement', () => {
  it('a session of the reserved role can do what the permission set allows, not what an SCP denies or nothing allows', async () => {
    const h = await sso();
    const roots = await h.org.send(new O.ListRootsCommand({}));
    const rootId = roots.Roots?.[0]?.Id ?? '';
    await h.org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const scp = await h.org.send(
      new O.CreatePolicyCommand({
        Name: 'no-role-creation',
        Description: 'deny',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'iam:CreateRole', Resource: '*' }],
        }),
      }),
    );
    await h.org.send(new O.AttachPolicyCommand({ PolicyId: scp.Policy?.PolicySummary?.Id ?? '', TargetId: h.member }));
    const ps = await h.sso.send(new S.CreatePermissionSetCommand({ InstanceArn: h.instanceArn, Name: 'RoleAdmin' }));
    const psArn = ps.PermissionSet?.PermissionSetArn ?? '';
    await h.sso.send(
      new S.PutInlinePolicyToPermissionSetCommand({
        InstanceArn: h.instanceArn,
        PermissionSetArn: psArn,
        InlinePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['iam:ListRoles', 'iam:CreateRole'], Resource: '*' }],
        }),
      }),
    );
    const id = await assignGroup(h, psArn);
    await eventually(async () => ((await creationStatus(h, id)) === 'SUCCEEDED' ? true : undefined));
    const admin = await h.asRole(`arn:aws:iam::${h.member}:role/OrganizationAccountAccessRole`);
    const role = (await admin.iam.send(new I.ListRolesCommand({ PathPrefix: '/aws-reserved/' }))).Roles?.[0];
    const session = await h.asRole(role?.Arn ?? '');
    const listed = await session.iam.send(new I.ListRolesCommand({}));
    expect(listed.Roles?.length).toBeGreaterThan(0);
    const denied = await awsError(() =>
      session.iam.send(
        new I.CreateRoleCommand({
          RoleName: 'x',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          }),
        }),
      ),
    );
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toContain('explicit deny in a service control policy');
    const notAllowed = await awsError(() => session.iam.send(new I.GetRoleCommand({ RoleName: role?.RoleName ?? '' })));
    expect(notAllowed.message).toContain('because no identity-based policy allows the iam:GetRole action');
  });
});

describe('IAM Identity Center persistence, throttling and raw input', () => {
  it('settles an assignment that was pending when the server stopped, after the restart', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const first = await startSso({ dataDir: dir, fast: false, timeScale: 0.4 });
    const ps = await first.sso.send(new S.CreatePermissionSetCommand({ InstanceArn: first.instanceArn, Name: 'Kept' }));
    const id = await assignGroup(first, ps.PermissionSet?.PermissionSetArn ?? '');
    expect(await creationStatus(first, id)).toBe('IN_PROGRESS');
    // A copy of the live directory stands for a crash: the server never closed it.
    const crashed = tempDataDir();
    dirs.push(crashed);
    cpSync(dir, crashed, { recursive: true });
    await first.stop();
    rmSync(`${crashed}/server.lock`, { force: true });
    const h = await startHarness({ dataDir: crashed, fast: true });
    running.push(h);
    const client = new S.SSOAdminClient({
      endpoint: h.cloud.endpoint,
      region: h.cloud.region,
      credentials: { ...h.cloud.credentials },
      maxAttempts: 1,
    });
    const status = await eventually(async () => {
      const s = await client.send(
        new S.DescribeAccountAssignmentCreationStatusCommand({
          InstanceArn: first.instanceArn,
          AccountAssignmentCreationRequestId: id,
        }),
      );
      return s.AccountAssignmentCreationStatus?.Status === 'IN_PROGRESS'
        ? undefined
        : s.AccountAssignmentCreationStatus;
    });
    expect(status.Status).toBe('SUCCEEDED');
  });

  it('throttles sso-admin collectively at 20 requests per second per account when throttling is on', async () => {
    const h = await sso({ throttle: true });
    let throttled: { name: string } | undefined;
    for (let i = 0; i < 40 && throttled === undefined; i++) {
      const call =
        i % 2 === 0
          ? () => h.sso.send(new S.ListPermissionSetsCommand({ InstanceArn: h.instanceArn }))
          : () => h.sso.send(new S.ListInstancesCommand({}));
      try {
        await call();
      } catch (err) {
        throttled = err as { name: string };
      }
    }
    expect(throttled?.name).toBe('ThrottlingException');
  });

  it('answers malformed JSON, wrong member types and unknown operations as AWS, without crashing', async () => {
    const h = await sso();
    const send = (target: string, body: string, service: 'sso' | 'identitystore' = 'sso') =>
      rawRequest({ endpoint: h.cloud.endpoint, service, body, target, credentials: h.cloud.credentials });
    const bad = await send('SWBExternalService.ListPermissionSets', '{"InstanceArn":');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).__type).toBe('SerializationException');
    const wrongType = await send('SWBExternalService.ListPermissionSets', JSON.stringify({ InstanceArn: 42 }));
    expect(JSON.parse(wrongType.body).__type).toBe('SerializationException');
    const missing = await send(
      'SWBExternalService.CreatePermissionSet',
      JSON.stringify({ InstanceArn: h.instanceArn }),
    );
    expect(JSON.parse(missing.body).__type).toBe('ValidationException');
    const unknown = await send('SWBExternalService.CreateInstanceTeleporter', '{}');
    expect(JSON.parse(unknown.body).__type).toBe('UnknownOperationException');
    const ids = await send(
      'AWSIdentityStore.ListUsers',
      JSON.stringify({ IdentityStoreId: h.identityStoreId, MaxResults: 0 }),
      'identitystore',
    );
    expect(JSON.parse(ids.body).__type).toBe('ValidationException');
    const ok = await send('SWBExternalService.ListInstances', '');
    expect(ok.status).toBe(200);
  });
});
