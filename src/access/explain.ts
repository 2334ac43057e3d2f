/** Renders an evaluation result as plain text lines (the CLI and the dashboard decorate them). */
import type { EvaluationResult, StatementRef, StatementTrace } from './types.js';

export function formatStatementRef(ref: StatementRef): string {
  const where = ref.target === undefined ? ref.layer : `${ref.layer} at ${ref.target}`;
  const sid = ref.sid === undefined ? '' : ` (Sid ${ref.sid})`;
  return `${where}: policy ${ref.policy}, statement #${ref.statementIndex}${sid}`;
}

function formatTrace(t: StatementTrace): string[] {
  const mark = t.applies ? (t.effect === 'Deny' ? '✗' : '✓') : '·';
  const parts = [
    `action ${t.actionMatched ? 'matched' : 'did not match'}`,
    `resource ${t.resourceMatched ? 'matched' : 'did not match'}`,
  ];
  if (t.principalMatch !== undefined)
    parts.push(`principal ${t.principalMatch === 'none' ? 'did not match' : `matched (${t.principalMatch})`}`);
  const lines = [`  ${mark} ${t.effect} ${formatStatementRef(t)}: ${parts.join(', ')}`];
  for (const c of t.conditions) {
    const req = c.requestValues === undefined ? 'absent' : JSON.stringify(c.requestValues);
    lines.push(
      `      ${c.matched ? 'true ' : 'false'} ${c.operator} ${c.key}: request ${req}, policy ${JSON.stringify(c.policyValues)}`,
    );
  }
  return lines;
}

export function formatEvaluation(result: EvaluationResult): string[] {
  if (!result.ok)
    return result.errors.map(
      (e) =>
        `error ${e.code}: ${e.message}${e.suggestions.length > 0 ? ` (did you mean ${e.suggestions.join(', ')}?)` : ''}`,
    );
  const lines = [`decision: ${result.decision}`];
  if (result.decidedBy !== undefined) lines.push(`decided by ${formatStatementRef(result.decidedBy)}`);
  if (result.missingAllow !== undefined) lines.push(`missing allow: ${result.missingAllow.message}`);
  for (const r of result.alsoRequired ?? []) lines.push(`also required ${formatStatementRef(r)}`);
  if (result.trace !== undefined) {
    lines.push('statements:');
    for (const t of result.trace) lines.push(...formatTrace(t));
  }
  return lines;
}
