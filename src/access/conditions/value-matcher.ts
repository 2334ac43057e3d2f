import type { VariableLookup } from '../policy-variables.js';

/** True when one request value matches at least one of the condition's policy values. */
export type ValueMatcher = (requestValue: string, lookup: VariableLookup) => boolean;

/** One family of condition operators (String, Numeric…) for the positive (non-negated) form. */
export interface OperatorFamily {
  /** Returns a message when a policy value cannot be used with this operator. */
  check?(policyValue: string): string | undefined;
  compile(policyValues: readonly string[], variables: boolean): ValueMatcher;
}
