import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { cloudWithTemplate } from '../e2e/local-connection.js';

// `bulkhead cost` as a pipe sees it: no TTY, LANG=C (ASCII only), 80 columns.
describe('bulkhead cost: table, CSV, JSON and chart output', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  const saved = { LANG: process.env['LANG'], LC_ALL: process.env['LC_ALL'] };
  beforeAll(async () => {
    env = await cloudWithTemplate('startup');
    env.useCredentials();
    process.env['LANG'] = 'C';
    delete process.env['LC_ALL'];
  }, 180_000);
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await env?.stop();
  });

  const lastMonth = (): { from: string; to: string } => {
    const first = `${new Date().toISOString().slice(0, 7)}-01`;
    const to = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    return { from: `${to.slice(0, 7)}-01`, to };
  };
  const cost = (...args: string[]) =>
    runCli(['cost', '-f', env.file, '--endpoint', env.cloud.endpoint, ...args], { env: { LANG: 'C' } });

  it('prints a table and chart in 80 ASCII columns, with the request count in the footer', async () => {
    const { from, to } = lastMonth();
    const r = await cost('--from', from, '--to', to);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`Cost by environment, ${from} to ${to} (daily), USD`);
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(80);
      expect(line, line).toMatch(/^[\x20-\x7e]*$/);
    }
    expect(lines.some((l) => /^prod\s+[\d,]+\.\d\d\s/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('total '))).toBe(true);
    expect(lines.at(-1)).toBe('Cost Explorer requests: 2 ($0.02 on AWS)');
  }, 60_000);

  it('CSV rows add up to the JSON totals; --json counts the requests', async () => {
    const { from, to } = lastMonth();
    const csv = await cost('--from', from, '--to', to, '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    const [head, ...rows] = csv.stdout.split('\n');
    expect(head).toBe('environment,period,amount_usd');
    const json = await cost('--from', from, '--to', to, '--json');
    const report = JSON.parse(json.stdout) as {
      total: number;
      groups: { name: string; total: number }[];
      requests: { total: number };
    };
    expect(report.requests.total).toBe(2);
    expect(csv.stderr).toBe('Cost Explorer requests: 2 ($0.02 on AWS)');
    const micros = (s: string) => Math.round(Number(s) * 1_000_000);
    const daily = new Map<string, number>();
    for (const row of rows) {
      const [name, period, amount] = row.split(',');
      if (period === 'total')
        expect(micros(amount!)).toBe(Math.round(report.groups.find((g) => g.name === name)!.total * 1e6));
      else daily.set(name!, (daily.get(name!) ?? 0) + micros(amount!));
    }
    for (const g of report.groups) expect(daily.get(g.name)).toBe(Math.round(g.total * 1e6));
    expect([...daily.values()].reduce((a, b) => a + b, 0)).toBe(Math.round(report.total * 1e6));
  }, 60_000);

  it('writes the chart to an .svg file', async () => {
    const file = join(env.dir, 'cost.svg');
    const r = await cost('--by', 'kind', '--granularity', 'monthly', '--chart', file);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^<svg|^<\?xml/);
    expect(r.stdout).toContain(`chart written to ${file}`);
  }, 60_000);

  it.each([
    [['--chart', 'cost.gif'], 'E-COST-CHART', /must end in \.svg or \.png/],
    [['--from', '01/02/2026'], 'E-COST-DATE-FORMAT', /YYYY-MM-DD/],
    [['--by', 'acount'], 'E-COST-BY', /did you mean `account`/],
    [['--format', 'xml'], 'E-COST-FORMAT', /table, csv or json/],
  ])('refuses %j with exit 1, %s, and no stack trace', async (args, code, message) => {
    const text = await cost(...args);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(message);
    expect(text.stderr).not.toMatch(/\n\s+at /);
    const json = await cost(...args, '--json');
    expect(JSON.parse(json.stderr.split('\n').at(-1)!)).toMatchObject({ type: 'error', code, exitCode: 1 });
  });
});
