/** Action and NotAction matching: `service:Action` patterns, case-insensitive, with `*` and `?`. */
import { compileWildcard, type Matcher } from '../iam/wildcard.js';

/** Matches a lowercased request action against a list of patterns. */
export type ActionMatcher = (actionLower: string) => boolean;

export function compileActionPatterns(patterns: readonly string[]): ActionMatcher {
  const exact = new Set<string>();
  const wild: Matcher[] = [];
  for (const raw of patterns) {
    const p = raw.toLowerCase();
    if (p === '*') return () => true;
    if (p.includes('*') || p.includes('?')) wild.push(compileWildcard(p, false));
    else exact.add(p);
  }
  if (wild.length === 0) {
    if (exact.size === 1) {
      const only = [...exact][0]!;
      return (a) => a === only;
    }
    return (a) => exact.has(a);
  }
  return (a) => {
    if (exact.has(a)) return true;
    for (const m of wild) if (m(a)) return true;
    return false;
  };
}
