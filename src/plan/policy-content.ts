import { canonicalJson } from '../core/canonical-json.js';

/** Policy JSON without whitespace: what Bulkhead sends, and what AWS counts against its size limit. */
export function minifyPolicy(document: unknown): string {
  return JSON.stringify(typeof document === 'string' ? JSON.parse(document) : document);
}

/** Whether two policy texts say the same thing, whatever their whitespace and key order. */
export function samePolicy(a: string, b: string): boolean {
  try {
    return canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
  } catch {
    return a === b;
  }
}
