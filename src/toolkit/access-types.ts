// The access types and pure formatters the CLI and the dashboard render (they may not import src/access directly).
export type { EvaluationOk, StatementRef, StatementTrace } from '../access/types.js';
export type { CanAnswer, AccountAnswer, GrantAnswer, WhoCanAnswer, WhoCanEntry } from '../access/org-queries.js';
export type { AccessMatrixData, MatrixCell, MatrixColumn, MatrixRow } from '../access/matrix.js';
export type { ActionInfo } from '../access/action-info.js';
export type { Principal, Grant } from '../access/principals.js';
export { formatEvaluation, formatStatementRef } from '../access/explain.js';
export { STATUS_NAMES } from '../access/matrix.js';
