/** Text rendering of `bulkhead audit`: one row per call, cut to fit the width (80 columns by default). */
import type { AuditResult } from '../../toolkit/audit/audit.js';
import type { AuditEvent } from '../../toolkit/audit/records.js';

const GAP = '  ';
const HEADERS = ['TIME (UTC)', 'ACCOUNT', 'PRINCIPAL', 'EVENT', 'RESULT'] as const;

function cells(e: AuditEvent): string[] {
  return [
    e.time.replace('T', ' ').replace(/(\.\d+)?Z$/, ''),
    e.accountName ?? e.accountId,
    e.principal.name,
    `${e.service}:${e.eventName}`,
    e.error ? e.error.code : 'ok',
  ];
}

/** Cuts text to `width` characters, ending with `ellipsis` when it was longer. */
export function cut(text: string, width: number, ellipsis: string): string {
  if (text.length <= width) return text;
  return `${text.slice(0, Math.max(0, width - ellipsis.length))}${ellipsis}`.slice(0, width);
}

/**
 * Column widths that fit `width`: each column as wide as its widest cell, then the widest of the shrinkable columns
 * (all but the time) loses a character at a time until the row fits, never below its header.
 */
export function columnWidths(rows: readonly string[][], width: number): number[] {
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const budget = width - GAP.length * (HEADERS.length - 1);
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > budget) {
    let widest = -1;
    for (let i = 1; i < widths.length; i++) {
      if (widths[i]! > HEADERS[i]!.length && (widest === -1 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest === -1) break;
    widths[widest]!--;
    total--;
  }
  return widths;
}

export function renderAuditTable(
  result: AuditResult,
  options: { width?: number; ellipsis: string; limit: number },
): string[] {
  const width = options.width ?? 80;
  const lines: string[] = [];
  const at = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const { read, skipped } = result.files;
  const files = `${read} log file${read === 1 ? '' : 's'} read${skipped > 0 ? ` (${skipped} skipped: see the warnings)` : ''}`;
  if (result.events.length === 0) {
    lines.push(`No events matched; ${files}.`);
  } else {
    const rows = result.events.map(cells);
    const widths = columnWidths(rows, width);
    const line = (r: readonly string[]) =>
      r
        .map((c, i) => cut(c, widths[i]!, options.ellipsis).padEnd(i === r.length - 1 ? 0 : widths[i]!))
        .join(GAP)
        .trimEnd();
    lines.push(line(HEADERS), ...rows.map(line), '');
    const shown = result.events.length;
    lines.push(
      result.matched > shown
        ? `${shown} newest of ${result.matched} events (--limit ${options.limit}); ${files}.`
        : `${result.matched} event${result.matched === 1 ? '' : 's'}, newest first; ${files}.`,
    );
  }
  lines.push(`Window: ${at(result.window.since)} to ${at(result.window.until)}.`);
  lines.push(
    `Trail${result.trail.name ? ` ${result.trail.name}` : ''}: s3://${result.trail.bucket}/${result.trail.root}`,
  );
  return lines.map((l) => cut(l, width, options.ellipsis));
}
