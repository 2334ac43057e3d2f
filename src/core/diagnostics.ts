export type Severity = 'error' | 'warning';

/** One problem found in user input, with where it is and what to change. */
export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. `E-UNKNOWN-KEY` or `BP-NO-REGION-GUARDRAIL`. */
  code: string;
  message: string;
  hint?: string;
  file?: string;
  line?: number;
  column?: number;
  /** The YAML path, dotted, e.g. `accounts[3].email`. */
  path?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics as a compiler would: by file, line, column, then code. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/** Renders a path of keys and indexes as `accounts[3].email`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
