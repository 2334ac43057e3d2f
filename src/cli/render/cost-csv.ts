import type { CostReport } from '../../toolkit/cost/report.js';

const field = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The series as CSV, one line per group and period: `group,period,amount` (plus `account_id,environment` for
 * `--by account`), amounts in USD with six decimals (Cost Explorer's precision here), then the total per group
 * under period `total`. Plain ASCII separators, no locale.
 */
export function renderCostCsv(report: CostReport): string[] {
  const byAccount = report.range.by === 'account';
  const head = byAccount ? ['account', 'account_id', 'environment'] : [report.range.by];
  const lines = [[...head, 'period', 'amount_usd'].join(',')];
  for (const g of report.groups) {
    const key = byAccount ? [g.name, g.account?.id ?? '', g.account?.environment ?? ''] : [g.name];
    const cells = key.map(field).join(',');
    report.periods.forEach((p, i) => lines.push(`${cells},${p},${(g.series[i] ?? 0).toFixed(6)}`));
    lines.push(`${cells},total,${g.total.toFixed(6)}`);
  }
  return lines;
}
