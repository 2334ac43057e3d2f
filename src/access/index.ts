/** Public API of Bulkhead's IAM policy evaluator. */
export type {
  AccessRequest,
  ConditionBlock,
  ConditionTrace,
  ContextValue,
  Decision,
  EvaluateOptions,
  EvaluationFailure,
  EvaluationOk,
  EvaluationResult,
  InputError,
  Layer,
  MissingAllow,
  NamedPolicy,
  PolicyDocument,
  PolicySet,
  PolicyStatement,
  PrincipalElement,
  PrincipalMatchKind,
  RequestPrincipal,
  ScpLevel,
  StatementRef,
  StatementTrace,
} from './types.js';
export { evaluate, isAllowed } from './evaluate.js';
export { validateRequest } from './validate.js';
export { checkAction, checkActions, expandActionPattern } from './check-actions.js';
export { formatEvaluation, formatStatementRef } from './explain.js';
export { evaluateChecked } from './evaluate-checked.js';
