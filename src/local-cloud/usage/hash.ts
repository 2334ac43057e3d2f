/** Small, fast, deterministic hashing for synthetic data: the same inputs give the same numbers on every machine. */

/** FNV-1a over a string, 32 bits. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes integers into a hash (murmur3's finalizer after each), 32 bits. */
export function mix(h: number, ...values: number[]): number {
  let x = h >>> 0;
  for (const v of values) {
    x = (x ^ (v >>> 0)) >>> 0;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    x = (x ^ (x >>> 16)) >>> 0;
  }
  return x;
}

/** A hash as a number in [0, 1). */
export const unit = (h: number): number => h / 0x1_0000_0000;

/** `mix(h, a, b)` without the rest array: the same number, for the synthetic bill's inner loop. */
export function mix2(h: number, a: number, b: number): number {
  let x = ((h >>> 0) ^ (a >>> 0)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x = (((x ^ (x >>> 16)) >>> 0) ^ (b >>> 0)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
