import { cpSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as I from '@aws-sdk/client-iam';
import * as ID from '@aws-sdk/client-identitystore';
import * as S from '@aws-sdk/client-sso-admin';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './helpers.js';
import { eventually, startHarness, tempDataDir } from './helpers.js';
import type { SsoHarness } from './sso-helpers.js';
import { startSso } from './sso-helpers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** What a kill -9 leaves: the data directory as it is on disk now (every answered write is fsynced), lock gone. */
function crashCopy(dir: string): string {
  const copy = tempDataDir();
  cpSync(dir, copy, { recursive: true });
  rmSync(join(copy, 'server.lock'));
  rmSync(join(copy, 'server.json'));
  return copy;
}

async function restart(
  dir: string,
): Promise<Harness & { sso: S.SSOAdminClient; memberIam(id: string): Promise<I.IAMClient> }> {
  const h = await startHarness({ dataDir: dir, fast: true });
  cleanup.push(async () => {
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const config = {
    endpoint: h.cloud.endpoint,
    region: h.cloud.region,
    credentials: { ...h.cloud.credentials },
    maxAttempts: 1,
  };
  return {
    ...h,
    sso: new S.SSOAdminClient(config),
    memberIam: async (id) => {
      const c = (
        await h.sts.send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole`,
            RoleSessionName: 'recovery',
          }),
        )
      ).Credentials;
      return new I.IAMClient({
        ...config,
        credentials: {
          accessKeyId: c?.AccessKeyId ?? '',
          secretAccessKey: c?.SecretAccessKey ?? '',
          sessionToken: c?.SessionToken ?? '',
        },
      });
    },
  };
}

const statuses = async (sso: S.SSOAdminClient, InstanceArn: string) => ({
  created:
    (await sso.send(new S.ListAccountAssignmentCreationStatusCommand({ InstanceArn })))
      .AccountAssignmentsCreationStatus ?? [],
  deleted:
    (await sso.send(new S.ListAccountAssignmentDeletionStatusCommand({ InstanceArn })))
      .AccountAssignmentsDeletionStatus ?? [],
  provisioned:
    (await sso.send(new S.ListPermissionSetProvisioningStatusCommand({ InstanceArn })))
      .PermissionSetsProvisioningStatus ?? [],
});

describe('Identity Center after a kill -9 with operations in progress', () => {
  it('completes every assignment, deletion and provisioning exactly once, one reserved role each, no duplicates', async () => {
    // 1.5 s per operation: long enough to crash in the middle.
    const h: SsoHarness = await startSso({ fast: false, timeScale: 1 });
    cleanup.push(() => h.stop());
    const InstanceArn = h.instanceArn;
    const IdentityStoreId = h.identityStoreId;
    const makeSet = async (Name: string) =>
      (await h.sso.send(new S.CreatePermissionSetCommand({ InstanceArn, Name }))).PermissionSet?.PermissionSetArn ?? '';
    const [dev, ops] = [await makeSet('Dev'), await makeSet('Ops')];
    const devs = (await h.ids.send(new ID.CreateGroupCommand({ IdentityStoreId, DisplayName: 'devs' }))).GroupId ?? '';
    const admins =
      (await h.ids.send(new ID.CreateGroupCommand({ IdentityStoreId, DisplayName: 'admins' }))).GroupId ?? '';
    const cell = (PermissionSetArn: string, PrincipalId: string) => ({
      InstanceArn,
      PermissionSetArn,
      PrincipalId,
      PrincipalType: 'GROUP' as const,
      TargetId: h.member,
      TargetType: 'AWS_ACCOUNT' as const,
    });
    // Ops is assigned and settled before the crash; one of its two assignments is then being deleted.
    for (const g of [devs, admins]) {
      const r = await h.sso.send(new S.CreateAccountAssignmentCommand(cell(ops, g)));
      await eventually(async () => {
        const s = await h.sso.send(
          new S.DescribeAccountAssignmentCreationStatusCommand({
            InstanceArn,
            AccountAssignmentCreationRequestId: r.AccountAssignmentCreationStatus?.RequestId,
          }),
        );
        return s.AccountAssignmentCreationStatus?.Status === 'SUCCEEDED' ? true : undefined;
      }, 10_000);
    }
    await h.sso.send(
      new S.PutInlinePolicyToPermissionSetCommand({
        InstanceArn,
        PermissionSetArn: ops,
        InlinePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
        }),
      }),
    );
    // In progress at the crash: Dev to two groups (one asked twice), a deletion of Ops for admins, Ops re-provisioned.
    const inFlight = [
      await h.sso.send(new S.CreateAccountAssignmentCommand(cell(dev, devs))),
      await h.sso.send(new S.CreateAccountAssignmentCommand(cell(dev, devs))),
      await h.sso.send(new S.CreateAccountAssignmentCommand(cell(dev, admins))),
    ].map((r) => r.AccountAssignmentCreationStatus?.RequestId ?? '');
    const deletion =
      (await h.sso.send(new S.DeleteAccountAssignmentCommand(cell(ops, admins)))).AccountAssignmentDeletionStatus
        ?.RequestId ?? '';
    const provision =
      (
        await h.sso.send(
          new S.ProvisionPermissionSetCommand({
            InstanceArn,
            PermissionSetArn: ops,
            TargetType: 'ALL_PROVISIONED_ACCOUNTS',
          }),
        )
      ).PermissionSetProvisioningStatus?.RequestId ?? '';
    const before = await statuses(h.sso, InstanceArn);
    expect(before.created.filter((s) => s.Status === 'IN_PROGRESS').map((s) => s.RequestId)).toEqual(inFlight);

    const dir = crashCopy(h.dataDir);
    await h.stop();
    cleanup.splice(0);
    const after = await restart(dir);
    const done = await eventually(async () => {
      const s = await statuses(after.sso, InstanceArn);
      const all = [...s.created, ...s.deleted, ...s.provisioned];
      return all.some((x) => x.Status === 'IN_PROGRESS') ? undefined : s;
    }, 10_000);
    // Each request once, SUCCEEDED, under its own id.
    expect(done.created.map((s) => [s.RequestId, s.Status])).toEqual(
      [...before.created.map((s) => s.RequestId)].map((id) => [id, 'SUCCEEDED']),
    );
    expect(done.deleted.map((s) => [s.RequestId, s.Status])).toEqual([[deletion, 'SUCCEEDED']]);
    expect(done.provisioned.map((s) => [s.RequestId, s.Status])).toEqual([[provision, 'SUCCEEDED']]);
    const assigned = async (PermissionSetArn: string) =>
      (
        (
          await after.sso.send(
            new S.ListAccountAssignmentsCommand({ InstanceArn, AccountId: h.member, PermissionSetArn }),
          )
        ).AccountAssignments ?? []
      ).map((a) => a.PrincipalId);
    expect(await assigned(dev)).toEqual([devs, admins]);
    expect(await assigned(ops)).toEqual([devs]);
    const iam = await after.memberIam(h.member);
    const roles =
      (await iam.send(new I.ListRolesCommand({ PathPrefix: '/aws-reserved/sso.amazonaws.com/' }))).Roles ?? [];
    expect(roles.map((r) => r.RoleName?.replace(/_[0-9a-f]{16}$/, '')).sort()).toEqual([
      'AWSReservedSSO_Dev',
      'AWSReservedSSO_Ops',
    ]);
    const opsRole = roles.find((r) => r.RoleName?.startsWith('AWSReservedSSO_Ops_'))?.RoleName ?? '';
    expect((await iam.send(new I.ListRolePoliciesCommand({ RoleName: opsRole }))).PolicyNames).toEqual([
      'AwsSSOInlinePolicy',
    ]);
    const provisionedTo = await after.sso.send(
      new S.ListPermissionSetsProvisionedToAccountCommand({
        InstanceArn,
        AccountId: h.member,
        ProvisioningStatus: 'LATEST_PERMISSION_SET_PROVISIONED',
      }),
    );
    expect(provisionedTo.PermissionSets?.sort()).toEqual([dev, ops].sort());

    // A second restart runs nothing again: the same records, the same roles.
    const settled = await statuses(after.sso, InstanceArn);
    await after.stop();
    cleanup.splice(0);
    const again = await restart(dir);
    await new Promise((r) => setTimeout(r, 100));
    expect(await statuses(again.sso, InstanceArn)).toEqual(settled);
    const iam2 = await again.memberIam(h.member);
    expect(
      ((await iam2.send(new I.ListRolesCommand({ PathPrefix: '/aws-reserved/sso.amazonaws.com/' }))).Roles ?? []).map(
        (r) => r.RoleId,
      ),
    ).toEqual(roles.map((r) => r.RoleId));
  }, 30_000);
});

describe('status polls', () => {
  it('write nothing to the journal', async () => {
    const h: SsoHarness = await startSso();
    cleanup.push(() => h.stop());
    const InstanceArn = h.instanceArn;
    const PermissionSetArn =
      (await h.sso.send(new S.CreatePermissionSetCommand({ InstanceArn, Name: 'Polled' }))).PermissionSet
        ?.PermissionSetArn ?? '';
    const group =
      (await h.ids.send(new ID.CreateGroupCommand({ IdentityStoreId: h.identityStoreId, DisplayName: 'polled' })))
        .GroupId ?? '';
    const r = await h.sso.send(
      new S.CreateAccountAssignmentCommand({
        InstanceArn,
        PermissionSetArn,
        PrincipalId: group,
        PrincipalType: 'GROUP',
        TargetId: h.member,
        TargetType: 'AWS_ACCOUNT',
      }),
    );
    const RequestId = r.AccountAssignmentCreationStatus?.RequestId ?? '';
    const describe = () =>
      h.sso.send(
        new S.DescribeAccountAssignmentCreationStatusCommand({
          InstanceArn,
          AccountAssignmentCreationRequestId: RequestId,
        }),
      );
    await eventually(async () =>
      (await describe()).AccountAssignmentCreationStatus?.Status === 'SUCCEEDED' ? 1 : undefined,
    );
    const journal = join(h.dataDir, 'journal.jsonl');
    const size = statSync(journal).size;
    for (let i = 0; i < 20; i++) {
      await describe();
      await h.sso.send(new S.ListAccountAssignmentCreationStatusCommand({ InstanceArn }));
      await h.sso.send(new S.ListAccountAssignmentsCommand({ InstanceArn, AccountId: h.member, PermissionSetArn }));
    }
    expect(statSync(journal).size).toBe(size);
  });
});
