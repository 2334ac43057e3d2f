import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkheadError } from '../../src/core/errors.js';
import { RecordingIoHost, type BulkheadEvent } from '../../src/core/events.js';
import { init } from '../../src/toolkit/init.js';
import { apply } from '../../src/toolkit/apply.js';
import { currentLock } from '../../src/toolkit/lock.js';
import { plan, writePlanFile } from '../../src/toolkit/plan.js';
import { cloudWithTemplate, freshLocalCloud, type LocalEnv } from './local-connection.js';

const WRITES = /^(Create|Update|Delete|Tag|Untag|Attach|Detach|Move|Enable|Disable|Close)/;
const writes = (calls: Map<string, number>) => [...calls].filter(([op, n]) => WRITES.test(op) && n > 0);
const changeEvents = (events: BulkheadEvent[]) => events.flatMap((e) => (e.type === 'change' ? [e.data] : []));

describe('apply is safe under interruption and concurrency', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  async function fresh(options: Parameters<typeof freshLocalCloud>[0] = {}): Promise<LocalEnv & { file: string }> {
    const env = await freshLocalCloud(options);
    stops.push(async () => {
      await env.connection.close();
      await env.cloud.close();
    });
    const file = join(env.dir, 'org.yaml');
    init({ template: 'startup', file });
    return { ...env, file };
  }

  it('a no-change apply sends no write and takes no lock', async () => {
    const env = await cloudWithTemplate('startup');
    stops.push(() => env.stop());
    env.connection.clients.calls.clear();
    const r = await apply({ yes: true, file: env.file, connection: env.connection, io: new RecordingIoHost() });
    expect(r.plan.changes).toEqual([]);
    expect(writes(env.connection.clients.calls)).toEqual([]);
  });

  it('without an organization, a declined apply sends nothing but reads', async () => {
    const env = await fresh();
    const io = new RecordingIoHost(() => false);
    const err = await apply({ file: env.file, connection: env.connection, io }).catch((e: unknown) => e);
    expect((err as BulkheadError).code).toBe('apply-cancelled');
    expect(io.questions.map((q) => q.code)).toEqual(['apply.confirm']);
    expect(writes(env.connection.clients.calls)).toEqual([]);
  });

  it('the first apply locks right after CreateOrganization: a second one started with it is refused', async () => {
    const env = await fresh();
    const ios = [new RecordingIoHost(), new RecordingIoHost()];
    const results = await Promise.allSettled(
      ios.map((io, i) =>
        apply({
          yes: true,
          file: env.file,
          connection: env.connection,
          io,
          holder: `apply-${i}`,
          pollDelayMs: () => 20,
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(refused.map((r) => (r.reason as BulkheadError).code)).toEqual(['locked']);
    expect((ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof apply>>>).value.failed).toEqual([]);
    // The winner took the lock before any change other than the organization itself.
    const winner = ios[results.indexOf(ok[0]!)]!;
    const lockAt = winner.events.findIndex((e) => e.code === 'apply.lock');
    const firstOther = winner.events.findIndex((e) => e.type === 'change' && e.data.address.kind !== 'organization');
    expect(lockAt).toBeGreaterThan(-1);
    expect(lockAt).toBeLessThan(firstOther);
    expect(await currentLock(env.connection)).toBeNull();
    expect(
      (await plan({ file: env.file, connection: env.connection, io: new RecordingIoHost() })).plan.changes,
    ).toEqual([]);
  });

  it('cancelled mid-apply: nothing new starts, the lock is released, the result says what was not done', async () => {
    const env = await fresh({ fast: false, timeScale: 0.34 });
    const controller = new AbortController();
    const io = new RecordingIoHost();
    const notify = io.notify.bind(io);
    io.notify = (e) => {
      notify(e);
      if (e.type === 'change' && e.data.address.kind === 'account' && e.data.state === 'start') controller.abort();
    };
    const r = await apply({
      yes: true,
      file: env.file,
      connection: env.connection,
      io,
      signal: controller.signal,
    });
    expect(r.cancelled).toBe(true);
    expect(r.lockReleased).toBe(true);
    expect(r.notStarted.length).toBeGreaterThan(0);
    expect(r.done.length + r.failed.length + r.notStarted.length + r.skipped.length).toBe(r.plan.changes.length);
    expect(
      changeEvents(io.events)
        .filter((d) => d.state === 'not-started')
        .map((d) => d.changeId)
        .sort(),
    ).toEqual([...r.notStarted].sort());
    expect(await currentLock(env.connection)).toBeNull();
    // A re-run finishes the job: account requests left running are resumed, nothing is duplicated.
    const again = await apply({ yes: true, file: env.file, connection: env.connection, io: new RecordingIoHost() });
    expect(again.failed).toEqual([]);
    const after = await plan({ file: env.file, connection: env.connection, io: new RecordingIoHost() });
    expect(after.plan.changes).toEqual([]);
    const emails = after.observed.account.map((a) => a.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
  }, 60_000);

  it('throttling is retried by the SDK alone and shown against the change it delays', async () => {
    const env = await fresh({ faults: 'throttle=0.3,seed=11' });
    const io = new RecordingIoHost();
    const r = await apply({ yes: true, file: env.file, connection: env.connection, io, pollDelayMs: () => 20 });
    expect(r.failed).toEqual([]);
    const retries = changeEvents(io.events).filter((d) => d.state === 'retrying');
    expect(retries.length).toBeGreaterThan(0);
    for (const d of retries)
      expect(d.detail).toMatch(/: (ThrottlingException|TooManyRequestsException|Throttling), retrying in /);
  }, 60_000);

  it('an account entry that is the management account converges and stays in the root', async () => {
    const env = await cloudWithTemplate('startup');
    stops.push(() => env.stop());
    const text = readFileSync(env.file, 'utf8');
    const before = await plan({ file: env.file, connection: env.connection, io: new RecordingIoHost() });
    const mgmtId = before.observed.organization[0]!.managementAccountId;
    const mgmt = before.observed.account.find((a) => a.id === mgmtId)!;
    // Adopted by id: the entry is the management account itself.
    const entry = `  - name: ${mgmt.name}\n    email: ${mgmt.email}\n    id: "${mgmtId}"\n    environment: prod\n    tags: {cost-center: billing}\n`;
    writeFileSync(env.file, text.replace(/^accounts:\n/m, `accounts:\n${entry}`));
    const io = new RecordingIoHost();
    const first = await apply({ yes: true, file: env.file, connection: env.connection, io });
    expect(first.failed).toEqual([]);
    expect(first.plan.changes.map((c) => `${c.action} ${c.label}`)).toEqual([`update ${mgmt.name}`]);
    const again = await plan({ file: env.file, connection: env.connection, io });
    expect(again.plan.changes).toEqual([]);
    const management = again.observed.organization[0]!.managementAccountId;
    const rootId = again.observed.organization[0]!.root.id;
    expect(again.observed.account.find((a) => a.id === management)!.parentId).toBe(rootId);
  });

  it('an account dropped from the spec is said to stay, not silently left', async () => {
    const env = await cloudWithTemplate('startup');
    stops.push(() => env.stop());
    const text = readFileSync(env.file, 'utf8');
    writeFileSync(
      env.file,
      text.replace(/ {2}- name: acme-sandbox-alice\n( {4}.*\n)+/, '').replace(/^ +- acme-sandbox-alice\n/m, ''),
    );
    const r = await plan({ file: env.file, connection: env.connection, io: new RecordingIoHost() });
    const note = r.plan.notes.find((n) => n.code === 'N-ACCOUNT-UNMANAGED');
    expect(note?.message).toMatch(/"acme-sandbox-alice" .* stays ACTIVE in Sandbox/);
  });

  it('a saved plan made from another version of the spec is refused', async () => {
    const env = await cloudWithTemplate('startup');
    stops.push(() => env.stop());
    const text = readFileSync(env.file, 'utf8');
    writeFileSync(env.file, text.replace('cost-center: prod', 'cost-center: prod-2'));
    const saved = join(env.dir, 'plan.json');
    const made = await plan({ file: env.file, connection: env.connection, io: new RecordingIoHost() });
    writePlanFile(saved, made.plan);
    writeFileSync(env.file, text.replace('cost-center: prod', 'cost-center: prod-3'));
    env.connection.clients.calls.clear();
    const io = new RecordingIoHost();
    const err = await apply({ yes: true, file: env.file, planFile: saved, connection: env.connection, io }).catch(
      (e: unknown) => e,
    );
    expect((err as BulkheadError).code).toBe('plan-spec-changed');
    expect(writes(env.connection.clients.calls)).toEqual([]);
  });

  it('a saved plan applied to another organization is refused as the wrong target', async () => {
    const a = await cloudWithTemplate('startup');
    stops.push(() => a.stop());
    const first = await plan({ file: a.file, connection: a.connection, io: new RecordingIoHost() });
    const mgmtId = first.observed.organization[0]!.managementAccountId;
    const text = readFileSync(a.file, 'utf8').replace(/(managementAccount:\n)/, `$1    id: "${mgmtId}"\n`);
    writeFileSync(a.file, text.replace('cost-center: prod', 'cost-center: prod-2'));
    const saved = join(a.dir, 'plan.json');
    writePlanFile(saved, (await plan({ file: a.file, connection: a.connection, io: new RecordingIoHost() })).plan);
    const b = await fresh();
    const err = await apply({
      yes: true,
      file: a.file,
      planFile: saved,
      connection: b.connection,
      io: new RecordingIoHost(),
    }).catch((e: unknown) => e);
    expect((err as BulkheadError).code).toMatch(/^target-wrong-(account|organization)$/);
    expect(writes(b.connection.clients.calls)).toEqual([]);
  });
});
