/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`, `${?}`, `${$}`).
 * AWS: variables are substituted only in policies with `"Version": "2012-10-17"`; a variable whose key is
 * absent (or multivalued) has no value, so the element holding it matches nothing unless a default is given.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import { compileWildcard, type Matcher } from '../iam/wildcard.js';

export type Segment =
  | { kind: 'text'; text: string }
  /** Text that must match literally even in wildcard contexts (`${*}`, `${?}`, `${$}`). */
  | { kind: 'literal'; text: string }
  | { kind: 'var'; key: string; defaultValue?: string };

/** Looks up a single-valued context key (lowercased name); undefined when absent or multivalued. */
export type VariableLookup = (keyLower: string) => string | undefined;

const SPECIAL: Record<string, string> = { '*': '*', '?': '?', $: '$' };

/** Parses a policy string into segments, or returns undefined when it holds no variable. */
export function parseVariables(value: string): Segment[] | undefined {
  if (!value.includes('${')) return undefined;
  const segments: Segment[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf('${', i);
    if (start < 0) {
      text += value.slice(i);
      break;
    }
    const end = value.indexOf('}', start + 2);
    if (end < 0) {
      text += value.slice(i);
      break;
    }
    text += value.slice(i, start);
    const body = value.slice(start + 2, end);
    const special = SPECIAL[body];
    if (text !== '') segments.push({ kind: 'text', text });
    text = '';
    if (special !== undefined) {
      segments.push({ kind: 'literal', text: special });
    } else {
      segments.push(parseVariableBody(body));
    }
    i = end + 1;
  }
  if (text !== '') segments.push({ kind: 'text', text });
  return segments;
}

function parseVariableBody(body: string): Segment {
  const comma = body.indexOf(',');
  if (comma < 0) return { kind: 'var', key: body.trim().toLowerCase() };
  const key = body.slice(0, comma).trim().toLowerCase();
  const rest = body.slice(comma + 1).trim();
  if (rest.length >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
    // AWS: a single quote inside a default value is written as two single quotes.
    return { kind: 'var', key, defaultValue: rest.slice(1, -1).replace(/''/g, "'") };
  }
  return { kind: 'var', key };
}

export interface ResolvedPart {
  /** True when `*` and `?` in `text` act as wildcards. */
  wild: boolean;
  text: string;
}

/** Substitutes variables; undefined when a variable has no value and no default. */
export function resolveSegments(segments: readonly Segment[], lookup: VariableLookup): ResolvedPart[] | undefined {
  const out: ResolvedPart[] = [];
  for (const seg of segments) {
    if (seg.kind === 'text') out.push({ wild: true, text: seg.text });
    else if (seg.kind === 'literal') out.push({ wild: false, text: seg.text });
    else {
      const value = lookup(seg.key) ?? seg.defaultValue;
      if (value === undefined) return undefined;
      // Substituted values match literally: a `*` inside a tag value must not widen the pattern.
      out.push({ wild: false, text: value });
    }
  }
  return out;
}

export function partsToString(parts: readonly ResolvedPart[]): string {
  let s = '';
  for (const p of parts) s += p.text;
  return s;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Builds a wildcard matcher from resolved parts, honouring literal parts. */
export function partsToMatcher(parts: readonly ResolvedPart[], ignoreCase: boolean): Matcher {
  if (parts.every((p) => p.wild)) return compileWildcard(partsToString(parts), ignoreCase);
  let source = '^';
  for (const part of parts) {
    if (!part.wild) {
      source += escapeRegExp(part.text);
      continue;
    }
    for (const ch of part.text) {
      if (ch === '*') source += '.*';
      else if (ch === '?') source += '.';
      else source += escapeRegExp(ch);
    }
  }
  const re = new RegExp(`${source}$`, ignoreCase ? 'si' : 's');
  return (v) => re.test(v);
}

/** Splits a resolved pattern into ARN components, keeping each part's wildcard flag. */
export function splitPartsOnColons(parts: readonly ResolvedPart[], maxSplits: number): ResolvedPart[][] {
  const out: ResolvedPart[][] = [[]];
  for (const part of parts) {
    if (!part.wild) {
      out[out.length - 1]!.push(part);
      continue;
    }
    let rest = part.text;
    while (out.length <= maxSplits) {
      const colon = rest.indexOf(':');
      if (colon < 0) break;
      out[out.length - 1]!.push({ wild: true, text: rest.slice(0, colon) });
      out.push([]);
      rest = rest.slice(colon + 1);
    }
    out[out.length - 1]!.push({ wild: true, text: rest });
  }
  return out;
}
