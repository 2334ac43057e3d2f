export type PolicyKind = 'scp' | 'identity' | 'resource' | 'trust' | 'permission-boundary';

export const POLICY_KINDS: readonly PolicyKind[] = ['scp', 'identity', 'resource', 'trust', 'permission-boundary'];

/** A path inside a policy document: object keys and array indexes, [] for the whole document. */
export type PolicyPath = (string | number)[];

export interface PolicyIssue {
  severity: 'error' | 'warning';
  /** Stable code: `E-…` for errors, `W-…` for warnings. */
  code: string;
  /** Names the wrong value. */
  message: string;
  /** What to change, including "did you mean …" suggestions. */
  hint?: string;
  path: PolicyPath;
}

/** Collects issues; checks push here instead of throwing. */
export class IssueList {
  readonly items: PolicyIssue[] = [];

  error(code: string, message: string, path: PolicyPath, hint?: string): void {
    this.push('error', code, message, path, hint);
  }

  warning(code: string, message: string, path: PolicyPath, hint?: string): void {
    this.push('warning', code, message, path, hint);
  }

  private push(
    severity: PolicyIssue['severity'],
    code: string,
    message: string,
    path: PolicyPath,
    hint?: string,
  ): void {
    const issue: PolicyIssue = { severity, code, message, path: [...path] };
    if (hint !== undefined) issue.hint = hint;
    this.items.push(issue);
  }
}

/** One string of a string-or-list element, with where it sits. */
export interface Located<T> {
  value: T;
  path: PolicyPath;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Renders a value for a message: strings quoted, others as JSON, long values cut. */
export function show(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
