/** The condition operator registry: every base operator, whether it is negated, and its family. */
import { arnLike } from './arn.js';
import { binaryEquals, bool } from './bool-binary.js';
import { dateEquals, dateGreaterThan, dateGreaterThanEquals, dateLessThan, dateLessThanEquals } from './date.js';
import { ipAddress } from './ip.js';
import {
  numericEquals,
  numericGreaterThan,
  numericGreaterThanEquals,
  numericLessThan,
  numericLessThanEquals,
} from './numeric.js';
import { stringEquals, stringEqualsIgnoreCase, stringLike } from './string.js';
import type { OperatorFamily } from './value-matcher.js';

export interface BaseOperator {
  name: string;
  /** Negated operators match when the request value matches none of the policy values. */
  negated: boolean;
  family: OperatorFamily;
  /** Whether policy variables are substituted in the policy values. */
  variables: boolean;
}

const defs: Array<[string, boolean, OperatorFamily, boolean]> = [
  ['StringEquals', false, stringEquals, true],
  ['StringNotEquals', true, stringEquals, true],
  ['StringEqualsIgnoreCase', false, stringEqualsIgnoreCase, true],
  ['StringNotEqualsIgnoreCase', true, stringEqualsIgnoreCase, true],
  ['StringLike', false, stringLike, true],
  ['StringNotLike', true, stringLike, true],
  ['NumericEquals', false, numericEquals, false],
  ['NumericNotEquals', true, numericEquals, false],
  ['NumericLessThan', false, numericLessThan, false],
  ['NumericLessThanEquals', false, numericLessThanEquals, false],
  ['NumericGreaterThan', false, numericGreaterThan, false],
  ['NumericGreaterThanEquals', false, numericGreaterThanEquals, false],
  ['DateEquals', false, dateEquals, false],
  ['DateNotEquals', true, dateEquals, false],
  ['DateLessThan', false, dateLessThan, false],
  ['DateLessThanEquals', false, dateLessThanEquals, false],
  ['DateGreaterThan', false, dateGreaterThan, false],
  ['DateGreaterThanEquals', false, dateGreaterThanEquals, false],
  ['Bool', false, bool, false],
  ['BinaryEquals', false, binaryEquals, false],
  ['IpAddress', false, ipAddress, false],
  ['NotIpAddress', true, ipAddress, false],
  ['ArnEquals', false, arnLike, true],
  ['ArnNotEquals', true, arnLike, true],
  ['ArnLike', false, arnLike, true],
  ['ArnNotLike', true, arnLike, true],
];

const registry = new Map<string, BaseOperator>(
  defs.map(([name, negated, family, variables]) => [name.toLowerCase(), { name, negated, family, variables }]),
);

export const OPERATOR_NAMES: readonly string[] = [...defs.map(([n]) => n), 'Null'];

export type SetQualifier = 'ForAllValues' | 'ForAnyValue' | undefined;

export interface ParsedOperator {
  text: string;
  qualifier: SetQualifier;
  ifExists: boolean;
  /** undefined for `Null`. */
  base: BaseOperator | undefined;
  isNull: boolean;
}

/** Parses `ForAnyValue:StringLikeIfExists` and friends; undefined for unknown operators. */
export function parseOperator(text: string): ParsedOperator | undefined {
  let rest = text;
  let qualifier: SetQualifier;
  const lower = text.toLowerCase();
  if (lower.startsWith('forallvalues:')) {
    qualifier = 'ForAllValues';
    rest = text.slice('ForAllValues:'.length);
  } else if (lower.startsWith('foranyvalue:')) {
    qualifier = 'ForAnyValue';
    rest = text.slice('ForAnyValue:'.length);
  }
  const restLower = rest.toLowerCase();
  if (restLower === 'null') return { text, qualifier, ifExists: false, base: undefined, isNull: true };
  let ifExists = false;
  let name = restLower;
  if (restLower.endsWith('ifexists')) {
    ifExists = true;
    name = restLower.slice(0, -'ifexists'.length);
  }
  const base = registry.get(name);
  if (base === undefined) return undefined;
  return { text, qualifier, ifExists, base, isNull: false };
}
