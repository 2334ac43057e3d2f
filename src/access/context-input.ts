/**
 * Reads `--context key=value` pairs into request context values, typed by what the IAM service reference says
 * the key is (Bool, Numeric, Date, IPAddress, ARN, String, ArrayOf…), so a wrong value is an error naming it
 * rather than a condition that silently fails.
 */
import { conditionKeyCandidates, conditionKeyType } from '../iam/condition-keys.js';
import { suggest } from '../core/suggest.js';
import type { ContextValue, InputError } from './types.js';

function parseValue(key: string, type: string, raw: string): { value: ContextValue } | { error: string } {
  const base = type.replace(/^ArrayOf/, '');
  const values = type.startsWith('ArrayOf') ? raw.split(',').map((v) => v.trim()) : [raw];
  for (const v of values) {
    const bad = (what: string): { error: string } => ({
      error: `context key ${key} is ${type}: "${v}" is not ${what}`,
    });
    switch (base) {
      case 'Bool':
        if (!/^(true|false)$/i.test(v)) return bad('true or false');
        break;
      case 'Numeric':
        if (!/^-?\d+(\.\d+)?$/.test(v)) return bad('a number');
        break;
      case 'Date':
        if (!/^\d+$/.test(v) && Number.isNaN(Date.parse(v))) return bad('an ISO 8601 date or epoch seconds');
        break;
      case 'IPAddress':
        if (!/^[\d.]+(\/\d+)?$/.test(v) && !/^[0-9a-f:]+(\/\d+)?$/i.test(v)) return bad('an IP address');
        break;
      case 'ARN':
        if (!/^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+$/.test(v))
          return bad('an ARN (arn:partition:service:region:account:resource)');
        break;
    }
  }
  if (type.startsWith('ArrayOf')) return { value: values };
  if (base === 'Bool') return { value: raw.toLowerCase() === 'true' ? 'true' : 'false' };
  return { value: raw };
}

/** Parses `key=value` pairs; list values (for ArrayOf… keys) are comma-separated. */
export async function parseContext(
  pairs: readonly string[],
): Promise<{ context: Record<string, ContextValue>; errors: InputError[] }> {
  const context: Record<string, ContextValue> = {};
  const errors: InputError[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      errors.push({
        code: 'invalid-context-value',
        message: `context "${pair}" is not key=value (e.g. aws:MultiFactorAuthPresent=true)`,
        suggestions: [],
      });
      continue;
    }
    const key = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim();
    const type = await conditionKeyType(key);
    if (type === undefined) {
      errors.push({
        code: 'invalid-context-value',
        message: `unknown condition key "${key}"`,
        suggestions: suggest(key, await conditionKeyCandidates(key)),
        path: `context.${key}`,
      });
      continue;
    }
    const parsed = parseValue(key, type, raw);
    if ('error' in parsed) {
      errors.push({ code: 'invalid-context-value', message: parsed.error, suggestions: [], path: `context.${key}` });
      continue;
    }
    context[key] = parsed.value;
  }
  return { context, errors };
}
