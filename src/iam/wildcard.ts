/**
 * IAM wildcard matching, the one engine for the evaluator (`access/`) and the validator (`config/policy`):
 * `*` any run of characters (slashes included), `?` exactly one character.
 */

/** A compiled matcher for one IAM pattern with `*` (any run of characters) and `?` (exactly one character). */
export type Matcher = (value: string) => boolean;

const alwaysTrue: Matcher = () => true;

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Compiles a wildcard pattern. Exact strings and simple `prefix*` patterns skip RegExp, which keeps the
 * common cases (`s3:GetObject`, `s3:Get*`, `*`) cheap in bulk evaluation.
 */
export function compileWildcard(pattern: string, ignoreCase: boolean): Matcher {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  if (p === '*') return alwaysTrue;
  const hasStar = p.includes('*');
  const hasQuestion = p.includes('?');
  if (!hasStar && !hasQuestion) {
    return ignoreCase ? (v) => v.toLowerCase() === p : (v) => v === p;
  }
  if (!hasQuestion && p.indexOf('*') === p.length - 1) {
    const prefix = p.slice(0, -1);
    return ignoreCase ? (v) => v.toLowerCase().startsWith(prefix) : (v) => v.startsWith(prefix);
  }
  let source = '^';
  for (const ch of p) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += escapeRegExp(ch);
  }
  source += '$';
  const re = new RegExp(source, ignoreCase ? 'si' : 's');
  return (v) => re.test(v);
}

/** Matches with a one-off pattern (used when a pattern holds policy variables resolved per request). */
export function wildcardMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  return compileWildcard(pattern, ignoreCase)(value);
}

/** The same pattern as a case-insensitive RegExp (for callers that filter lists with `.test`). */
export function wildcardToRegExp(pattern: string): RegExp {
  let source = '^';
  for (const ch of pattern) source += ch === '*' ? '.*' : ch === '?' ? '.' : escapeRegExp(ch);
  return new RegExp(`${source}$`, 'si');
}
