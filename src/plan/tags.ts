import type { PropertyChange } from './types.js';

/** Tags to add or change; keys the spec does not name are left alone (other tools may own them). */
export function tagChanges(observed: Record<string, string>, desired: Record<string, string>): PropertyChange[] {
  return Object.entries(desired)
    .filter(([k, v]) => observed[k] !== v)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => ({ name: `tags.${k}`, ...(observed[k] !== undefined ? { before: observed[k] } : {}), after: v }));
}
