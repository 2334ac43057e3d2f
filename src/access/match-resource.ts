/** Resource and NotResource matching (case-sensitive, per ARN component, with policy variables). */
import { compileArnPattern, type ArnMatcher } from './arn-pattern.js';
import type { VariableLookup } from './policy-variables.js';

/**
 * True when an entry matches; undefined when none matches but some entry holds a variable without value;
 * false otherwise. A statement applies through Resource on `true`, and through NotResource only on `false`:
 * an unresolvable entry makes NotResource inapplicable rather than vacuously true.
 */
export type ResourceMatcher = (resource: string, lookup: VariableLookup) => boolean | undefined;

export function compileResourcePatterns(patterns: readonly string[], variables: boolean): ResourceMatcher {
  if (patterns.includes('*')) return () => true;
  const matchers: ArnMatcher[] = patterns.map((p) => compileArnPattern(p, variables ? 'resource-part' : 'none'));
  if (matchers.length === 1) return matchers[0]!;
  return (resource, lookup) => {
    let unresolved = false;
    for (const m of matchers) {
      const r = m(resource, lookup);
      if (r === true) return true;
      if (r === undefined) unresolved = true;
    }
    return unresolved ? undefined : false;
  };
}
