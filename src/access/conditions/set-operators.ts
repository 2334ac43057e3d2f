/**
 * How one condition (operator + key + policy values) turns the request's value(s) into true/false,
 * including `…IfExists`, `Null`, and the `ForAllValues:` / `ForAnyValue:` set qualifiers.
 *
 * AWS rules (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html):
 * - key absent: positive operators are false, negated operators are true; `…IfExists` makes the condition true;
 * - an empty value (an empty list, or an empty string) is a null data set: `Null: false` ("the key exists and its
 *   value is not null") is false for it, `Null: true` true;
 * - `ForAllValues:` is true when the key is absent or its value is empty ("resolves to a null data set, such as
 *   an empty string"), else when every request value matches;
 * - `ForAnyValue:` is false when the key is absent or its value is empty, else true when at least one request
 *   value matches (so `ForAnyValue:StringNotEquals` over an empty value is false);
 * - several policy values for one key are OR-ed (a negated operator requires the value to match none of them).
 */
import type { ResolvedValue } from '../context-keys.js';
import type { VariableLookup } from '../policy-variables.js';
import type { ParsedOperator } from './operators.js';
import type { ValueMatcher } from './value-matcher.js';

/** Tests the request's value for the key: a string, a list (multivalued key), or undefined when absent. */
export type ConditionTest = (value: ResolvedValue | undefined, lookup: VariableLookup) => boolean;

export function buildConditionTest(op: ParsedOperator, policyValues: readonly string[]): ConditionTest {
  if (op.isNull) {
    const wantNull = policyValues.map((v) => v.toLowerCase() === 'true');
    return (value) => {
      const isNull = value === undefined || isEmpty(value);
      return wantNull.some((w) => w === isNull);
    };
  }
  const base = op.base!;
  const positive: ValueMatcher = base.family.compile(policyValues, base.variables);
  const perValue: ValueMatcher = base.negated ? (v, l) => !positive(v, l) : positive;

  if (op.qualifier === 'ForAllValues') {
    return (value, lookup) => {
      if (value === undefined || isEmpty(value)) return true;
      if (typeof value === 'string') return perValue(value, lookup);
      for (const v of value) if (!perValue(v, lookup)) return false;
      return true;
    };
  }
  if (op.qualifier === 'ForAnyValue') {
    // IfExists only speaks to an absent key; an empty list is present and has no value that matches.
    const ifExists = op.ifExists;
    return (value, lookup) => {
      if (value === undefined) return ifExists;
      if (isEmpty(value)) return false;
      if (typeof value === 'string') return perValue(value, lookup);
      for (const v of value) if (perValue(v, lookup)) return true;
      return false;
    };
  }
  const whenAbsent = op.ifExists || base.negated;
  // AWS: "Multivalued context keys require a condition set operator." A single-valued operator never
  // matches a list, negated or not (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
  if (base.negated) {
    return (value, lookup) => {
      if (value === undefined) return whenAbsent;
      if (typeof value !== 'string') return false;
      return !positive(value, lookup);
    };
  }
  return (value, lookup) => {
    if (value === undefined) return whenAbsent;
    if (typeof value !== 'string') return false;
    return positive(value, lookup);
  };
}

/** An empty list or an empty string: what AWS calls a value that "resolves to a null data set". */
function isEmpty(value: ResolvedValue): boolean {
  return value === '' || (Array.isArray(value) && value.length === 0);
}
