import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { BulkheadError } from '../../src/core/errors.js';
import { acquireLock } from '../../src/providers/aws/lock.js';
import { applyWithLock, currentLock, unlock } from '../../src/toolkit/lock.js';
import { plan } from '../../src/toolkit/plan.js';
import { cloudWithTemplate } from './local-connection.js';

describe('the apply lock', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  let file: string;
  let edits = 0;
  // A no-change apply takes no lock: each test first gives the spec something to change.
  const bump = () =>
    writeFileSync(file, readFileSync(file, 'utf8').replace(/cost-center: prod(-\d+)?/, `cost-center: prod-${++edits}`));
  beforeAll(async () => {
    env = await cloudWithTemplate('startup');
    file = env.file;
  });
  afterAll(async () => {
    await env.stop();
  });

  it('a second apply fails fast, naming who holds the lock since when', async () => {
    bump();
    const held = await acquireLock(env.connection.clients.organizations, { holder: 'ci-runner-7' });
    try {
      const err = await applyWithLock({ file, connection: env.connection, io: new RecordingIoHost() }).catch(
        (e: unknown) => e,
      );
      expect(BulkheadError.is(err)).toBe(true);
      expect((err as BulkheadError).code).toBe('locked');
      expect((err as Error).message).toMatch(/locked by ci-runner-7 since \d{4}-\d\d-\d\dT/);
    } finally {
      await held.release();
    }
    expect(await currentLock(env.connection)).toBeNull();
  });

  it('two applies at once: exactly one takes the lock', async () => {
    bump();
    // Both are confirmed once both have planned, so that both ask for the lock at the same moment.
    let asked = 0;
    let both!: () => void;
    const together = new Promise<void>((resolve) => (both = resolve));
    const io = () => ({
      notify() {},
      ask: async () => {
        if (++asked === 2) both();
        await together;
        return true;
      },
    });
    const results = await Promise.allSettled([
      applyWithLock({ file, connection: env.connection, io: io(), holder: 'a' }),
      applyWithLock({ file, connection: env.connection, io: io(), holder: 'b' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as BulkheadError).code).toBe('locked');
  });

  it('waits with a lock timeout, and unlock removes a stale lock', async () => {
    bump();
    const held = await acquireLock(env.connection.clients.organizations, { holder: 'crashed-run' });
    setTimeout(() => void held.release(), 300);
    const r = await applyWithLock({
      file,
      connection: env.connection,
      io: new RecordingIoHost(),
      lockTimeoutMs: 5_000,
    });
    expect(r.failed).toEqual([]);

    await acquireLock(env.connection.clients.organizations, { holder: 'died-without-release' });
    expect((await currentLock(env.connection))?.holder).toBe('died-without-release');
    // The lock is not part of the organization's state: a plan does not see it.
    expect((await plan({ file, connection: env.connection, io: new RecordingIoHost() })).plan.changes).toEqual([]);
    expect((await unlock(env.connection, new RecordingIoHost()))?.holder).toBe('died-without-release');
    expect(await currentLock(env.connection)).toBeNull();
  });
});
