import type { ThrottleSettings } from '../config.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets per (account, service, operation), refilled continuously. */
export class Throttler {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly settings: ThrottleSettings) {}

  /** Takes a token; false when the bucket is empty (the caller is throttled). */
  take(key: string, now: number): boolean {
    if (!this.settings.enabled) return true;
    let b = this.buckets.get(key);
    if (b === undefined) {
      b = { tokens: this.settings.burst, updatedAt: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.settings.burst, b.tokens + ((now - b.updatedAt) / 1000) * this.settings.ratePerSecond);
    b.updatedAt = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
