import type { Target } from '../../src/providers/aws/target.js';
import {
  CreateOrganizationCommand,
  UpdatePolicyCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../src/local-cloud/index.js';
import { createClients } from '../../src/providers/aws/clients.js';
import { encodeHolder } from '../../src/providers/aws/lock-holder.js';
import { acquireLock, breakLock, lockHolderState, readLock, type HeldLock } from '../../src/providers/aws/lock.js';
import { freshLocalCloud, type LocalEnv } from './local-connection.js';

type Stack = {
  middlewareStack: { add(mw: unknown, options: { step: 'deserialize'; name: string; priority: 'high' }): void };
};

/** Counts every failed attempt the client sees, by error name. */
function countFailures(org: OrganizationsClient): Map<string, number> {
  const failures = new Map<string, number>();
  (org as unknown as Stack).middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
      try {
        return await next(args);
      } catch (err) {
        const name = (err as { name?: string }).name ?? 'unknown';
        failures.set(name, (failures.get(name) ?? 0) + 1);
        throw err;
      }
    },
    { step: 'deserialize', name: 'countFailures', priority: 'high' },
  );
  return failures;
}

/** For setting up under faults: the test's own calls retry until they get through. */
async function persist<T>(call: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await call();
    } catch (err) {
      if (i >= 30) throw err;
    }
  }
}

describe('releasing the apply lock against the local cloud', () => {
  let env: LocalEnv;
  beforeAll(async () => {
    env = await freshLocalCloud();
    await env.connection.clients.organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('after someone broke the lock and another apply took it, the old holder leaves the new lock alone', async () => {
    const org = env.connection.clients.organizations;
    const first = await acquireLock(org, { holder: 'first' });
    expect((await breakLock(org))?.holder).toBe('first');
    const second = await acquireLock(org, { holder: 'second' });

    const outcome = await first.release();
    expect(outcome.status).toBe('lost');
    expect(outcome.status === 'lost' && outcome.current?.holder).toBe('second');
    expect((await readLock(org))?.policyId).toBe(second.policyId);

    expect((await second.release()).status).toBe('released');
    expect(await readLock(org)).toBeUndefined();
  });

  it('a lock whose description now carries another token is not deleted', async () => {
    const org = env.connection.clients.organizations;
    const held = await acquireLock(org, { holder: 'first' });
    const retaken = encodeHolder({ ...held.holder, holder: 'second', token: 'not-the-first-token' });
    await org.send(new UpdatePolicyCommand({ PolicyId: held.policyId, Description: retaken }));

    expect((await held.release()).status).toBe('lost');
    expect((await readLock(org))?.holder?.holder).toBe('second');
    await breakLock(org);
  });

  it('records host, pid, process start and command, and answers a second release with the first outcome', async () => {
    const org = env.connection.clients.organizations;
    const held = await acquireLock(org, { command: 'bulkhead apply org.yaml' });
    const stored = (await readLock(org))?.holder;
    expect(stored).toEqual(held.holder);
    expect(stored).toMatchObject({ pid: process.pid, command: 'bulkhead apply org.yaml' });
    expect(stored?.holder).toMatch(/@.+ \(pid \d+\)$/);
    expect(lockHolderState(stored)).toBe('this-process');
    const [a, b] = await Promise.all([held.release(), held.release()]);
    expect(a).toEqual({ status: 'released', attempts: 1 });
    expect(b).toBe(a);
  });
});

describe('releasing through injected faults', () => {
  let env: LocalEnv;
  let org: OrganizationsClient;
  let destroy: () => void;
  beforeAll(async () => {
    // Half the requests are throttled, from a seeded generator so that every run sees the same draws.
    env = await freshLocalCloud({ faults: 'throttle=0.5,seed=11' });
    // One SDK attempt per call, so that every injected fault reaches the release loop.
    const clients = createClients(env.connection.target, { maxAttempts: 1 });
    org = clients.organizations;
    destroy = () => clients.destroy();
    await persist(() => org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' })));
  });
  afterAll(async () => {
    destroy();
    await env.connection.close();
    await env.cloud.close();
  });

  it('retries until the lock is released, every time', async () => {
    const failures = countFailures(org);
    let tries = 0;
    for (let round = 0; round < 5; round++) {
      const held: HeldLock = await persist(() => acquireLock(org, { holder: `under-faults-${round}` }));
      failures.clear();
      // Each try needs two or three calls through (the mark once, then the read and the delete): at 50%, 30 tries.
      const outcome = await held.release({ attempts: 30, sleep: () => Promise.resolve() });
      expect(outcome.status).toBe('released');
      // Every try but the last met a fault.
      expect(failures.get('TooManyRequestsException') ?? 0).toBeGreaterThanOrEqual(outcome.attempts - 1);
      tries += outcome.attempts;
      expect(await persist(() => readLock(org))).toBeUndefined();
    }
    expect(tries).toBeGreaterThan(5);
  });
});

describe('releasing when the endpoint is gone', () => {
  it('reports a typed failure naming bulkhead unlock, and the lock stays for unlock to find', async () => {
    const env = await freshLocalCloud();
    const clients = createClients(env.connection.target, { maxAttempts: 1 });
    try {
      await clients.organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
      const held = await acquireLock(clients.organizations, { holder: 'lost-endpoint' });
      await env.cloud.close();

      const started = Date.now();
      const outcome = await held.release({ attempts: 3, baseDelayMs: 20, deadlineMs: 10_000 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(outcome.status).toBe('failed');
      if (outcome.status !== 'failed') return;
      expect(outcome.attempts).toBe(3);
      expect(outcome.error.code).toBe('lock-release-failed');
      expect(outcome.error.message).toContain(`policy ${held.policyId}, held by lost-endpoint`);
      expect(outcome.error.hint).toMatch(/run `bulkhead unlock`/);

      // The same data folder, started again: the lock is still there.
      const again = await startLocalCloud({ dataDir: env.cloud.dataDir, port: 0, fast: true });
      const later = createClients({ ...env.connection.target, endpoint: again.endpoint } as Target);
      try {
        expect((await readLock(later.organizations))?.holder?.token).toBe(held.holder.token);
      } finally {
        later.destroy();
        await again.close();
      }
    } finally {
      clients.destroy();
      await env.connection.close();
      await env.cloud.close();
    }
  });

  it('gives up at the deadline even while the SDK keeps retrying', async () => {
    const env = await freshLocalCloud();
    try {
      const org = env.connection.clients.organizations;
      await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
      const held = await acquireLock(org, { holder: 'lost-endpoint' });
      await env.cloud.close();
      const started = Date.now();
      const outcome = await held.release({ deadlineMs: 1_500 });
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(outcome.status).toBe('failed');
    } finally {
      await env.connection.close();
      await env.cloud.close();
    }
  });
});
