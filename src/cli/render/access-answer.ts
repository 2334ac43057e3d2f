/** Text rendering of `access can` and `access explain` answers. */
import type { CanAnswer, EvaluationOk, StatementRef, StatementTrace } from '../../toolkit/access-types.js';
import type { ExplainAnswer } from '../../toolkit/access-explain.js';
import type { AccessAnswerMeta } from '../../toolkit/access.js';
import { formatEvaluation, formatStatementRef } from '../../toolkit/access-types.js';
import type { Style } from './style.js';

const requestText = (values: unknown) => (values === undefined ? 'absent' : JSON.stringify(values));

function sameRef(t: StatementTrace, r: StatementRef): boolean {
  return t.layer === r.layer && t.target === r.target && t.policy === r.policy && t.statementIndex === r.statementIndex;
}

function conditionLines(result: EvaluationOk, ref: StatementRef | undefined, indent: string): string[] {
  if (ref === undefined || result.trace === undefined) return [];
  const t = result.trace.find((x) => sameRef(x, ref));
  if (t === undefined) return [];
  return t.conditions.map(
    (c) =>
      `${indent}condition ${c.operator} ${c.key}: request ${requestText(c.requestValues)}, ` +
      `policy ${JSON.stringify(c.policyValues)} → ${c.matched ? 'matched' : 'did not match'}`,
  );
}

/** The deciding layer, statement and conditions of one evaluation, as indented lines. */
export function explainLines(result: EvaluationOk, indent: string, style: Style): string[] {
  const lines: string[] = [];
  if (result.decision === 'explicit-deny' && result.decidedBy) {
    lines.push(`${indent}${style.red('explicit deny')} by ${formatStatementRef(result.decidedBy)}`);
    lines.push(...conditionLines(result, result.decidedBy, `${indent}  `));
  } else if (result.decision === 'implicit-deny' && result.missingAllow) {
    const where = result.missingAllow.target ? ` at ${result.missingAllow.target}` : '';
    lines.push(
      `${indent}${style.yellow('implicit deny')} in layer ${result.missingAllow.layer}${where}: ${result.missingAllow.message}`,
    );
  } else {
    if (result.decidedBy) {
      lines.push(`${indent}${style.green('allowed')} by ${formatStatementRef(result.decidedBy)}`);
      lines.push(...conditionLines(result, result.decidedBy, `${indent}  `));
    } else lines.push(`${indent}${style.green('allowed')}`);
    for (const r of result.alsoRequired ?? []) lines.push(`${indent}  and ${formatStatementRef(r)}`);
  }
  return lines;
}

function notes(meta: AccessAnswerMeta, style: Style): string[] {
  return meta.notes.map((n) => style.dim(`note: ${n}`));
}

export function renderCan(answer: CanAnswer & AccessAnswerMeta, style: Style, trace: boolean): string {
  const who =
    answer.principal.kind === 'permission-set'
      ? `permission set ${answer.principal.name}`
      : `${answer.principal.kind} ${answer.principal.name}`;
  const lines = [
    `Can ${who} do ${answer.action} in ${answer.environment} (${answer.region})? From ${answer.description}.`,
  ];
  for (const a of answer.accounts) {
    const head = a.allowed ? style.green('✓ allowed') : style.red('✗ denied');
    lines.push(
      '',
      `${head} in account ${a.account} (${a.accountId}${a.accountIdKnown ? '' : ', placeholder'}) on ${a.resource}`,
    );
    if (a.grants.length === 0) {
      lines.push(`  not granted: ${who} has no permission set in ${answer.environment}`);
    }
    for (const g of a.grants) {
      const via =
        answer.principal.kind === 'user'
          ? g.group === undefined
            ? `via a direct assignment → permission set ${g.permissionSet}`
            : `via group ${g.group} → permission set ${g.permissionSet}`
          : `via permission set ${g.permissionSet}`;
      const owner = g.user !== undefined && g.group !== undefined ? ` (owner ${g.user} only)` : '';
      lines.push(`  ${g.allowed ? style.green('✓') : style.red('✗')} ${via}${owner}: ${g.result.decision}`);
      lines.push(...explainLines(g.result, '      ', style));
      if (trace)
        lines.push(
          ...formatEvaluation(g.result)
            .filter((l) => !l.startsWith('decision'))
            .map((l) => `      ${l}`),
        );
    }
    const gr = a.guardrails;
    // Only SCP outcomes count here; a missing resource-policy allow (cross-account) is not a guardrail.
    const scpDenies =
      gr.decision === 'explicit-deny'
        ? gr.decidedBy?.layer === 'scp'
        : gr.decision === 'implicit-deny' && gr.missingAllow?.layer === 'scp';
    lines.push(`  guardrails (SCPs) alone: ${scpDenies ? `deny it (${gr.decision})` : 'allow it'}`);
    if (scpDenies) lines.push(...explainLines(gr, '      ', style));
  }
  for (const g of answer.ownerOnly)
    lines.push(
      '',
      style.dim(
        `note: ${g.group} also holds ${g.permissionSet} here for its owner ${g.user} only (ownerOnly); ask with --principal ${g.user}`,
      ),
    );
  lines.push(
    '',
    answer.allowed
      ? style.green(
          `Answer: yes, in ${answer.accounts
            .filter((a) => a.allowed)
            .map((a) => a.account)
            .join(', ')}.`,
        )
      : style.red('Answer: no.'),
  );
  lines.push(...notes(answer, style));
  return lines.join('\n');
}

export function renderExplain(answer: ExplainAnswer, style: Style, trace: boolean): string {
  const p = answer.parsed;
  const lines = [
    `AccessDenied for ${p.action}${p.resource ? ` on ${p.resource}` : ''}`,
    `  caller:  ${p.principalArn}`,
    `  account: ${answer.account} (${answer.accountId})${answer.environment ? `, environment ${answer.environment}` : ''}`,
    `  role:    ${answer.permissionSet ? `permission set ${answer.permissionSet}` : 'not a permission set of the spec'}${answer.user ? `, user ${answer.user}` : ''}`,
  ];
  if (p.reason)
    lines.push(
      `  AWS says: ${p.reason.kind === 'explicit-deny' ? 'explicit deny' : 'no allow'} in ${p.reason.policyType}${p.reason.policyArn ? ` (${p.reason.policyArn})` : ''}`,
    );
  lines.push('', `${style.bold('Cause')}: ${answer.cause}.`);
  lines.push(...explainLines(answer.result, '  ', style));
  if (trace)
    lines.push(
      ...formatEvaluation(answer.result)
        .filter((l) => !l.startsWith('decision'))
        .map((l) => `  ${l}`),
    );
  if (answer.verdict === 'differs')
    lines.push(
      '',
      style.yellow(
        `Bulkhead's evaluation (${answer.result.decision}) does not match AWS's reason: the organization may differ from ${answer.description}.`,
      ),
    );
  else if (answer.verdict === 'agrees') lines.push('', style.dim(`Bulkhead's evaluation agrees with AWS's reason.`));
  else if (answer.verdict === 'consistent')
    lines.push(
      '',
      style.dim(
        `Consistent with AWS's reason: the guardrails allow it, and AWS blames ${p.reason?.policyType ?? 'a policy'} inside the role, which the spec does not define.`,
      ),
    );
  lines.push(...notes(answer, style));
  return lines.join('\n');
}
