import { byCodePoint } from '../core/canonical-json.js';
import type { PropertyChange } from './types.js';

// Bulkhead's own bookkeeping tags are set on what it creates. On a resource that exists without
// them (adopted or imported), their absence alone is not a change: `import` then `plan` is empty.
const BOOKKEEPING = new Set(['managed-by', 'environment']);

/** Tags to add or change; keys the spec does not name are left alone (other tools may own them). */
export function tagChanges(observed: Record<string, string>, desired: Record<string, string>): PropertyChange[] {
  return Object.entries(desired)
    .filter(([k, v]) => observed[k] !== v && !(BOOKKEEPING.has(k) && observed[k] === undefined))
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([k, v]) => ({ name: `tags.${k}`, ...(observed[k] !== undefined ? { before: observed[k] } : {}), after: v }));
}
