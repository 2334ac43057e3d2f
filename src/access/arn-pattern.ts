/**
 * ARN patterns, as used by the Resource element and the Arn* condition operators.
 * AWS: "Each of the six colon-delimited components of the ARN is checked separately and each can include
 * multi-character match wildcards (*) or single-character match wildcards (?)." Matching is case-sensitive.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
import { splitArn } from './arn.js';
import {
  parseVariables,
  partsToMatcher,
  partsToString,
  resolveSegments,
  splitPartsOnColons,
  type Segment,
  type VariableLookup,
} from './policy-variables.js';
import { compileWildcard, type Matcher } from '../iam/wildcard.js';

/**
 * Matches a value against a pattern; `lookup` supplies policy variables. Returns undefined when a variable in
 * the pattern has no value: AWS treats such a value as null, which neither matches nor fails to match.
 */
export type ArnMatcher = (value: string, lookup: VariableLookup) => boolean | undefined;

const ARN_COMPONENTS = 6;

function componentsOf(value: string): string[] | undefined {
  const parts = splitArn(value);
  if (parts === undefined) return undefined;
  return ['arn', parts.partition, parts.service, parts.region, parts.account, parts.resource];
}

function buildFromMatchers(matchers: Matcher[] | undefined, whole: Matcher): (value: string) => boolean {
  if (matchers === undefined) return whole;
  return (value) => {
    const comps = componentsOf(value);
    if (comps === undefined) return false;
    for (let i = 0; i < ARN_COMPONENTS; i++) if (!matchers[i]!(comps[i]!)) return false;
    return true;
  };
}

/** Compiles a pattern without variables (or from a Version 2008 policy, where `${…}` is literal text). */
function compileStatic(pattern: string): (value: string) => boolean {
  if (pattern === '*') return () => true;
  const comps = componentsOf(pattern);
  const whole = compileWildcard(pattern, false);
  // A pattern with fewer than six components cannot be split; AWS-style whole-string glob is the fallback.
  if (comps === undefined || !pattern.startsWith('arn:')) return whole;
  return buildFromMatchers(
    comps.map((c) => compileWildcard(c, false)),
    whole,
  );
}

function compileResolved(segments: readonly Segment[]): ArnMatcher {
  const cache = new Map<string, (value: string) => boolean>();
  return (value, lookup) => {
    const parts = resolveSegments(segments, lookup);
    if (parts === undefined) return undefined;
    const cacheKey = parts.map((p) => (p.wild ? 'w' : 'l') + p.text).join('\u0000');
    let match = cache.get(cacheKey);
    if (match === undefined) {
      const pieces = splitPartsOnColons(parts, ARN_COMPONENTS - 1);
      const whole = partsToMatcher(parts, false);
      const text = partsToString(parts);
      match =
        pieces.length === ARN_COMPONENTS && text.startsWith('arn:')
          ? buildFromMatchers(
              pieces.map((p) => partsToMatcher(p, false)),
              whole,
            )
          : whole;
      if (cache.size > 512) cache.clear();
      cache.set(cacheKey, match);
    }
    return match(value);
  };
}

/**
 * Where policy variables are substituted: nowhere (Version 2008 policies), only in the resource part (the
 * Resource element — AWS: "You can use a policy variable in the Resource element, but only in the resource
 * portion of the ARN", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-wheretouse),
 * or anywhere (Arn* condition values).
 */
export type VariableScope = 'none' | 'resource-part' | 'all';

export function compileArnPattern(pattern: string, scope: VariableScope): ArnMatcher {
  if (scope === 'resource-part') {
    const comps = pattern.startsWith('arn:') ? componentsOf(pattern) : undefined;
    const resourceSegments = comps === undefined ? undefined : parseVariables(comps[5]!);
    if (comps !== undefined && resourceSegments !== undefined) {
      const head = comps.slice(0, 5).map((c) => compileWildcard(c, false));
      // With every variable read as `*`: when even that cannot match, the value is a plain mismatch,
      // whatever the variables hold (so NotResource still applies).
      const loose = partsToMatcher(
        resourceSegments.map((seg) =>
          seg.kind === 'var' ? { wild: true, text: '*' } : { wild: seg.kind === 'text', text: seg.text },
        ),
        false,
      );
      const cache = new Map<string, Matcher>();
      return (value, lookup) => {
        const got = componentsOf(value);
        if (got === undefined) return false;
        for (let i = 0; i < 5; i++) if (!head[i]!(got[i]!)) return false;
        if (!loose(got[5]!)) return false;
        const parts = resolveSegments(resourceSegments, lookup);
        if (parts === undefined) return undefined;
        const key = parts.map((p) => (p.wild ? 'w' : 'l') + p.text).join('\u0000');
        let tail = cache.get(key);
        if (tail === undefined) {
          tail = partsToMatcher(parts, false);
          if (cache.size > 512) cache.clear();
          cache.set(key, tail);
        }
        return tail(got[5]!);
      };
    }
  }
  const segments = scope === 'all' ? parseVariables(pattern) : undefined;
  if (segments === undefined) {
    const match = compileStatic(pattern);
    return (value) => match(value);
  }
  return compileResolved(segments);
}
