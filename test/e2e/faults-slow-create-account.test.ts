import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkheadEvent } from '../../src/core/events.js';
import { apply } from '../../src/toolkit/apply.js';
import { plan } from '../../src/toolkit/plan.js';
import { init } from '../../src/toolkit/init.js';
import { freshLocalCloud } from './local-connection.js';

const L = 1000;

// CreateAccount stays IN_PROGRESS for L = 1 s (the default 3 s at time scale 1/3). With 5 in
// flight, 10 accounts take two rounds: 2·L plus how late the default poll schedule notices each
// one. A doubling backoff (250, 500, 1000 ms…) noticed each only at 1.75 s: 3.5 s in all.
describe('apply with slow CreateAccount and the default poll schedule', () => {
  let env: Awaited<ReturnType<typeof freshLocalCloud>>;
  let file: string;
  beforeAll(async () => {
    env = await freshLocalCloud({ fast: false, timeScale: L / 3000 });
    file = join(env.dir, 'org.yaml');
    init({ template: 'growth', file });
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('notices each account within ~10% of its creation time', async () => {
    const events: { at: number; e: BulkheadEvent }[] = [];
    const applied = await apply({
      yes: true,
      file,
      connection: env.connection,
      io: { notify: (e) => events.push({ at: Date.now(), e }) },
    });
    expect(applied.failed).toEqual([]);
    const accounts = events.filter(({ e }) => e.type === 'change' && e.data.changeId.startsWith('account:'));
    const stateOf = (e: BulkheadEvent) => (e.type === 'change' ? e.data.state : undefined);
    const creates = applied.plan.changes.filter((c) => c.kind === 'account' && c.action === 'create').length;
    expect(creates).toBe(10);
    const first = Math.min(...accounts.filter(({ e }) => stateOf(e) === 'start').map(({ at }) => at));
    const last = Math.max(...accounts.filter(({ e }) => stateOf(e) === 'done').map(({ at }) => at));
    expect(last - first).toBeGreaterThanOrEqual(2 * L);
    // 10% for the poll schedule, the rest for the calls around it on a busy machine.
    expect(last - first).toBeLessThan(2 * L * 1.3);
    // Creations start before the OUs they go into are made (every account of this layout is in one):
    // only the final move waits for its OU.
    const ous = events.filter(({ e }) => e.type === 'change' && e.data.changeId.startsWith('ou:'));
    const ousDone = Math.min(...ous.filter(({ e }) => stateOf(e) === 'done').map(({ at }) => at));
    expect(ous.length).toBeGreaterThan(0);
    expect(first).toBeLessThan(ousDone);
    // …and each account still ends up in its OU.
    const { observed } = await plan({ file, connection: env.connection, io: { notify: () => {} } });
    const rootId = observed.organization[0]!.root.id;
    const placed = observed.account.filter((a) => a.parentId !== rootId).length;
    expect(placed).toBe(creates);
  }, 30_000);
});
