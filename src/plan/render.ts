import type { PolicyOrigin } from '../model/organization.js';
import { changedLines } from './line-diff.js';
import { ACTION_SYMBOLS, summarize, type Action, type Change, type PlanNote, type PlanProblem } from './types.js';

export interface PlanStyle {
  action(action: Action, text: string): string;
  destructive(text: string): string;
  dim(text: string): string;
}

export const plainPlanStyle: PlanStyle = { action: (_a, t) => t, destructive: (t) => t, dim: (t) => t };

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

const count = (n: number) => n.toLocaleString('en-US');

/** `holds allowed-regions, deny-leave-organization · 1,845 of 5,120 characters` */
export function originLine(origin: PolicyOrigin): string {
  return `holds ${origin.guardrails.join(', ')} · ${count(origin.size)} of ${count(origin.maxSize)} characters`;
}

/** One line per change with its symbol, then its properties as `name: before → after`. */
export function renderChanges(changes: readonly Change[], style: PlanStyle = plainPlanStyle): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    const head = `${ACTION_SYMBOLS[c.action]} ${c.action.padEnd(6)} ${c.kind} ${c.label}`;
    lines.push(`  ${style.action(c.action, head)}${c.destructive ? `  ${style.destructive('!! destructive')}` : ''}`);
    if (c.origin) lines.push(style.dim(`        ${originLine(c.origin)}`));
    for (const p of c.properties) {
      if (
        (p.name === 'content' || p.name === 'inlinePolicy') &&
        typeof p.before === 'string' &&
        typeof p.after === 'string'
      ) {
        lines.push(style.dim(`        ${p.name}:`));
        const pretty = (t: string) => JSON.stringify(JSON.parse(t), null, 2);
        for (const l of changedLines(pretty(p.before), pretty(p.after))) lines.push(`          ${l}`);
        continue;
      }
      const text =
        p.before === undefined
          ? show(p.after)
          : p.after === undefined
            ? `${show(p.before)} → (removed)`
            : `${show(p.before)} → ${show(p.after)}`;
      lines.push(style.dim(`        ${p.name}: ${text}`));
    }
  }
  return lines;
}

export function renderProblems(problems: readonly PlanProblem[]): string[] {
  return problems.map((p) => `  ${p.severity}: ${p.code}: ${p.message}${p.hint ? `\n    hint: ${p.hint}` : ''}`);
}

export function summaryLine(changes: readonly Change[], problems: readonly PlanProblem[] = []): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) {
    const others =
      changes.length > 0 ? ` (${changes.length} other change${changes.length === 1 ? '' : 's'} planned)` : '';
    return `The plan has ${errors} error${errors === 1 ? '' : 's'}: fix the spec before applying${others}.`;
  }
  if (changes.length === 0) return 'No changes: the organization matches the spec.';
  const s = summarize(changes);
  const parts = (Object.keys(s) as Action[]).filter((a) => s[a] > 0).map((a) => `${s[a]} to ${a}`);
  const destructive = changes.filter((c) => c.destructive).length;
  return `Plan: ${parts.join(', ')}${destructive > 0 ? ` (${destructive} destructive)` : ''}.`;
}

/** The whole plan as text, for terminals, CI logs and snapshot tests. */
export function renderPlan(
  changes: readonly Change[],
  problems: readonly PlanProblem[],
  style: PlanStyle = plainPlanStyle,
  notes: readonly PlanNote[] = [],
): string {
  const lines: string[] = [];
  if (problems.length > 0) lines.push('Problems:', ...renderProblems(problems), '');
  if (changes.length > 0) lines.push(...renderChanges(changes, style), '');
  const destructive = changes.filter((c) => c.destructive);
  if (destructive.length > 0) {
    lines.push(
      style.destructive(
        `!! ${destructive.length} destructive change${destructive.length === 1 ? '' : 's'} (${destructive.map((c) => `${c.action} ${c.label}`).join('; ')}): apply needs --allow-destroy`,
      ),
      '',
    );
  }
  if (notes.length > 0) lines.push('Not changed by this plan:', ...notes.map((n) => `  note: ${n.message}`), '');
  lines.push(summaryLine(changes, problems));
  return lines.join('\n');
}
