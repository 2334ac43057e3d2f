import { BulkheadError } from '../../core/errors.js';

/** Probabilities of injected failures per request, drawn from a seeded PRNG so that runs repeat. */
export interface FaultSpec {
  throttle: number;
  error5xx: number;
  seed: number;
}

export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = { throttle: 0, error5xx: 0, seed: 1 };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [key, raw] = part.split('=');
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value))
      throw new BulkheadError('local-cloud-faults', `fault "${part}" needs a numeric value, e.g. throttle=0.1`);
    if (key === 'throttle' || key === 'error5xx') {
      if (value < 0 || value > 1)
        throw new BulkheadError('local-cloud-faults', `fault ${key}=${raw} must be a probability between 0 and 1`);
      spec[key] = value;
    } else if (key === 'seed') spec.seed = Math.trunc(value);
    else
      throw new BulkheadError('local-cloud-faults', `unknown fault "${key}"`, {
        hint: 'known faults: throttle, error5xx, seed',
      });
  }
  return spec;
}

/** mulberry32: small, fast, good enough for fault injection. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultOutcome = 'throttle' | 'error5xx' | undefined;

export class FaultInjector {
  private readonly random: () => number;
  constructor(private readonly spec: FaultSpec) {
    this.random = seededRandom(spec.seed);
  }
  /** One draw per request: throttle first, then server error. */
  next(): FaultOutcome {
    const r = this.random();
    if (r < this.spec.throttle) return 'throttle';
    if (r < this.spec.throttle + this.spec.error5xx) return 'error5xx';
    return undefined;
  }
}
