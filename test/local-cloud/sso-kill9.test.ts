import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import * as ID from '@aws-sdk/client-identitystore';
import * as O from '@aws-sdk/client-organizations';
import * as S from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRunningLocalCloud } from '../../src/local-cloud/index.js';
import { isProcessAlive } from '../../src/local-cloud/store/lock.js';
import { BIN, ensureBuilt } from '../support/e2e/built-cli.js';
import { eventually, startHarness, tempDataDir } from './helpers.js';

/**
 * A real kill -9 of the local cloud's process (started by the CLI, detached) while Identity Center assignments
 * and a provisioning are IN_PROGRESS; the restarted server completes each exactly once.
 */
describe('Identity Center survives kill -9 of the local cloud process', () => {
  const dir = tempDataDir();
  beforeAll(() => ensureBuilt(), 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('completes the operations in flight exactly once, with one reserved role', async () => {
    // Default durations (1.5 s per operation): the kill lands while they run.
    const started = spawnSync(process.execPath, [BIN, 'local', 'start', '--detach', '--port', '0', '--data', dir], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(started.status).toBe(0);
    const running = findRunningLocalCloud(dir);
    if (running === undefined) throw new Error('the local cloud did not start');
    const config = {
      endpoint: running.endpoint,
      region: running.region,
      credentials: { ...running.credentials },
      maxAttempts: 1,
    };
    const org = new O.OrganizationsClient(config);
    await org.send(new O.CreateOrganizationCommand({}));
    await org.send(new O.EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    const sso = new S.SSOAdminClient(config);
    const instance = (await sso.send(new S.ListInstancesCommand({}))).Instances?.[0];
    const InstanceArn = instance?.InstanceArn ?? '';
    const ids = new ID.IdentitystoreClient(config);
    const PermissionSetArn =
      (await sso.send(new S.CreatePermissionSetCommand({ InstanceArn, Name: 'Killed' }))).PermissionSet
        ?.PermissionSetArn ?? '';
    const groups = [];
    for (const DisplayName of ['one', 'two'])
      groups.push(
        (await ids.send(new ID.CreateGroupCommand({ IdentityStoreId: instance?.IdentityStoreId, DisplayName })))
          .GroupId,
      );
    // The management account is a valid target: no account creation needed before the kill.
    const requests = [];
    for (const PrincipalId of groups)
      requests.push(
        (
          await sso.send(
            new S.CreateAccountAssignmentCommand({
              InstanceArn,
              PermissionSetArn,
              PrincipalId,
              PrincipalType: 'GROUP',
              TargetId: running.managementAccountId,
              TargetType: 'AWS_ACCOUNT',
            }),
          )
        ).AccountAssignmentCreationStatus?.RequestId,
      );
    const inProgress = (await sso.send(new S.ListAccountAssignmentCreationStatusCommand({ InstanceArn })))
      .AccountAssignmentsCreationStatus;
    expect(inProgress?.map((s) => s.Status)).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);

    process.kill(running.pid, 'SIGKILL');
    await eventually(async () => (isProcessAlive(running.pid) ? undefined : true));

    const h = await startHarness({ dataDir: dir, fast: true });
    try {
      const after = new S.SSOAdminClient({
        endpoint: h.cloud.endpoint,
        region: h.cloud.region,
        credentials: { ...h.cloud.credentials },
        maxAttempts: 1,
      });
      const done = await eventually(async () => {
        const list = (await after.send(new S.ListAccountAssignmentCreationStatusCommand({ InstanceArn })))
          .AccountAssignmentsCreationStatus;
        return list?.every((s) => s.Status === 'SUCCEEDED') === true ? list : undefined;
      }, 10_000);
      expect(done.map((s) => s.RequestId)).toEqual(requests);
      const assigned = await after.send(
        new S.ListAccountAssignmentsCommand({ InstanceArn, AccountId: running.managementAccountId, PermissionSetArn }),
      );
      expect(assigned.AccountAssignments?.map((a) => a.PrincipalId)).toEqual(groups);
      const roles = await h.iam.send(new ListRolesCommand({ PathPrefix: '/aws-reserved/' }));
      expect(roles.Roles?.map((r) => r.RoleName?.replace(/_[0-9a-f]{16}$/, ''))).toEqual(['AWSReservedSSO_Killed']);
    } finally {
      await h.stop();
    }
  }, 60_000);
});
