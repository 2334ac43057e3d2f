import { readFileSync, writeFileSync } from 'node:fs';
import {
  CreateOrganizationalUnitCommand,
  DeletePolicyCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost, type BulkheadEvent, type IoHost } from '../../src/core/events.js';
import { APPLY_MARK_TAG, readApplyMark } from '../../src/providers/aws/apply-mark.js';
import { acquireLock, breakLockPolicy, readLock } from '../../src/providers/aws/lock.js';
import { readOrganizations } from '../../src/providers/aws/organizations/reader.js';
import { apply } from '../../src/toolkit/apply.js';
import { cloudWithTemplate } from './local-connection.js';

// An apply reads the organization once: the apply mark on the root (src/providers/aws/apply-mark.ts), read before the
// rest and again under the lock, tells it whether another apply changed anything in between. Each scenario below
// changes the organization between an apply's refresh and its lock: the apply must read it again, and find that
// what it planned is done.
/** The tags the startup template gives every OU: an OU made with them is just what the spec asks for. */
const TAGS = [
  { Key: 'managed-by', Value: 'bulkhead' },
  { Key: 'organization', Value: 'acme' },
];

describe('the apply mark', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  let original: string;
  let rootId: string;
  const org = () => env.connection.clients.organizations;
  const added: string[] = [];
  /** The spec with one more OU at the root (and those of the earlier tests). */
  const withOu = (name: string) => {
    added.push(name);
    const ous = added.map((n) => `  - name: ${n}\n`).join('');
    writeFileSync(env.file, original.replace('organizationalUnits:\n', `organizationalUnits:\n${ous}`));
  };
  const ousNamed = async (name: string) =>
    (
      (await org().send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }))).OrganizationalUnits ?? []
    ).filter((o) => o.Name === name).length;
  /** Confirms the apply after `meanwhile` ran: between its refresh and its lock. */
  const confirmingAfter = (meanwhile: () => Promise<void>, events: BulkheadEvent[] = []): IoHost => ({
    notify: (e) => void events.push(e),
    ask: async () => {
      await meanwhile();
      return true;
    },
  });
  const calls = (op: string) => env.connection.clients.calls.get(op) ?? 0;

  beforeAll(async () => {
    env = await cloudWithTemplate('startup');
    original = readFileSync(env.file, 'utf8');
    rootId = (await org().send(new ListRootsCommand({}))).Roots![0]!.Id!;
  });
  afterAll(async () => {
    await env.stop();
  });

  it('an apply nobody raced reads the organization once, and leaves its own mark', async () => {
    const before = await readApplyMark(org(), rootId);
    expect(before).toMatch(/^[0-9a-f-]{36}$/); // the template's first apply left one
    withOu('Quiet');
    const roots = calls('ListRoots');
    const io = new RecordingIoHost();
    const result = await apply({ file: env.file, connection: env.connection, io, yes: true });
    expect(result.failed).toEqual([]);
    expect(calls('ListRoots') - roots).toBe(1);
    const after = await readApplyMark(org(), rootId);
    expect(after).toMatch(/^[0-9a-f-]{36}$/);
    expect(after).not.toBe(before);
    const took = io.events.find(
      (e) => e.code === 'apply.lock' && 'message' in e && e.message.startsWith('took the apply lock'),
    );
    expect(took).toBeDefined();
  });

  it('another apply that ran between the refresh and the lock is seen, and its work not done twice', async () => {
    withOu('Raced');
    const events: BulkheadEvent[] = [];
    const meanwhile = async () => {
      const other = await apply({ file: env.file, connection: env.connection, io: new RecordingIoHost(), yes: true });
      expect(other.failed).toEqual([]);
    };
    const roots = calls('ListRoots');
    const result = await apply({ file: env.file, connection: env.connection, io: confirmingAfter(meanwhile, events) });
    expect(result.failed).toEqual([]);
    expect(await ousNamed('Raced')).toBe(1);
    // Its own refresh, the other apply's, and its second read under the lock.
    expect(calls('ListRoots') - roots).toBe(3);
    expect(
      events.some((e) => e.code === 'apply.lock' && 'message' in e && /moved on since the refresh/.test(e.message)),
    ).toBe(true);
  });

  it('a lock broken by unlock moves the mark: what its holder did before it died is read again', async () => {
    withOu('LeftByTheDead');
    const meanwhile = async () => {
      const dead = await acquireLock(org(), { holder: 'died-mid-apply' });
      await org().send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'LeftByTheDead', Tags: TAGS }));
      const marked = await readApplyMark(org(), rootId);
      expect((await breakLockPolicy(org(), dead.policyId)).status).toBe('broken');
      expect(await readApplyMark(org(), rootId)).toBe(`unlocked ${dead.holder.token}`);
      expect(marked).not.toBe(`unlocked ${dead.holder.token}`);
    };
    const events: BulkheadEvent[] = [];
    const roots = calls('ListRoots');
    const result = await apply({ file: env.file, connection: env.connection, io: confirmingAfter(meanwhile, events) });
    expect(result.failed).toEqual([]);
    expect(await ousNamed('LeftByTheDead')).toBe(1);
    // Its refresh, unlock's look at the root, and the second read under the lock: nothing of the plan was left.
    expect(calls('ListRoots') - roots).toBe(3);
    expect(
      events.some(
        (e) => e.code === 'apply.lock' && 'message' in e && /0 of its changes are still needed/.test(e.message),
      ),
    ).toBe(true);
  });

  it('an apply that waited for the lock reads everything again, mark or not', async () => {
    withOu('WhileWaiting');
    const meanwhile = async () => {
      const other = await acquireLock(org(), { holder: 'gone-without-a-mark' });
      await org().send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'WhileWaiting', Tags: TAGS }));
      // Deleted as a raw call would, without the mark a release writes.
      setTimeout(() => void org().send(new DeletePolicyCommand({ PolicyId: other.policyId })), 300);
    };
    const events: BulkheadEvent[] = [];
    const roots = calls('ListRoots');
    const result = await apply({
      file: env.file,
      connection: env.connection,
      io: confirmingAfter(meanwhile, events),
      lockTimeoutMs: 10_000,
    });
    expect(result.failed).toEqual([]);
    expect(await ousNamed('WhileWaiting')).toBe(1);
    expect(calls('ListRoots') - roots).toBe(2);
    expect(
      events.some(
        (e) => e.code === 'apply.lock' && 'message' in e && /0 of its changes are still needed/.test(e.message),
      ),
    ).toBe(true);
  });

  it('is read before anything else of the organization, so an apply that ends meanwhile cannot hide', async () => {
    const log: string[] = [];
    type Stack = { middlewareStack: { add(mw: unknown, o: { step: 'initialize'; name: string }): void } };
    (org() as unknown as Stack).middlewareStack.add(
      (next: (a: { input: { ResourceId?: string } }) => Promise<unknown>, context: { commandName: string }) =>
        async (args: { input: { ResourceId?: string } }) => {
          const what = `${context.commandName.replace(/Command$/, '')}${args.input.ResourceId === rootId ? ' root' : ''}`;
          log.push(`send ${what}`);
          const out = await next(args);
          log.push(`done ${what}`);
          return out;
        },
      { step: 'initialize', name: 'orderOfReads' },
    );
    try {
      await readOrganizations(org());
    } finally {
      (org() as unknown as { middlewareStack: { remove(n: string): void } }).middlewareStack.remove('orderOfReads');
    }
    const markRead = log.indexOf('done ListTagsForResource root');
    expect(markRead).toBeGreaterThan(0);
    const after = log.slice(markRead + 1).filter((l) => l.startsWith('send '));
    const before = log.slice(0, markRead).filter((l) => l.startsWith('send '));
    expect(before).toEqual(
      expect.arrayContaining(['send DescribeOrganization', 'send ListRoots', 'send ListTagsForResource root']),
    );
    expect(before.filter((l) => /ForParent|ListAccounts|ListPolicies/.test(l))).toEqual([]);
    expect(after).toContain('send ListOrganizationalUnitsForParent');
  });

  it('is a tag on the root that no kind manages: a no-change plan stays empty', async () => {
    const io = new RecordingIoHost();
    const result = await apply({ file: env.file, connection: env.connection, io, yes: true });
    expect(result.plan.changes).toEqual([]);
    expect(APPLY_MARK_TAG).toBe('bulkhead:last-apply');
  });
});

// A root that cannot take the mark (AWS allows 50 tags on it; a caller may lack organizations:TagResource) must not
// let an apply free the lock unmarked, nor keep a dead holder's lock in place for good.
describe('a root that refuses the apply mark', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  let rootId: string;
  const org = () => env.connection.clients.organizations;
  beforeAll(async () => {
    env = await cloudWithTemplate('startup');
    rootId = (await org().send(new ListRootsCommand({}))).Roots![0]!.Id!;
    await org().send(new UntagResourceCommand({ ResourceId: rootId, TagKeys: [APPLY_MARK_TAG] }));
    const full = Array.from({ length: 50 }, (_, i) => ({ Key: `team-${i}`, Value: 'x' }));
    await org().send(new TagResourceCommand({ ResourceId: rootId, Tags: full }));
  });
  afterAll(async () => {
    await env.stop();
  });

  it('keeps the lock after the apply, saying why and what to allow; unlock then breaks it and says so', async () => {
    writeFileSync(
      env.file,
      readFileSync(env.file, 'utf8').replace('organizationalUnits:\n', 'organizationalUnits:\n  - name: Full\n'),
    );
    const events: BulkheadEvent[] = [];
    const result = await apply({
      file: env.file,
      connection: env.connection,
      io: { notify: (e) => void events.push(e) },
      yes: true,
    });
    expect(result.failed).toEqual([]);
    expect(result.lockReleased).toBe(false);
    const failed = events.find((e) => e.code === 'apply.lock-release-failed');
    expect(failed && 'message' in failed && failed.message).toMatch(/apply mark .*bulkhead:last-apply/);
    expect(JSON.stringify(failed)).toMatch(/organizations:TagResource on the root/);
    const held = await readLock(org());
    expect(held).toBeDefined();

    const outcome = await breakLockPolicy(org(), held!.policyId);
    expect(outcome.status).toBe('broken');
    expect(outcome.status === 'broken' && outcome.unmarked).toMatch(/MAX_TAG_LIMIT_EXCEEDED|maximum number of tags/i);
    expect(await readLock(org())).toBeUndefined();
  });
});
