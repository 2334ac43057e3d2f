import { describe, expect, it } from 'vitest';
import { WorkPool } from '../../src/providers/aws/work-pool.js';

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

describe('the work pool', () => {
  it('runs tasks that add tasks, never more than its limit at once, lower ranks first', async () => {
    const pool = new WorkPool(3);
    let inFlight = 0;
    let peak = 0;
    const order: string[] = [];
    const task = (name: string, then?: () => void) => async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      order.push(name);
      await tick();
      then?.();
      inFlight--;
    };
    pool.add(
      0,
      task('list', () => {
        for (let i = 0; i < 3; i++) pool.add(0, task(`child${i}`));
      }),
    );
    for (let i = 0; i < 4; i++) pool.add(1, task(`tag${i}`));
    await pool.done();
    expect(peak).toBe(3);
    expect(order).toHaveLength(8);
    // The first three added start at once; the children the listing found then go before the tags still waiting.
    expect(order.slice(0, 3).sort()).toEqual(['list', 'tag0', 'tag1']);
    expect(order.slice(3, 6)).toEqual(['child0', 'child1', 'child2']);
  });

  it('stops starting tasks after a failure, and rejects once those in flight have ended', async () => {
    const pool = new WorkPool(2);
    let ended = 0;
    let started = 0;
    pool.add(0, async () => {
      started++;
      await tick();
      throw new Error('AccessDenied');
    });
    pool.add(0, async () => {
      started++;
      await tick(20);
      ended++;
    });
    for (let i = 0; i < 5; i++) pool.add(0, async () => void started++);
    await expect(pool.done()).rejects.toThrow('AccessDenied');
    expect(ended).toBe(1);
    expect(started).toBe(2);
  });

  it('is done at once with nothing to do', async () => {
    await expect(new WorkPool(4).done()).resolves.toBeUndefined();
  });
});
