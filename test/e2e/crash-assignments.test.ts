import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListAccountAssignmentCreationStatusCommand, ListInstancesCommand } from '@aws-sdk/client-sso-admin';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { connect, type Connection } from '../../src/toolkit/connect.js';
import { plan } from '../../src/toolkit/plan.js';
import { ensureBuilt, killChild, killPid, runBuiltCli, spawnBuiltCli } from '../support/e2e/built-cli.js';
import { writeIdentitySpec } from '../support/e2e/identity-spec.js';
import { ssoAdminOf } from '../../src/providers/aws/identity-center/clients.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitForOutput(output: () => string, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${String(pattern)}; output so far:\n${output().slice(-2000)}`);
    await sleep(10);
  }
}

// The local cloud runs as its own process, so the assignment operations a killed apply sent go on
// there. At --time-scale 0.5 an assignment takes 750 ms; 12 dev accounts give 26 assignments, three
// waves of at most ten outstanding.
describe('apply killed with SIGKILL while assignments are outstanding, then run again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-crash-sso-'));
  const cloudDir = join(dir, 'cloud');
  const file = join(dir, 'org.yaml');
  const children: ChildProcess[] = [];
  let daemonPid: number | undefined;
  let connection: Connection | undefined;

  beforeAll(async () => {
    ensureBuilt();
    writeIdentitySpec(file, { devAccounts: 12 });
    const started = runBuiltCli([
      'local',
      'start',
      '--detach',
      '--port',
      '0',
      '--data',
      cloudDir,
      '--time-scale',
      '0.5',
    ]);
    expect(started.status, started.stderr).toBe(0);
    daemonPid = (JSON.parse(runBuiltCli(['local', 'status', '--json', '--data', cloudDir]).stdout) as { pid: number })
      .pid;
    connection = await connect({ target: 'local', dataDir: cloudDir });
    connection.clients.useHomeRegion('us-east-1');
  }, 180_000);

  afterAll(async () => {
    for (const child of children) await killChild(child);
    await connection?.close();
    runBuiltCli(['local', 'stop', '--data', cloudDir], 20_000);
    if (daemonPid !== undefined) killPid(daemonPid);
  });

  it('resumes the operations left running, sends no assignment twice, and converges', async () => {
    const apply = ['apply', '--yes', '--json', '--data', cloudDir, '-f', file];
    const run = spawnBuiltCli(apply);
    children.push(run.child);
    await waitForOutput(
      run.output,
      /"address":\{"kind":"account-assignment"[^}]*\},"action":"create"[^}]*"state":"start"/,
      60_000,
    );
    await sleep(300);
    expect(run.child.exitCode, `the apply ended before it was killed:\n${run.output().slice(-2000)}`).toBeNull();
    await killChild(run.child, 'SIGKILL');

    const sso = ssoAdminOf(connection!.clients);
    const InstanceArn = (await sso.send(new ListInstancesCommand({}))).Instances![0]!.InstanceArn!;
    const statuses = async (Status?: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED') =>
      (
        await sso.send(
          new ListAccountAssignmentCreationStatusCommand({
            InstanceArn,
            MaxResults: 100,
            ...(Status ? { Filter: { Status } } : {}),
          }),
        )
      ).AccountAssignmentsCreationStatus ?? [];
    // The kill came while operations were outstanding, and before all were sent.
    expect((await statuses('IN_PROGRESS')).length).toBeGreaterThan(0);
    expect((await statuses()).length).toBeLessThan(26);

    expect(runBuiltCli(['unlock', '--yes', '--data', cloudDir]).status).toBe(0);
    const last = runBuiltCli(apply, 90_000);
    expect(last.status, last.stderr).toBe(0);

    const final = await plan({ file, connection: connection!, io: new RecordingIoHost() });
    expect(final.plan.changes).toEqual([]);
    expect(final.observed['account-assignment'].length).toBe(26);
    // One CreateAccountAssignment per assignment, ever: the re-run followed the ones left running.
    const all = await statuses();
    expect(all.length).toBe(26);
    expect(all.every((s) => s.Status === 'SUCCEEDED')).toBe(true);
  }, 180_000);
});
