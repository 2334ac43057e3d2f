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
  take(key: string, now: number, rate: { ratePerSecond: number; burst: number } = this.settings): boolean {
    if (!this.settings.enabled) return true;
    let b = this.buckets.get(key);
    if (b === undefined) {
      b = { tokens: rate.burst, updatedAt: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(rate.burst, b.tokens + ((now - b.updatedAt) / 1000) * rate.ratePerSecond);
    b.updatedAt = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
