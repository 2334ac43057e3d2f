/** Policy JSON without whitespace: what Bulkhead sends, and what AWS counts against its size limit. */
export function minifyPolicy(document: unknown): string {
  return JSON.stringify(typeof document === 'string' ? JSON.parse(document) : document);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** Whether two policy texts say the same thing, whatever their whitespace and key order. */
export function samePolicy(a: string, b: string): boolean {
  try {
    return JSON.stringify(sortKeys(JSON.parse(a))) === JSON.stringify(sortKeys(JSON.parse(b)));
  } catch {
    return a === b;
  }
}
