/** Text rendering of `access who-can`. */
import type { AccessAnswerMeta } from '../../toolkit/access.js';
import type { WhoCanAnswer, WhoCanEntry } from '../../toolkit/access-types.js';
import { formatStatementRef } from '../../toolkit/access-types.js';
import type { Style } from './style.js';

function who(e: WhoCanEntry): string {
  const p =
    e.principal.kind !== 'user'
      ? `group ${e.principal.name}`
      : `user ${e.principal.name} (${e.group === undefined ? 'assigned directly' : `via group ${e.group}`})`;
  return `${p} with ${e.permissionSet}${e.ownerOnly ? ` (owner ${e.ownerOnly} only)` : ''}`;
}

function blockedBy(e: WhoCanEntry): string {
  const r = e.blockedBy;
  if (r?.decision === 'explicit-deny' && r.decidedBy) return `denied by ${formatStatementRef(r.decidedBy)}`;
  if (r?.missingAllow) return r.missingAllow.message;
  return 'denied';
}

export function renderWhoCan(answer: WhoCanAnswer & AccessAnswerMeta, style: Style): string {
  const lines = [`Who can do ${answer.action} (${answer.region})? From ${answer.description}.`];
  for (const env of answer.environments) {
    const allowed = answer.allowed.filter((e) => e.environment === env);
    const blocked = answer.blocked.filter((e) => e.environment === env);
    if (allowed.length === 0 && blocked.length === 0) continue;
    lines.push('', style.bold(env));
    for (const e of allowed) lines.push(`  ${style.green('✓')} ${who(e)} in ${e.account}`);
    for (const e of blocked) lines.push(`  ${style.red('✗')} ${who(e)} in ${e.account}: granted, but ${blockedBy(e)}`);
  }
  if (answer.allowed.length === 0) lines.push('', 'Nobody can.');
  const groups = new Set(answer.allowed.filter((e) => e.principal.kind === 'group').map((e) => e.principal.name));
  const users = new Set(answer.allowed.filter((e) => e.principal.kind === 'user').map((e) => e.principal.name));
  const sets = new Set(answer.allowed.map((e) => e.permissionSet));
  if (answer.allowed.length > 0)
    lines.push(
      '',
      `Groups: ${[...groups].join(', ') || 'none'}. Users: ${[...users].join(', ') || 'none'}. Permission sets: ${[...sets].join(', ')}.`,
    );
  lines.push(...answer.notes.map((n) => style.dim(`note: ${n}`)));
  return lines.join('\n');
}
