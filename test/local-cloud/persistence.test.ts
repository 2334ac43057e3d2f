import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { findRunningLocalCloud, startLocalCloud } from '../../src/local-cloud/index.js';
import type { Harness } from './helpers.js';
import { awsError, eventually, startHarness, tempDataDir } from './helpers.js';

const dirs: string[] = [];
const running: Harness[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string, options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness({ ...options, dataDir });
  running.push(h);
  return h;
}

async function stop(h: Harness): Promise<void> {
  running.splice(running.indexOf(h), 1);
  await h.stop();
}

describe('persistence', () => {
  it('keeps the organization, OUs, accounts and credentials across a restart', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const first = await start(dir);
    await first.org.send(new CreateOrganizationCommand({}));
    const rootId = (await first.org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
    await first.org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Kept' }));
    const mgmt = first.cloud.managementAccountId;
    const creds = first.cloud.credentials;
    await stop(first);

    const second = await start(dir);
    expect(second.cloud.managementAccountId).toBe(mgmt);
    expect(second.cloud.credentials).toEqual(creds);
    const ous = await second.org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }));
    expect(ous.OrganizationalUnits?.map((o) => o.Name)).toEqual(['Kept']);
  });

  it('loses nothing acknowledged when the process dies without closing (copy of the live data dir)', async () => {
    const dir = tempDataDir();
    const crashed = tempDataDir();
    dirs.push(dir, crashed);
    const h = await start(dir);
    await h.org.send(new CreateOrganizationCommand({}));
    const rootId = (await h.org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
    await h.org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Acked' }));
    // What is on disk right now is what a power cut would leave; the lock would belong to a dead process.
    cpSync(dir, crashed, { recursive: true });
    rmSync(join(crashed, 'server.lock'));
    rmSync(join(crashed, 'server.json'));
    appendFileSync(join(crashed, 'journal.jsonl'), '[{"op":"put","table":"ous","key":"torn'); // a write cut short
    const after = await start(crashed);
    const ous = await after.org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }));
    expect(ous.OrganizationalUnits?.map((o) => o.Name)).toEqual(['Acked']);
  });

  it('finishes a CreateAccount that was in flight when the server stopped', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const first = await start(dir, { fast: false, timeScale: 0.1 }); // 300 ms
    await first.org.send(new CreateOrganizationCommand({}));
    const started = await first.org.send(
      new CreateAccountCommand({ Email: 'later@example.com', AccountName: 'later' }),
    );
    await stop(first);
    const second = await start(dir, { fast: false, timeScale: 0.1 });
    const done = await eventually(async () => {
      const s = (
        await second.org.send(
          new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: started.CreateAccountStatus?.Id }),
        )
      ).CreateAccountStatus;
      return s?.State === 'SUCCEEDED' ? s : undefined;
    });
    const accounts = await second.org.send(new ListAccountsCommand({}));
    expect(accounts.Accounts?.map((a) => a.Id)).toContain(done.AccountId);
  });

  it('refuses a second server on the same data directory, with a clear message', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const h = await start(dir);
    await expect(startLocalCloud({ dataDir: dir, fast: true })).rejects.toThrow(/in use by process \d+/);
    expect(findRunningLocalCloud(dir)).toMatchObject({
      endpoint: h.cloud.endpoint,
      managementAccountId: h.cloud.managementAccountId,
      pid: process.pid,
    });
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(join(dir, 'server.lock'), JSON.stringify({ pid: dead, token: 'stale' }));
    const h = await start(dir);
    expect(JSON.parse(readFileSync(join(dir, 'server.lock'), 'utf8')).pid).toBe(process.pid);
    await stop(h);
    expect(findRunningLocalCloud(dir)).toBeUndefined();
  });
});

describe('session credentials across restarts', () => {
  it('keeps sessions valid after a restart and answers ExpiredToken once they expire', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const first = await start(dir);
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: first.cloud.managementAccountId }, Action: 'sts:AssumeRole' }],
    });
    await first.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    const assumed = await first.sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${first.cloud.managementAccountId}:role/r`,
        RoleSessionName: 's1',
      }),
    );
    const c = assumed.Credentials;
    const session = {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    };
    await stop(first);

    const second = await start(dir);
    expect((await second.clientsFor(session).sts.send(new GetCallerIdentityCommand({}))).Arn).toContain(
      ':assumed-role/r/s1',
    );
    await stop(second);

    // Age the session on disk, as if its hour had passed while the server was down.
    const statePath = join(dir, 'state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { accessKeys: [string, { expiresAt?: number }][] };
    for (const [key, record] of state.accessKeys) if (key === session.accessKeyId) record.expiresAt = Date.now() - 1000;
    writeFileSync(statePath, JSON.stringify(state));
    const third = await start(dir);
    expect(await awsError(() => third.clientsFor(session).sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'ExpiredToken',
      status: 403,
    });
  });
});
