/** `access matrix` as a terminal table, CSV, JSON or a standalone HTML page. */
import type { AccessMatrixResult } from '../../toolkit/access.js';
import type { MatrixCell } from '../../toolkit/access-types.js';
import { STATUS_NAMES } from '../../toolkit/access-types.js';
import type { Style } from './style.js';

const cellTitle = (
  label: string,
  c: { status: string; allowed: number; deniedByScp: number; notGranted: number; total: number },
) =>
  `${label}: ${c.status}, ${c.allowed} allowed, ${c.deniedByScp} denied by SCP, ${c.notGranted} not granted of ${c.total}`;

function short(cell: MatrixCell): string {
  switch (cell.status) {
    case 'allowed':
      return 'yes';
    case 'partial':
      return `${cell.allowed}/${cell.total}`;
    case 'denied-by-scp':
      return 'SCP';
    case 'not-granted':
      return 'no';
    case 'no-access':
      return '·';
  }
}

function colour(cell: MatrixCell, style: Style): (s: string) => string {
  return cell.status === 'allowed'
    ? style.green
    : cell.status === 'partial'
      ? style.cyan
      : cell.status === 'denied-by-scp'
        ? style.red
        : cell.status === 'not-granted'
          ? style.yellow
          : style.dim;
}

export function renderMatrixTable(m: AccessMatrixResult, style: Style): string {
  const head = ['group', 'environment', ...m.columns.map((c) => c.label)];
  const owners = (r: number): string => {
    const grants = m.data.rows[r]!.grants;
    const users = grants.filter((g) => g.user !== undefined).map((g) => g.user);
    const limited = [...new Set(grants.flatMap((g) => g.accounts ?? []))];
    return (
      (users.length > 0 ? ` (owner ${users.join(', ')})` : '') +
      (limited.length > 0 ? ` (only ${limited.join(', ')})` : '')
    );
  };
  const body = m.data.rows.map((row, r) => [
    row.group,
    `${m.production.includes(row.environment) ? '*' : ''}${row.environment}${owners(r)}`,
    ...m.cells[r]!.map(short),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const pad = (s: string, i: number): string => s.padEnd(widths[i]!);
  const lines = [head.map(pad).join('  ')];
  m.data.rows.forEach((_, r) => {
    const b = body[r]!;
    lines.push(b.map((s, i) => (i < 2 ? pad(s, i) : colour(m.cells[r]![i - 2]!, style)(pad(s, i)))).join('  '));
  });
  lines.push(
    '',
    `${m.data.actions.length} actions, region ${m.data.region}, from ${m.description}.`,
    'yes: every action allowed · N/M: some allowed · SCP: granted, but a guardrail denies · no: not granted by the permission set(s) · "·": no permission set here · *: production',
    ...m.notes.map((n) => style.dim(`note: ${n}`)),
  );
  return lines.join('\n');
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderMatrixCsv(m: AccessMatrixResult): string {
  const lines = ['group,environment,production,column,status,allowed,denied_by_scp,not_granted,total'];
  m.data.rows.forEach((row, r) => {
    m.columns.forEach((c, i) => {
      const cell = m.cells[r]![i]!;
      lines.push(
        [
          row.group,
          row.environment,
          String(m.production.includes(row.environment)),
          c.label,
          cell.status,
          cell.allowed,
          cell.deniedByScp,
          cell.notGranted,
          cell.total,
        ]
          .map((v) => csvField(String(v)))
          .join(','),
      );
    });
  });
  return lines.join('\n');
}

export function matrixJson(m: AccessMatrixResult): unknown {
  return {
    source: m.source,
    identity: m.identity,
    description: m.description,
    notes: m.notes,
    region: m.data.region,
    columns: m.columns.map((c) => ({ label: c.label, actions: c.actionIndexes.map((i) => m.data.actions[i]!.action) })),
    rows: m.data.rows.map((row, r) => ({
      group: row.group,
      environment: row.environment,
      production: m.production.includes(row.environment),
      permissionSets: row.grants.map((g) => (g.user ? `${g.permissionSet} (owner ${g.user})` : g.permissionSet)),
      ...(row.grants.some((g) => g.accounts !== undefined)
        ? {
            grants: row.grants.map((g) => ({
              permissionSet: g.permissionSet,
              ...(g.user ? { owner: g.user } : {}),
              ...(g.accounts ? { accounts: g.accounts } : {}),
            })),
          }
        : {}),
      cells: Object.fromEntries(m.columns.map((c, i) => [c.label, m.cells[r]![i]!])),
      actions: Object.fromEntries(m.data.actions.map((a, i) => [a.action, STATUS_NAMES[row.statuses[i]!]!])),
    })),
  };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderMatrixHtml(m: AccessMatrixResult): string {
  const colours: Record<MatrixCell['status'], string> = {
    allowed: '#c8e6c9',
    partial: '#e0f2f1',
    'denied-by-scp': '#ffcdd2',
    'not-granted': '#fff9c4',
    'no-access': '#f5f5f5',
  };
  const rows = m.data.rows
    .map((row, r) => {
      const cells = m.cells[r]!.map(
        (cell, i) =>
          `<td style="background:${colours[cell.status]}" title="${esc(cellTitle(m.columns[i]!.label, cell))}">` +
          `${esc(short(cell))}</td>`,
      ).join('');
      return `<tr><th>${esc(row.group)}</th><th>${esc(row.environment)}${m.production.includes(row.environment) ? ' <em>prod</em>' : ''}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Access matrix</title>
<style>body{font-family:system-ui,sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:12px;text-align:center}th{text-align:left}</style></head>
<body><h1>Access matrix</h1><p>${esc(`${m.data.actions.length} actions, region ${m.data.region}, from ${m.description}.`)}</p>
<table><thead><tr><th>group</th><th>environment</th>${m.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
<p>yes: every action allowed · N/M: some allowed · SCP: granted, but a guardrail denies · no: not granted · ·: no permission set here</p>
${m.notes.map((n) => `<p><small>${esc(n)}</small></p>`).join('\n')}
</body></html>`;
}
