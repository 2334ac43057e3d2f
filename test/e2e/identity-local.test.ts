import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { apply } from '../../src/toolkit/apply.js';
import { plan } from '../../src/toolkit/plan.js';
import { refresh } from '../../src/toolkit/refresh.js';
import { writeIdentitySpec } from '../support/e2e/identity-spec.js';
import { freshLocalCloud, type LocalEnv } from './local-connection.js';

const run = (env: LocalEnv, file: string, extra: { allowDestroy?: boolean } = {}) =>
  apply({ yes: true, file, connection: env.connection, io: new RecordingIoHost(), pollDelayMs: () => 20, ...extra });

describe('identity: plan and apply against the local cloud', () => {
  let env: LocalEnv;
  let file: string;
  beforeAll(async () => {
    env = await freshLocalCloud();
    file = join(env.dir, 'org.yaml');
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('creates users, groups, permission sets and the grid, then plans no changes', async () => {
    writeIdentitySpec(file, { devAccounts: 6 });
    const applied = await run(env, file);
    expect(applied.failed).toEqual([]);
    expect(applied.skipped).toEqual([]);
    const io = new RecordingIoHost();
    const observed = await refresh(env.connection, io, { identity: true, homeRegion: 'us-east-1' });
    // 6 dev accounts × (Developers/Developer + Auditors/Auditor) + prod ReadOnly + alice's sandbox.
    expect(observed['account-assignment'].length).toBe(14);
    expect(observed['sso-group-membership'].map((m) => `${m.groupName}/${m.userName}`).sort()).toEqual([
      'Auditors/bob',
      'Developers/alice',
      'Developers/bob',
    ]);
    const said = io.events.find((e) => e.code === 'refresh.assignments');
    expect((said as { data?: unknown } | undefined)?.data).toMatchObject({
      perPrincipal: 4,
      perAccountAndPermissionSet: 14,
      chosen: 'per-principal',
    });
    const again = await plan({ file, connection: env.connection, io });
    expect(again.plan.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([]);
  });

  it('re-provisions a changed permission set to every account that has it', async () => {
    writeIdentitySpec(file, {
      devAccounts: 6,
      inlineAction: 's3:GetObject',
      developerManaged: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
    });
    const planned = await plan({ file, connection: env.connection, io: new RecordingIoHost() });
    const update = planned.plan.changes.find((c) => c.kind === 'permission-set')!;
    expect(update.action).toBe('update');
    expect(update.properties.map((p) => p.name)).toEqual(['managedPolicies', 'inlinePolicy', 're-provision']);
    expect(update.properties[2]!.after).toBe('7 accounts');
    const applied = await run(env, file);
    expect(applied.failed).toEqual([]);
    const after = await refresh(env.connection, new RecordingIoHost());
    const dev = after['permission-set'].find((p) => p.name === 'Developer')!;
    expect(JSON.parse(dev.inlinePolicy!).Statement[0].Action).toEqual(['s3:GetObject']);
    expect(dev.managedPolicies).toEqual(['job-function/ViewOnlyAccess']);
    expect((await plan({ file, connection: env.connection, io: new RecordingIoHost() })).plan.changes).toEqual([]);
  });

  it('losing access to prod is destructive: refused without --allow-destroy, done with it', async () => {
    writeIdentitySpec(file, {
      devAccounts: 6,
      inlineAction: 's3:GetObject',
      developerManaged: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
      prodReadOnly: false,
    });
    const planned = await plan({ file, connection: env.connection, io: new RecordingIoHost() });
    expect(planned.plan.changes.map((c) => [c.action, c.kind, c.destructive])).toEqual([
      ['delete', 'account-assignment', true],
    ]);
    await expect(run(env, file)).rejects.toThrow(
      /destructive change: delete ReadOnly for group Developers in acme-prod/,
    );
    const applied = await run(env, file, { allowDestroy: true });
    expect(applied.failed).toEqual([]);
    expect((await plan({ file, connection: env.connection, io: new RecordingIoHost() })).plan.changes).toEqual([]);
  });
});

describe('identity: an assignment AWS refuses', () => {
  let env: LocalEnv;
  let file: string;
  beforeAll(async () => {
    env = await freshLocalCloud();
    file = join(env.dir, 'org.yaml');
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('fails that branch with account, principal, permission set and the reason; the rest is applied; a re-run retries it', async () => {
    writeIdentitySpec(file, { missingCustomerPolicy: true });
    const applied = await run(env, file);
    expect(applied.failed.map((f) => f.id).sort()).toEqual([
      'assignment:aws+acme-dev-1@example.com/GROUP:Auditors/Auditor',
      'assignment:aws+acme-dev-2@example.com/GROUP:Auditors/Auditor',
    ]);
    const failure = applied.failed[0]!;
    expect(failure.code).toBe('AssignmentFailed');
    expect(failure.message).toMatch(
      /permission set Auditor for group Auditors in account acme-dev-\d \(\d{12}\) failed: /,
    );
    expect(failure.message).toMatch(/not-in-any-account does not exist/);
    const assignments = applied.plan.changes.filter((c) => c.kind === 'account-assignment').length;
    expect(applied.done.filter((id) => id.startsWith('assignment:')).length).toBe(assignments - 2);

    const again = await plan({ file, connection: env.connection, io: new RecordingIoHost() });
    const retried = again.plan.changes.filter((c) => c.kind === 'account-assignment');
    expect(retried.map((c) => c.id).sort()).toEqual(applied.failed.map((f) => f.id).sort());
    const reason = retried[0]!.properties.find((p) => p.name === 'last attempt failed');
    expect(String(reason?.after)).toMatch(/not-in-any-account does not exist/);

    writeIdentitySpec(file);
    const fixed = await run(env, file);
    expect(fixed.failed).toEqual([]);
    expect((await plan({ file, connection: env.connection, io: new RecordingIoHost() })).plan.changes).toEqual([]);
  });
});
