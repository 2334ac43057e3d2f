import type { Diagnostic } from '../../core/diagnostics.js';
import type { Style } from './style.js';

/** Compiler-style: `org.yaml:12:5: error E-UNKNOWN-KEY: message`, then the hint indented. */
export function formatDiagnostic(d: Diagnostic, style: Style): string {
  const where = [d.file, d.line, d.column].filter((x) => x !== undefined).join(':');
  const severity = d.severity === 'error' ? style.red('error') : style.yellow('warning');
  const head = `${where ? `${style.bold(where)}: ` : ''}${severity} ${style.dim(d.code)}: ${d.message}`;
  return d.hint ? `${head}\n  ${style.cyan('hint')}: ${d.hint}` : head;
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
