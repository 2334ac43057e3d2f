/** Evaluation preceded by the asynchronous action checks against the IAM service reference. */
import { checkActions } from './check-actions.js';
import { evaluate } from './evaluate.js';
import type { AccessRequest, EvaluateOptions, EvaluationResult, PolicySet } from './types.js';

export async function evaluateChecked(
  request: AccessRequest,
  policySet: PolicySet,
  options: EvaluateOptions = {},
): Promise<EvaluationResult> {
  const result = evaluate(request, policySet, options);
  const actionErrors = await checkActions(request, policySet);
  if (actionErrors.length === 0) return result;
  return { ok: false, errors: [...(result.ok ? [] : result.errors), ...actionErrors] };
}
