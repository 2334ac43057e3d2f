import { describe, expect, it } from 'vitest';
import { addressText } from '../../src/model/kinds.js';
import type { Ref } from '../../src/model/payloads.js';
import type { Change } from '../../src/plan/types.js';
import { ChangeFailedError } from '../../src/providers/aws/organizations/common.js';
import { awaitsOf } from '../../src/toolkit/apply-awaits.js';

// An account's creation awaits its OU only for the final move: the wait ends when the OU's change
// does, whichever way it ends, and never outlives a cancelled apply.
const ou = { id: 'ou:Workloads', kind: 'organizational-unit', key: 'Workloads', dependsOn: [] } as unknown as Change;
const account = {
  id: 'account:dev@example.com',
  kind: 'account',
  key: 'dev@example.com',
  dependsOn: [],
  awaits: [ou.id],
} as unknown as Change;
const ref: Ref = { address: { kind: 'organizational-unit', key: 'Workloads' } };

function setup() {
  const outputs = new Map<string, string>();
  const resolve = (r: Ref) => {
    const id = r.id ?? outputs.get(addressText(r.address));
    if (!id) throw new Error(`no physical id for ${addressText(r.address)}`);
    return id;
  };
  const controller = new AbortController();
  return { outputs, controller, awaits: awaitsOf([ou, account], resolve, controller.signal) };
}
const settledSoon = <T>(p: Promise<T>) =>
  Promise.race([
    p.then(
      () => 'settled',
      () => 'settled',
    ),
    new Promise((r) => setTimeout(() => r('pending'), 20)),
  ]);

describe('awaits', () => {
  it('waits for the awaited change to be done, then gives its physical id', async () => {
    const { outputs, awaits } = setup();
    awaits.observe({ type: 'start', id: ou.id, attempt: 1 });
    const waiting = awaits.wait(account, ref);
    expect(await settledSoon(waiting)).toBe('pending');
    outputs.set('organizational-unit:Workloads', 'ou-abcd-12345678');
    awaits.observe({ type: 'done', id: ou.id, elapsedMs: 5 });
    await expect(waiting).resolves.toBe('ou-abcd-12345678');
    // Once done, later waits answer at once.
    await expect(awaits.wait(account, ref)).resolves.toBe('ou-abcd-12345678');
  });

  it('fails the awaiting change, naming what it waited for, when the awaited one fails or is skipped', async () => {
    for (const end of [
      { type: 'failed', id: ou.id, elapsedMs: 1, error: new Error('boom') },
      { type: 'skipped', id: ou.id, because: 'ou:Parent failed' },
    ] as const) {
      const { awaits } = setup();
      const waiting = awaits.wait(account, ref);
      awaits.observe(end);
      const err = await waiting.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChangeFailedError);
      expect((err as ChangeFailedError).changeId).toBe(account.id);
      expect((err as ChangeFailedError).message).toContain('organizational-unit:Workloads');
    }
  });

  it('stops waiting when the apply is cancelled before the awaited change started', async () => {
    const { controller, awaits } = setup();
    const waiting = awaits.wait(account, ref);
    controller.abort(new Error('cancelled by the user'));
    await expect(waiting).rejects.toThrow('cancelled by the user');
    await expect(awaits.wait(account, ref)).rejects.toThrow('cancelled by the user');
  });

  it('keeps waiting for an awaited change already running when the apply is cancelled (it finishes)', async () => {
    const { outputs, controller, awaits } = setup();
    awaits.observe({ type: 'start', id: ou.id, attempt: 1 });
    const waiting = awaits.wait(account, ref);
    controller.abort(new Error('cancelled'));
    expect(await settledSoon(waiting)).toBe('pending');
    outputs.set('organizational-unit:Workloads', 'ou-abcd-87654321');
    awaits.observe({ type: 'done', id: ou.id, elapsedMs: 5 });
    await expect(waiting).resolves.toBe('ou-abcd-87654321');
  });

  it('stops waiting when the apply is cancelled while the awaited change waits to retry (the walk leaves it)', async () => {
    // The walker drops a change cancelled during its retry pause without an event: waiting on would never end.
    const { controller, awaits } = setup();
    awaits.observe({ type: 'start', id: ou.id, attempt: 1 });
    const waiting = awaits.wait(account, ref);
    awaits.observe({ type: 'retry', id: ou.id, attempt: 1, delayMs: 500, error: new Error('ConcurrentModification') });
    controller.abort(new Error('cancelled by the user'));
    await expect(waiting).rejects.toThrow('cancelled by the user');
  });

  it('resolves a ref that is not awaited (known at plan time, or outside this walk) at once', async () => {
    const { awaits } = setup();
    await expect(awaits.wait(account, { ...ref, id: 'ou-known-00000000' })).resolves.toBe('ou-known-00000000');
    const other = { address: { kind: 'organizational-unit' as const, key: 'Elsewhere' } };
    await expect(awaits.wait(account, other)).rejects.toThrow('no physical id for organizational-unit:Elsewhere');
  });
});
