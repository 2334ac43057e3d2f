import { describe, expect, it } from 'vitest';
import { walk, type WalkEvent, type WalkNode } from '../../src/apply/walker.js';

const node = (id: string, dependsOn: string[] = [], lane = 'org'): WalkNode<null> => ({
  id,
  dependsOn,
  lane,
  item: null,
});
const tick = () => new Promise((r) => setTimeout(r, 1));

describe('walk', () => {
  it('runs dependencies before dependents', async () => {
    const order: string[] = [];
    const r = await walk([node('account', ['ou']), node('ou', ['org']), node('org')], {
      execute: async (n) => {
        await tick();
        order.push(n.id);
      },
    });
    expect(order).toEqual(['org', 'ou', 'account']);
    expect(r.failed).toEqual([]);
  });

  it('never exceeds the concurrency of a lane', async () => {
    let inFlight = 0;
    let peak = 0;
    const nodes = Array.from({ length: 20 }, (_, i) => node(`a${i}`, [], 'create-account'));
    await walk(nodes, {
      concurrency: { 'create-account': 5 },
      execute: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await tick();
        inFlight--;
      },
    });
    expect(peak).toBe(5);
  });

  it('a node that gives its slot back lets the next one of its lane start while it finishes', async () => {
    let bound = 0; // nodes in their lane-bound part
    let peak = 0;
    const started: string[] = [];
    const nodes = Array.from({ length: 6 }, (_, i) => node(`a${i}`, [], 'create-account'));
    let releasedAll!: () => void;
    const allStarted = new Promise<void>((r) => (releasedAll = r));
    const r = await walk(nodes, {
      concurrency: { 'create-account': 2 },
      execute: async (n, lease) => {
        started.push(n.id);
        bound++;
        peak = Math.max(peak, bound);
        await tick();
        bound--;
        lease.release();
        lease.release(); // twice is once
        // The rest of each node waits until every node has started: without the release, only two could.
        if (started.length === nodes.length) releasedAll();
        await allStarted;
      },
    });
    expect(r.done).toHaveLength(6);
    expect(peak).toBe(2);
  });

  it('a node that gave its slot back and retries waits for a slot again', async () => {
    let bound = 0;
    let peak = 0;
    const tries = new Map<string, number>();
    const nodes = Array.from({ length: 4 }, (_, i) => node(`a${i}`, [], 'create-account'));
    const r = await walk(nodes, {
      concurrency: { 'create-account': 1 },
      isRetryable: () => true,
      sleep: () => Promise.resolve(),
      execute: async (n, lease) => {
        const attempt = (tries.get(n.id) ?? 0) + 1;
        tries.set(n.id, attempt);
        bound++;
        peak = Math.max(peak, bound);
        await tick();
        bound--;
        if (attempt === 1) {
          lease.release();
          await tick();
          throw new Error('retry me');
        }
      },
    });
    expect(r.done).toHaveLength(4);
    expect(peak).toBe(1);
    expect([...tries.values()]).toEqual([2, 2, 2, 2]);
  });

  it('retries retryable errors with backoff, then succeeds', async () => {
    let calls = 0;
    const delays: number[] = [];
    const r = await walk([node('x')], {
      execute: async () => {
        if (++calls < 3) throw Object.assign(new Error('slow down'), { retryable: true });
      },
      isRetryable: (e) => (e as { retryable?: boolean }).retryable === true,
      random: () => 1,
      baseDelayMs: 100,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    expect(r.done).toEqual(['x']);
    expect(delays).toEqual([100, 200]);
  });

  it('a failure stops only its own branch', async () => {
    const events: WalkEvent[] = [];
    const r = await walk(
      [node('ou-a'), node('acct-a', ['ou-a']), node('ou-b'), node('acct-b', ['ou-b']), node('attach-a', ['acct-a'])],
      {
        execute: async (n) => {
          if (n.id === 'ou-a') throw new Error('DuplicateOrganizationalUnitException');
        },
        onEvent: (e) => events.push(e),
      },
    );
    expect(r.failed.map((f) => f.id)).toEqual(['ou-a']);
    expect(r.skipped.map((s) => s.id).sort()).toEqual(['acct-a', 'attach-a']);
    expect(r.done.sort()).toEqual(['acct-b', 'ou-b']);
    expect(events.filter((e) => e.type === 'skipped').length).toBe(2);
  });

  it('starts nodes in plan order as their dependencies finish, whichever finishes first', async () => {
    const started: string[] = [];
    // One slot: d0 (slow) and d1 (fast) both free a dependent; the dependents start in plan order.
    const nodes = [node('d0'), node('d1'), node('x0', ['d0'], 'x'), node('x1', ['d1'], 'x'), node('x2', [], 'x')];
    await walk(nodes, {
      concurrency: { org: 2, x: 1 },
      execute: async (n) => {
        started.push(n.id);
        await new Promise((r) => setTimeout(r, n.id === 'd0' ? 20 : 1));
      },
    });
    // x2 is ready at once and takes the only x slot; then d1 ends first, so x1 goes before x0.
    expect(started).toEqual(['d0', 'd1', 'x2', 'x1', 'x0']);
  });

  it('walks a graph of 20,000 changes with one common dependency', async () => {
    const nodes = [node('root'), ...Array.from({ length: 20_000 }, (_, i) => node(`a${i}`, ['root'], 'lane'))];
    const order: string[] = [];
    const r = await walk(nodes, {
      concurrency: { lane: 10 },
      execute: async (n) => {
        order.push(n.id);
      },
    });
    expect(r.done).toHaveLength(20_001);
    expect(order.slice(0, 3)).toEqual(['root', 'a0', 'a1']);
    expect(order.at(-1)).toBe('a19999');
  });

  it('rejects a dependency on an unknown change', async () => {
    await expect(walk([node('a', ['ghost'])], { execute: async () => {} })).rejects.toThrow(/unknown change ghost/);
  });
});
