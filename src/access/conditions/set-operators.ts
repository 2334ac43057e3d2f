/**
 * How one condition (operator + key + policy values) turns the request's value(s) into true/false,
 * including `…IfExists`, `Null`, and the `ForAllValues:` / `ForAnyValue:` set qualifiers.
 *
 * AWS rules (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html):
 * - key absent: positive operators are false, negated operators are true; `…IfExists` makes the condition true;
 * - `ForAllValues:` is true when the key is absent or empty, else when every request value matches;
 * - `ForAnyValue:` is false when the key is absent or empty, else true when at least one request value matches;
 * - several policy values for one key are OR-ed (a negated operator requires the value to match none of them).
 */
import type { VariableLookup } from '../policy-variables.js';
import type { ParsedOperator } from './operators.js';
import type { ValueMatcher } from './value-matcher.js';

export type ConditionTest = (values: readonly string[] | undefined, lookup: VariableLookup) => boolean;

export function buildConditionTest(op: ParsedOperator, policyValues: readonly string[]): ConditionTest {
  if (op.isNull) {
    const wantAbsent = policyValues.map((v) => v.toLowerCase() === 'true');
    // A multivalued key sent with an empty list is present (with no values), so Null reports false for it.
    return (values) => {
      const absent = values === undefined;
      return wantAbsent.some((w) => w === absent);
    };
  }
  const base = op.base!;
  const positive: ValueMatcher = base.family.compile(policyValues, base.variables);
  const perValue: ValueMatcher = base.negated ? (v, l) => !positive(v, l) : positive;

  if (op.qualifier === 'ForAllValues') {
    return (values, lookup) => {
      if (values === undefined || values.length === 0) return true;
      for (const v of values) if (!perValue(v, lookup)) return false;
      return true;
    };
  }
  if (op.qualifier === 'ForAnyValue') {
    const ifExists = op.ifExists;
    return (values, lookup) => {
      if (values === undefined || values.length === 0) return ifExists;
      for (const v of values) if (perValue(v, lookup)) return true;
      return false;
    };
  }
  const whenAbsent = op.ifExists || base.negated;
  if (base.negated) {
    return (values, lookup) => {
      if (values === undefined || values.length === 0) return whenAbsent;
      for (const v of values) if (positive(v, lookup)) return false;
      return true;
    };
  }
  return (values, lookup) => {
    if (values === undefined || values.length === 0) return whenAbsent;
    for (const v of values) if (positive(v, lookup)) return true;
    return false;
  };
}
