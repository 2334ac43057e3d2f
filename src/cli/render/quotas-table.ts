/**
 * Text rendering of `bulkhead quotas`: one row per quota, one column per account headed by its environment, so each
 * environment's own value (and usage) sits side by side; columns that do not fit the width go to a further block.
 */
import type { QuotaCell, QuotasReport } from '../../toolkit/quotas/types.js';
import { cut } from './audit-table.js';

const GAP = '  ';
const LABEL_MAX = 36;
const CELL_MAX = 16;

function number(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
}

/** `value`, or `used/value pct%` when usage is known; `*` marks an open increase request; `?` an unreadable account. */
export function cellText(c: QuotaCell): string {
  if (c.value === null) return '?';
  const base = c.usage === null ? number(c.value) : `${number(c.usage)}/${number(c.value)} ${number(c.percent ?? 0)}%`;
  return c.openRequests.length > 0 ? `${base}*` : base;
}

export interface QuotasTableOptions {
  width: number;
  ellipsis: string;
}

export function renderQuotasTable(report: QuotasReport, options: QuotasTableOptions): string[] {
  const accounts = report.environments.flatMap((e) => e.accounts.map((a) => ({ env: e.name, name: a.name })));
  const out: string[] = [];
  const n = accounts.length;
  out.push(
    `Service quotas in ${report.region}: ${n} account${n === 1 ? '' : 's'} in ${report.environments.length} environment${report.environments.length === 1 ? '' : 's'}`,
  );
  if (report.quotas.length === 0 || n === 0) {
    out.push('', 'no quotas to show');
    return out;
  }
  const labels = report.quotas.map((q) => `${q.quotaCode} ${q.quotaName}`);
  const labelWidth = Math.min(LABEL_MAX, Math.max(5, ...labels.map((l) => l.length)));
  const cells = report.quotas.map((q) => q.values.map(cellText));
  const widths = accounts.map((a, i) =>
    Math.min(CELL_MAX, Math.max(a.env.length, a.name.length, ...cells.map((r) => r[i]!.length))),
  );
  // As many account columns per block as fit beside the label column.
  const blocks: number[][] = [];
  let current: number[] = [];
  let used = labelWidth;
  widths.forEach((w, i) => {
    if (current.length > 0 && used + GAP.length + w > options.width) {
      blocks.push(current);
      current = [];
      used = labelWidth;
    }
    current.push(i);
    used += GAP.length + w;
  });
  blocks.push(current);
  const pad = (text: string, w: number, right = false): string => {
    const t = cut(text, w, options.ellipsis);
    return right ? t.padStart(w) : t.padEnd(w);
  };
  const line = (label: string, cols: string[], block: number[], right: boolean): string =>
    [pad(label, labelWidth), ...block.map((i, k) => pad(cols[k]!, widths[i]!, right))].join(GAP).trimEnd();
  for (const block of blocks) {
    out.push('');
    out.push(
      line(
        '',
        block.map((i) => accounts[i]!.env),
        block,
        false,
      ),
    );
    out.push(
      line(
        'QUOTA',
        block.map((i) => accounts[i]!.name),
        block,
        false,
      ),
    );
    let service = '';
    report.quotas.forEach((q, r) => {
      if (q.serviceCode !== service) {
        service = q.serviceCode;
        out.push(cut(`${q.serviceCode}: ${q.serviceName}`, options.width, options.ellipsis));
      }
      out.push(
        line(
          `  ${labels[r]!}`,
          block.map((i) => cells[r]![i]!),
          block,
          false,
        ),
      );
    });
  }
  const open = report.quotas.flatMap((q) =>
    q.values.flatMap((c) =>
      c.openRequests.map(
        (o) =>
          `  ${c.accountName} (${c.environment}): ${q.serviceCode} ${q.quotaCode} to ${number(o.desiredValue)}, ${o.status}`,
      ),
    ),
  );
  out.push('');
  out.push(
    `defaults: AWS's; values are each account's applied value${open.length > 0 ? '; * an open increase request' : ''}`,
  );
  if (report.quotas.every((q) => q.values.every((c) => c.usage === null)))
    out.push('usage: not known (no CloudWatch usage metric reported)');
  if (open.length > 0)
    out.push('', 'open increase requests:', ...open.map((l) => cut(l, options.width, options.ellipsis)));
  return out;
}
