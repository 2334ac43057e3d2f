import { isIP } from 'node:net';
import { didYouMean, suggest } from '../../core/suggest.js';
import { describeType, isPlainObject, show, type IssueList, type Located, type PolicyPath } from './types.js';

/** AWS: the IAM condition operators (reference_policies_elements_condition_operators). */
export const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;
const QUALIFIERS = ['ForAllValues', 'ForAnyValue'] as const;

type Scalar = string | number | boolean;

/** Condition: { operator: { key: value | value[] } }. Collects the keys for the catalogue check. */
export function checkCondition(value: unknown, path: PolicyPath, issues: IssueList, keys: Located<string>[]): void {
  if (!isPlainObject(value)) {
    issues.error(
      'E-POLICY-CONDITION-TYPE',
      `Condition must be an object of operator → {key: value}, not ${describeType(value)}`,
      path,
    );
    return;
  }
  if (Object.keys(value).length === 0) {
    issues.error(
      'E-POLICY-CONDITION-EMPTY',
      'Condition is an empty object',
      path,
      'remove the Condition element or add an operator block',
    );
  }
  for (const [operator, block] of Object.entries(value)) {
    const opPath = [...path, operator];
    const base = checkOperator(operator, opPath, issues);
    if (!isPlainObject(block)) {
      issues.error(
        'E-POLICY-CONDITION-TYPE',
        `condition ${JSON.stringify(operator)} must map keys to values, not ${describeType(block)}`,
        opPath,
      );
      continue;
    }
    if (Object.keys(block).length === 0) {
      issues.error(
        'E-POLICY-CONDITION-EMPTY',
        `condition ${JSON.stringify(operator)} has no keys`,
        opPath,
        'add a condition key or remove the operator',
      );
    }
    for (const [key, raw] of Object.entries(block)) {
      const keyPath = [...opPath, key];
      if (!key.includes('${')) keys.push({ value: key, path: keyPath });
      for (const v of conditionValues(raw, keyPath, key, issues)) {
        if (base !== undefined) checkValue(base, v, issues);
      }
    }
  }
}

/** Validates an operator name; returns its base operator (without qualifier and IfExists) when known. */
function checkOperator(operator: string, path: PolicyPath, issues: IssueList): string | undefined {
  let rest = operator;
  let qualifier = '';
  const colon = operator.indexOf(':');
  if (colon >= 0) {
    qualifier = operator.slice(0, colon);
    rest = operator.slice(colon + 1);
    if (!(QUALIFIERS as readonly string[]).includes(qualifier)) {
      const close = suggest(qualifier, QUALIFIERS);
      issues.error(
        'E-POLICY-CONDITION-OPERATOR',
        `unknown set qualifier ${JSON.stringify(qualifier)} in condition operator ${JSON.stringify(operator)}`,
        path,
        didYouMean(close.map((q) => `${q}:${rest}`)) ?? 'use ForAllValues: or ForAnyValue:',
      );
      return undefined;
    }
  }
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const rebuild = (b: string): string => `${qualifier === '' ? '' : `${qualifier}:`}${b}${ifExists ? 'IfExists' : ''}`;
  if (!(CONDITION_OPERATORS as readonly string[]).includes(base)) {
    const sameCase = CONDITION_OPERATORS.find((o) => o.toLowerCase() === base.toLowerCase());
    if (sameCase !== undefined) {
      issues.warning(
        'W-POLICY-CONDITION-OPERATOR-CASE',
        `condition operator ${JSON.stringify(operator)} is not spelled as AWS documents it`,
        path,
        `write ${JSON.stringify(rebuild(sameCase))}`,
      );
      return sameCase;
    }
    const close = suggest(
      rest,
      CONDITION_OPERATORS.flatMap((o) => [o, `${o}IfExists`]),
    );
    issues.error(
      'E-POLICY-CONDITION-OPERATOR',
      `unknown condition operator ${JSON.stringify(operator)}`,
      path,
      didYouMean(close.map((o) => `${qualifier === '' ? '' : `${qualifier}:`}${o}`)) ??
        'use an IAM condition operator such as StringEquals, StringLike, ArnLike, Bool, NumericLessThan, IpAddress or Null',
    );
    return undefined;
  }
  if (base === 'Null' && ifExists) {
    const fixed = `${qualifier === '' ? '' : `${qualifier}:`}Null`;
    issues.error(
      'E-POLICY-CONDITION-IFEXISTS',
      `condition operator ${JSON.stringify(operator)} is invalid: Null cannot take IfExists`,
      path,
      `write ${JSON.stringify(fixed)}: Null already tests whether the key exists`,
    );
  }
  return base;
}

function conditionValues(raw: unknown, path: PolicyPath, key: string, issues: IssueList): Located<Scalar>[] {
  const isScalar = (v: unknown): v is Scalar =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  if (isScalar(raw)) return [{ value: raw, path }];
  if (!Array.isArray(raw)) {
    issues.error(
      'E-POLICY-CONDITION-VALUE-TYPE',
      `condition key ${JSON.stringify(key)} must have a string, number, boolean or a list of them, not ${describeType(raw)}`,
      path,
    );
    return [];
  }
  if (raw.length === 0) {
    issues.error(
      'E-POLICY-EMPTY-VALUE',
      `condition key ${JSON.stringify(key)} has an empty list of values`,
      path,
      'list at least one value',
    );
    return [];
  }
  const out: Located<Scalar>[] = [];
  raw.forEach((item, i) => {
    if (isScalar(item)) out.push({ value: item, path: [...path, i] });
    else
      issues.error(
        'E-POLICY-CONDITION-VALUE-TYPE',
        `condition values must be strings, numbers or booleans, not ${describeType(item)}`,
        [...path, i],
      );
  });
  return out;
}

const BOOL_TEXT = /^(true|false)$/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;
// ISO 8601 date or date-time (AWS also accepts epoch seconds, checked separately).
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function checkValue(base: string, v: Located<Scalar>, issues: IssueList): void {
  const value = v.value;
  const text = String(value);
  const bad = (expected: string, hint?: string): void =>
    issues.error('E-POLICY-CONDITION-VALUE', `${base} value ${show(value)} is not ${expected}`, v.path, hint);
  if (base === 'Bool' || base === 'Null') {
    if (typeof value === 'boolean' || BOOL_TEXT.test(text)) return;
    bad('"true" or "false"', BOOL_TEXT.test(text.toLowerCase()) ? `write "${text.toLowerCase()}"` : undefined);
  } else if (base.startsWith('Numeric')) {
    if (typeof value === 'number' || NUMBER_TEXT.test(text)) return;
    bad('a number');
  } else if (base.startsWith('Date')) {
    if (typeof value === 'number' || /^\d+$/.test(text) || (DATE_TEXT.test(text) && !Number.isNaN(Date.parse(text))))
      return;
    bad('an ISO 8601 date or epoch seconds', 'write e.g. "2025-01-31T00:00:00Z"');
  } else if (base === 'IpAddress' || base === 'NotIpAddress') {
    if (ipOrCidr(text)) return;
    bad('an IP address or CIDR block', 'write e.g. "203.0.113.0/24" or "2001:DB8::/32"');
  }
}

function ipOrCidr(text: string): boolean {
  const [address = '', prefix, ...extra] = text.split('/');
  if (extra.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
