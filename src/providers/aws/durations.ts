/**
 * How long an apply's asynchronous operations took, by operation: each entry is a lower bound (the
 * last poll that still saw it running). The typical value is their median, once one has ended.
 *
 * It also lets operations started together be noticed together: AWS finishes CreateAccount requests sent at the
 * same moment at about the same moment, so when one is seen to end, the waits of those started no later than
 * it (and up to `slackMs` after it) end early, and each polls at once instead of at its own next turn.
 */
export class Durations {
  private readonly seen = new Map<string, number[]>();
  private readonly waiting = new Set<{ operation: string; startedAt: number; wake: () => void }>();
  private readonly slots = new Map<string, Set<number>>();

  record(operation: string, atLeastMs: number): void {
    const list = this.seen.get(operation) ?? [];
    list.push(atLeastMs);
    this.seen.set(operation, list);
  }

  typical(operation: string): number | undefined {
    const list = this.seen.get(operation);
    if (!list || list.length === 0) return undefined;
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  }

  /**
   * Settles when an operation of this kind started no later than `startedAt` (give or take the slack the ender
   * names) is seen to end; `cancel` forgets the wait (call it once the wait is over either way).
   */
  peerEnded(operation: string, startedAt: number): { ended: Promise<void>; cancel(): void } {
    let entry!: { operation: string; startedAt: number; wake: () => void };
    const ended = new Promise<void>((resolve) => (entry = { operation, startedAt, wake: resolve }));
    this.waiting.add(entry);
    return { ended, cancel: () => this.waiting.delete(entry) };
  }

  /**
   * Spreads the polls of operations waited for at once: each waiter takes the lowest free slot of `spread` and polls
   * that fraction of an interval after the others (`phase`, 0 ≤ phase < 1), so that five creations sent together
   * are polled one after another, not all at the same instant, and the first end is seen five times sooner (and
   * wakes the rest). Call `leave` when the wait is over.
   */
  join(operation: string, spread = 5): { phase: number; leave(): void } {
    const taken = this.slots.get(operation) ?? new Set<number>();
    this.slots.set(operation, taken);
    let slot = 0;
    while (taken.has(slot)) slot++;
    taken.add(slot);
    return { phase: (slot % spread) / spread, leave: () => taken.delete(slot) };
  }

  /** An operation started at `startedAt` was seen to end: wakes the waits of those started with it. */
  ended(operation: string, startedAt: number, slackMs: number): void {
    for (const w of this.waiting) {
      if (w.operation !== operation || w.startedAt > startedAt + slackMs) continue;
      this.waiting.delete(w);
      w.wake();
    }
  }
}
