/** Resource and NotResource matching (case-sensitive, per ARN component, with policy variables). */
import { compileArnPattern, type ArnMatcher } from './arn-pattern.js';
import type { VariableLookup } from './policy-variables.js';

export type ResourceMatcher = (resource: string, lookup: VariableLookup) => boolean;

export function compileResourcePatterns(patterns: readonly string[], variables: boolean): ResourceMatcher {
  if (patterns.includes('*')) return () => true;
  const matchers: ArnMatcher[] = patterns.map((p) => compileArnPattern(p, variables));
  if (matchers.length === 1) return matchers[0]!;
  return (resource, lookup) => {
    for (const m of matchers) if (m(resource, lookup)) return true;
    return false;
  };
}
