import type { Clock } from '../../src/cli/render/clock.js';

/** A clock that moves only when told to, firing the timers that fall due on the way. */
export class FakeClock implements Clock {
  private time = 0;
  private timers: { ms: number; next: number; fn: () => void }[] = [];

  now(): number {
    return this.time;
  }

  every(ms: number, fn: () => void): () => void {
    const timer = { ms, next: this.time + ms, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.time = due.next;
      due.next += due.ms;
      due.fn();
    }
    this.time = end;
  }
}
