import type { CostReport } from '../../toolkit/cost/report.js';
import { cut, money, percent } from './cost-format.js';

export interface CostTableOptions {
  width: number;
  /** `…` on UTF-8 terminals, `...` otherwise. */
  ellipsis: string;
}

const SERVICE_SHORT: [RegExp, string][] = [
  [/^Amazon Elastic Compute Cloud - Compute$/, 'EC2'],
  [/^EC2 - Other$/, 'EC2-Other'],
  [/^Amazon Relational Database Service$/, 'RDS'],
  [/^Amazon Simple Storage Service$/, 'S3'],
  [/^Amazon /, ''],
  [/^AWS /, ''],
];

/** Service names short enough for a column (`Amazon Simple Storage Service` → `S3`); JSON keeps the full names. */
export function shortService(name: string): string {
  for (const [re, to] of SERVICE_SHORT) if (re.test(name)) return name.replace(re, to);
  return name;
}

const byTitle = (by: string): string => (by.startsWith('tag:') ? `TAG ${by.slice(4)}` : by.toUpperCase());

/**
 * The report as a table fitted to the width: one line per group (total, comparison, change, top services), a
 * total line, the forecast and notes. No colour: the same on a terminal and in a pipe.
 */
export function renderCostTable(report: CostReport, options: CostTableOptions): string[] {
  const { width, ellipsis } = options;
  const r = report.range;
  const lines = [
    cut(
      `Cost by ${r.by}, ${r.from} to ${r.to} (${r.granularity.toLowerCase()}), ${report.currency}${report.estimated ? ', estimated' : ''}`,
      width,
      ellipsis,
    ),
  ];
  if (report.comparison)
    lines.push(
      cut(
        `compared with the ${report.comparison.label}: ${report.comparison.from} to ${report.comparison.to}`,
        width,
        ellipsis,
      ),
    );
  lines.push('');
  const amounts = [...report.groups.map((g) => g.total), report.total, ...report.groups.map((g) => g.previous ?? 0)];
  const amountWidth = Math.max(9, ...amounts.map((a) => money(a).length));
  const nameWidth = Math.min(24, Math.max(10, byTitle(r.by).length, ...report.groups.map((g) => g.name.length)));
  const fixed = nameWidth + 1 + amountWidth + 1 + amountWidth + 1 + 8 + 2;
  const servicesWidth = Math.max(0, width - fixed);
  const row = (name: string, total: string, previous: string, change: string, services: string): string =>
    `${cut(name, nameWidth, ellipsis).padEnd(nameWidth)} ${total.padStart(amountWidth)} ${previous.padStart(amountWidth)} ${change.padStart(8)}  ${cut(services, servicesWidth, ellipsis)}`.trimEnd();
  lines.push(row(byTitle(r.by), 'TOTAL', 'PREVIOUS', 'CHANGE', servicesWidth >= 12 ? 'TOP SERVICES' : ''));
  for (const g of report.groups) {
    const services = g.topServices.map((s) => shortService(s.service)).join(', ');
    lines.push(
      row(
        g.name,
        money(g.total),
        g.previous === null ? 'n/a' : money(g.previous),
        percent(g.change),
        servicesWidth >= 12 ? services : '',
      ),
    );
  }
  const c = report.comparison;
  lines.push(row('total', money(report.total), c ? money(c.total) : 'n/a', percent(c?.change ?? null), ''));
  const f = report.forecast;
  if (f) {
    lines.push('');
    const month =
      f.monthTotal === null
        ? `forecast ${f.month}: ${money(f.remaining)} more from ${f.from} to the month's end`
        : `forecast ${f.month}: ${money(f.monthTotal)} (${money(f.monthToDate ?? 0)} so far + ${money(f.remaining)} to come)`;
    lines.push(cut(month, width, ellipsis));
  }
  for (const note of report.notes) lines.push(cut(`note: ${note}`, width, ellipsis));
  return lines;
}

/** The footer: how many Cost Explorer requests the report took and what they cost on AWS. */
export function requestFooter(report: CostReport, onAws: boolean): string {
  const n = report.requests.total;
  const cost = `$${report.requests.costUsd.toFixed(2)}${onAws ? '' : ' on AWS'}`;
  return `Cost Explorer requests: ${n} (${cost})`;
}
