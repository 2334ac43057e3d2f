import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { apply } from '../../src/toolkit/apply.js';
import { init } from '../../src/toolkit/init.js';
import { plan } from '../../src/toolkit/plan.js';
import { addTeamAccounts } from '../support/e2e/crash-org.js';
import { freshLocalCloud } from './local-connection.js';

type Stack = {
  middlewareStack: { add(mw: unknown, options: { step: 'deserialize'; name: string; priority: 'high' }): void };
};

// One request in five is throttled and one in fifty answers 500, from a seeded generator so that
// every run sees the same faults. The SDK's retries and the walker's absorb them all.
describe('apply against a local cloud that throttles and fails', () => {
  let env: Awaited<ReturnType<typeof freshLocalCloud>>;
  let file: string;
  const faults = new Map<string, number>();

  beforeAll(async () => {
    env = await freshLocalCloud({ faults: 'throttle=0.2,error5xx=0.02,seed=7' });
    file = join(env.dir, 'org.yaml');
    init({ template: 'growth', file });
    addTeamAccounts(file, 30);
    // The deserialize step runs once per attempt, inside the SDK's retry loop: it sees every fault.
    (env.connection.clients.organizations as unknown as Stack).middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
        try {
          return await next(args);
        } catch (err) {
          const name = (err as { name?: string }).name ?? 'unknown';
          faults.set(name, (faults.get(name) ?? 0) + 1);
          throw err;
        }
      },
      { step: 'deserialize', name: 'countFaults', priority: 'high' },
    );
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('creates 40 accounts with no failed change, then plans no changes', async () => {
    const io = new RecordingIoHost();
    const applied = await apply({ yes: true, file, connection: env.connection, io, pollDelayMs: () => 20 });
    expect(applied.failed).toEqual([]);
    expect(applied.skipped).toEqual([]);
    expect(applied.done.length).toBe(applied.plan.changes.length);
    expect(applied.plan.changes.filter((c) => c.kind === 'account' && c.action === 'create')).toHaveLength(40);

    const again = await plan({ file, connection: env.connection, io });
    expect(again.plan.changes).toEqual([]);
    expect(again.plan.problems).toEqual([]);
    // The faults did happen: over 300 requests, about one in five throttled; with seed 7 the
    // generator's 115th and 300th draws are server errors.
    expect(faults.get('TooManyRequestsException')).toBeGreaterThan(30);
    expect(faults.get('ServiceException')).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
