import { organizationTree } from '../../src/model/observed.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListCreateAccountStatusCommand, ListPoliciesCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { formatTarget } from '../../src/model/organization.js';
import type { ObservedOrg } from '../../src/model/observed.js';
import { refreshOrganization } from '../../src/providers/aws/organizations/reader.js';
import { connect, type Connection } from '../../src/toolkit/connect.js';
import { init } from '../../src/toolkit/init.js';
import { plan } from '../../src/toolkit/plan.js';
import { ensureBuilt, killChild, killPid, runBuiltCli, spawnBuiltCli } from '../support/e2e/built-cli.js';
import { addTeamAccounts } from '../support/e2e/crash-org.js';
import type { ChildProcess } from 'node:child_process';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitForOutput(output: () => string, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${String(pattern)}; output so far:\n${output().slice(-2000)}`);
    await sleep(10);
  }
}

// The local cloud runs as its own process (as `bulkhead local start --detach` does for users), so
// killing an apply leaves it, and the CreateAccount requests in flight, running. CreateAccount
// takes 1.5 s (the default 3 s at --time-scale 0.5); 20 accounts make four waves of five.
describe('apply killed with SIGKILL, then run again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-crash-'));
  const cloudDir = join(dir, 'cloud');
  const file = join(dir, 'org.yaml');
  const children: ChildProcess[] = [];
  let daemonPid: number | undefined;
  let connection: Connection | undefined;

  beforeAll(async () => {
    ensureBuilt();
    init({ template: 'growth', file });
    addTeamAccounts(file, 10);
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
  }, 180_000);

  afterAll(async () => {
    for (const child of children) await killChild(child);
    await connection?.close();
    runBuiltCli(['local', 'stop', '--data', cloudDir], 20_000);
    if (daemonPid !== undefined) killPid(daemonPid);
  });

  it('converges with no duplicate account, nothing orphaned and an empty plan', async () => {
    const org = connection!.clients.organizations;
    const apply = ['apply', '--yes', '--json', '--data', cloudDir, '-f', file];
    const killedAt: ObservedOrg[] = [];
    for (const [i, delayMs] of [300, 1000, 2000].entries()) {
      const run = spawnBuiltCli(apply);
      children.push(run.child);
      // Count from the first account creation of this run, so that every kill lands mid-creation.
      await waitForOutput(run.output, /"changeId":"account:[^"]*","address":\{"kind":"account"/, 30_000);
      await sleep(delayMs);
      expect(run.child.exitCode, `run ${i + 1} ended before it was killed:\n${run.output().slice(-2000)}`).toBeNull();
      await killChild(run.child, 'SIGKILL');
      expect(run.child.signalCode).toBe('SIGKILL');
      killedAt.push(await refreshOrganization(org));

      // Every run held the apply lock (the first took it right after CreateOrganization); a killed
      // apply cannot release it, so the next one refuses until `bulkhead unlock`.
      const refused = runBuiltCli(apply);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/the organization is locked by .*\(pid \d+\)/);
      const unlocked = runBuiltCli(['unlock', '--yes', '--data', cloudDir]);
      expect(unlocked.status, unlocked.stderr).toBe(0);
      expect(unlocked.stdout).toMatch(/unlocked/);
    }
    // The first kill came while CreateAccount requests were in flight: the next run resumed them.
    expect(killedAt[0]!.pendingCreates.length).toBeGreaterThan(0);
    // Every kill left accounts still to create.
    for (const o of killedAt) expect(o.accounts.length).toBeLessThan(21);

    const last = runBuiltCli(apply, 60_000);
    expect(last.status, last.stderr).toBe(0);

    const {
      plan: final,
      model,
      observed: state,
    } = await plan({ file, connection: connection!, io: new RecordingIoHost() });
    const observed = organizationTree(state);
    expect(final.changes).toEqual([]);
    expect(final.problems).toEqual([]);

    const pathOf = (id: string) =>
      id === observed.root!.id ? null : observed.organizationalUnits.find((o) => o.id === id)?.path;
    const management = observed.organization!.managementAccountId;
    const members = observed.accounts.filter((a) => a.id !== management);
    // Each spec account exactly once (by email), in its OU; no account the spec does not name.
    expect(members.map((a) => a.email).sort()).toEqual([...model.accounts.values()].map((a) => a.email).sort());
    for (const a of model.accounts.values())
      expect(pathOf(members.find((m) => m.email === a.email)!.parentId), a.name).toBe(a.ouPath);
    // One CreateAccount per account ever succeeded, none failed (a repeat would fail EMAIL_ALREADY_EXISTS).
    const states = async (state: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS') =>
      (await org.send(new ListCreateAccountStatusCommand({ States: [state] }))).CreateAccountStatuses ?? [];
    expect((await states('SUCCEEDED')).length).toBe(model.accounts.size);
    expect(await states('FAILED')).toEqual([]);
    expect(await states('IN_PROGRESS')).toEqual([]);
    // No orphaned OU, every SCP once, attached once to each of its targets, and no lock left behind.
    expect(observed.organizationalUnits.map((o) => o.path).sort()).toEqual(
      [...model.organizationalUnits.keys()].sort(),
    );
    const listed = (await org.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' })))
      .Policies!.map((p) => p.Name)
      .sort();
    expect(listed).toEqual(['FullAWSAccess', ...model.serviceControlPolicies.keys()].sort());
    for (const scp of model.serviceControlPolicies.values()) {
      const targets = observed.policies
        .find((p) => p.name === scp.name)!
        .targetIds.map((id) => pathOf(id) ?? 'root')
        .map((p) => (p === 'root' ? p : `ou:${p}`));
      expect(targets.sort(), scp.name).toEqual(scp.targets.map(formatTarget).sort());
    }
  }, 120_000);
});
