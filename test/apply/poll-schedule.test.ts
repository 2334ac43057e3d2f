import { describe, expect, it } from 'vitest';
import { Durations } from '../../src/providers/aws/durations.js';
import { defaultPollDelayMs, nextOnGrid } from '../../src/toolkit/apply-walk.js';

/** The times at which an operation that ends at `endsAt` ms is polled, and when it is noticed. */
function polls(endsAt: number, typical?: number) {
  const at: number[] = [];
  let t = 0;
  for (let attempt = 1; attempt < 10_000; attempt++) {
    t += defaultPollDelayMs(attempt, t, typical);
    at.push(t);
    if (t >= endsAt) return { at, noticedAfter: t - endsAt };
  }
  throw new Error('never noticed');
}

describe('the default poll schedule', () => {
  it('notices an operation within ~3% of its time (at least 100 ms between polls) when nothing is known', () => {
    for (const ends of [1_000, 3_000, 60_000, 120_000]) {
      const { at, noticedAfter } = polls(ends);
      expect(noticedAfter).toBeLessThanOrEqual(Math.max(100, ends * 0.035));
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(100);
    }
  });

  it('polls at the typical time and close after it once one has ended, so the next is noticed sooner', () => {
    for (const [typical, ends] of [
      [2_950, 3_000],
      [2_990, 3_040],
      [60_000, 61_000],
    ] as const) {
      const blind = polls(ends);
      const taught = polls(ends, typical);
      expect(taught.noticedAfter).toBeLessThan(Math.max(26, typical / 80));
      expect(taught.at).toContain(typical);
      // A few more polls at most, not a flood.
      expect(taught.at.length).toBeLessThanOrEqual(blind.at.length + 9);
    }
  });

  it('falls back to the usual schedule once an operation runs well past the typical time', () => {
    const { at } = polls(30_000, 3_000);
    const window = 300; // a tenth of the typical time, at least 200 ms
    const late = at.filter((t) => t >= 3_000 + window);
    expect(late.length).toBeGreaterThan(50);
    for (let i = 1; i < late.length; i++) expect(late[i]! - late[i - 1]!).toBeGreaterThanOrEqual(100);
    expect(at.filter((t) => t > 3_000 && t < 3_000 + window).length).toBeLessThanOrEqual(8);
  });
});

describe('durations', () => {
  it('is unknown until one has ended, then the median lower bound', () => {
    const d = new Durations();
    expect(d.typical('CreateAccount')).toBeUndefined();
    d.record('CreateAccount', 3_000);
    expect(d.typical('CreateAccount')).toBe(3_000);
    d.record('CreateAccount', 2_900);
    d.record('CreateAccount', 9_000);
    expect(d.typical('CreateAccount')).toBe(3_000);
    expect(d.typical('CreateOrganizationalUnit')).toBeUndefined();
  });
});

describe('operations started together', () => {
  it('end the waits of those started no later (within the slack), and only of the same operation', async () => {
    const d = new Durations();
    const woken: string[] = [];
    const wait = (name: string, operation: string, startedAt: number) => {
      const w = d.peerEnded(operation, startedAt);
      void w.ended.then(() => woken.push(name));
      return w;
    };
    wait('earlier', 'CreateAccount', 1_000);
    wait('same time', 'CreateAccount', 1_050);
    wait('within the slack', 'CreateAccount', 1_120);
    wait('later', 'CreateAccount', 1_200);
    wait('other operation', 'CreateAccountAssignment', 900);
    const cancelled = wait('cancelled', 'CreateAccount', 1_000);
    cancelled.cancel();
    d.ended('CreateAccount', 1_050, 100);
    await new Promise((r) => setTimeout(r, 0));
    expect(woken.sort()).toEqual(['earlier', 'same time', 'within the slack']);
    // Each wait is woken once: the next end finds only the one left.
    d.ended('CreateAccount', 1_300, 0);
    await new Promise((r) => setTimeout(r, 0));
    expect(woken).toContain('later');
    expect(woken.filter((w) => w === 'earlier')).toHaveLength(1);
  });
});

describe('polls of creations waited for at once', () => {
  it('take the lowest free slot of five, so their phases spread over the interval', () => {
    const d = new Durations();
    const joined = [1, 2, 3, 4, 5, 6].map(() => d.join('CreateAccount'));
    expect(joined.map((j) => j.phase)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 0]);
    joined[2]!.leave();
    expect(d.join('CreateAccount').phase).toBe(0.4);
    expect(d.join('CreateAccountAssignment').phase).toBe(0);
  });

  it('fall that far into the interval: the first poll, and the first one at the typical time', () => {
    expect(defaultPollDelayMs(1, 0, undefined, 0)).toBe(100);
    expect(defaultPollDelayMs(1, 0, undefined, 0.4)).toBe(140);
    expect(defaultPollDelayMs(2, 140, undefined, 0.4)).toBe(100);
    // typical 3 s: window 300 ms, step 38 ms; phase 0.5 puts the first poll 19 ms after the typical time.
    expect(defaultPollDelayMs(30, 2_950, 3_000, 0)).toBe(50);
    expect(defaultPollDelayMs(30, 2_950, 3_000, 0.5)).toBe(69);
    expect(defaultPollDelayMs(31, 3_019, 3_000, 0.5)).toBe(38);
  });
});

describe('polls of creations started together, over time', () => {
  /** Five waiters (phases 0 … 0.8) started within a few ms; each poll takes 2–30 ms to answer. */
  function groupPolls(until: number, seed: number): number[] {
    let x = seed;
    const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const at: number[] = [];
    for (let slot = 0; slot < 5; slot++) {
      const started = slot * 4;
      let now = started;
      for (let attempt = 1; now < until; attempt++) {
        now += defaultPollDelayMs(attempt, now - started, undefined, slot / 5);
        at.push(now);
        now += 2 + random() * 28; // the answer
      }
    }
    return at.sort((a, b) => a - b);
  }

  it('stay evenly spread however long each poll takes: no gap of half an interval opens between them', () => {
    for (const seed of [1, 7, 42]) {
      const at = groupPolls(60_000, seed);
      for (const [from, to] of [
        [1_000, 3_000],
        [10_000, 12_000],
        [50_000, 60_000],
      ] as const) {
        const inside = at.filter((t) => t >= from && t <= to);
        const interval = Math.max(100, from / 30);
        const gaps = inside.slice(1).map((t, i) => t - inside[i]!);
        // Evenly spread, a fifth of an interval apart (plus the answers' jitter); drifting, they pair up.
        expect(Math.max(...gaps), `seed ${seed}, ${from}–${to} ms`).toBeLessThan(interval * 0.45);
      }
    }
  });

  it('lie on a grid that keeps every poll at least a quarter interval after the last answer', () => {
    for (const [elapsed, phase] of [
      [0, 0],
      [2_990, 0.6],
      [3_001, 0.2],
      [149_900, 0.9],
      [150_100, 0.1],
      [400_000, 0.5],
    ] as const) {
      const next = nextOnGrid(elapsed, phase);
      const interval = Math.min(5_000, Math.max(100, elapsed / 30));
      expect(next - elapsed).toBeGreaterThanOrEqual(interval / 4);
      expect(next - elapsed).toBeLessThanOrEqual(interval * 1.3);
    }
  });
});

describe('polls once the typical time is known', () => {
  it('are a third as many well before it, and one that ends that early is still noticed within ~10%', () => {
    const count = (typical?: number) => {
      let t = 0;
      let n = 0;
      for (let attempt = 1; t < 50_000; attempt++, n++) t += defaultPollDelayMs(attempt, t, typical);
      return n;
    };
    const blind = count();
    const taught = count(60_000);
    expect(taught).toBeLessThan(blind / 2.5);
    expect(taught).toBeGreaterThan(blind / 3.5);
    for (const ends of [5_000, 20_000, 45_000]) {
      let t = 0;
      for (let attempt = 1; t < ends; attempt++) t += defaultPollDelayMs(attempt, t, 60_000);
      expect(t - ends).toBeLessThanOrEqual(ends * 0.11);
    }
  });
});
