import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { BulkheadError } from '../../core/errors.js';
import { CliIoHost, type Terminal } from '../io.js';
import { chartKind } from '../render/cost-chart.js';
import { localeIsUtf8 } from '../render/symbols.js';
import { addTargetOptions, targetOptions, type TargetFlags } from './target-options.js';

interface CostFlags extends TargetFlags {
  file: string;
  from?: string;
  to?: string;
  by: string;
  granularity: string;
  format: string;
  json?: boolean;
  chart?: string;
  yes?: boolean;
}

const FORMATS = ['table', 'csv', 'json'] as const;

function checkFlags(flags: CostFlags): { format: (typeof FORMATS)[number]; chart?: 'svg' | 'png' } {
  if (!(FORMATS as readonly string[]).includes(flags.format))
    throw new BulkheadError('E-COST-FORMAT', `--format "${flags.format}" is not table, csv or json`, {
      hint: 'use --format table (the default), --format csv or --format json (or --json)',
    });
  const format = (flags.json ? 'json' : flags.format) as (typeof FORMATS)[number];
  if (flags.chart === undefined) return { format };
  const chart = chartKind(flags.chart);
  if (chart === undefined)
    throw new BulkheadError('E-COST-CHART', `--chart ${flags.chart}: the file must end in .svg or .png`, {
      hint: 'e.g. --chart cost.svg (a vector image) or --chart cost.png',
    });
  return { format, chart };
}

/** On a terminal, asks before Cost Explorer requests past the first 10 on AWS; elsewhere only --yes allows them. */
function requestConfirmation(term: Terminal) {
  if (!term.isTty || !process.stdin.isTTY) return undefined;
  return async (info: { made: number; usdEach: number }): Promise<boolean> => {
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const spent = `$${(info.made * info.usdEach).toFixed(2)}`;
      const answer = await rl.question(
        `Cost Explorer charges $${info.usdEach.toFixed(2)} per request: ${info.made} made (${spent}) and the answers need more pages. Go on? Only "yes" is accepted: `,
      );
      return answer.trim() === 'yes';
    } finally {
      rl.close();
    }
  };
}

export function registerCost(program: Command, term: Terminal): void {
  addTargetOptions(
    program
      .command('cost')
      .description('what each environment costs: Cost Explorer by environment, account, kind, team, service or tag')
      .option('-f, --file <file>', 'the spec: its accounts and environments map costs to environments', 'org.yaml')
      .option('--from <date>', 'first day, YYYY-MM-DD (UTC; default: the first of this month)')
      .option('--to <date>', 'last day, YYYY-MM-DD, included (default: today)')
      .option('--by <grouping>', 'environment, account, kind, team, service or tag:KEY', 'environment')
      .option('--granularity <g>', 'daily or monthly', 'daily')
      .option('--format <format>', 'table, csv or json', 'table')
      .option('--json', 'print the report as JSON (as --format json; docs/machine-interface.md)')
      .option('--chart <file>', 'also write the chart to this .svg or .png file')
      .option('-y, --yes', 'on AWS, allow more than 10 Cost Explorer requests ($0.01 each) without asking'),
  ).action(async (flags: CostFlags, command: Command) => {
    const { format, chart } = checkFlags(flags);
    const { resolveRange } = await import('../../toolkit/cost/dates.js');
    const { parseGroupBy } = await import('../../toolkit/cost/group-by.js');
    const { cost, parseGranularity } = await import('../../toolkit/cost/cost.js');
    // Bad dates, groupings and granularities fail before anything loads or connects.
    resolveRange({ ...(flags.from ? { from: flags.from } : {}), ...(flags.to ? { to: flags.to } : {}) }, Date.now());
    parseGroupBy(flags.by);
    parseGranularity(flags.granularity);
    const explicitFile = command.getOptionValueSource('file') !== 'default';
    let model;
    if (explicitFile || existsSync(flags.file)) {
      const { requireValidSpec } = await import('./spec-first.js');
      model = await requireValidSpec(flags.file, new CliIoHost(term, false), { quiet: true });
    }
    const target = targetOptions(flags);
    const confirm = requestConfirmation(term);
    const report = await cost({
      target,
      io: new CliIoHost(term, false),
      ...(model ? { model } : {}),
      ...(flags.from ? { from: flags.from } : {}),
      ...(flags.to ? { to: flags.to } : {}),
      by: flags.by,
      granularity: flags.granularity,
      ...(flags.yes ? { yes: true } : {}),
      ...(confirm ? { confirmRequests: confirm } : {}),
    });
    const { costChartData } = await import('../render/cost-chart.js');
    if (chart) {
      const data = costChartData(report);
      const charts = await import('../render/cost-chart-files.js');
      await writeFile(flags.chart!, chart === 'svg' ? charts.svg(data) : charts.png(data));
    }
    if (format === 'json') {
      term.out(JSON.stringify({ ...report, ...(chart ? { chart: flags.chart } : {}) }, null, 2));
      return;
    }
    if (format === 'csv') {
      const { renderCostCsv } = await import('../render/cost-csv.js');
      for (const line of renderCostCsv(report)) term.out(line);
      term.err(requestFooterLine(report, target.target));
      return;
    }
    const { renderCostTable } = await import('../render/cost-table.js');
    const utf8 = localeIsUtf8(process.env);
    const width = term.isTty ? Math.max(60, process.stdout.columns || 80) : 80;
    for (const line of renderCostTable(report, { width, ellipsis: utf8 ? '…' : '...' })) term.out(line);
    if (report.periods.length > 0 && report.groups.length > 0) {
      const charts = await import('../render/cost-chart-files.js');
      const color = term.isTty && !process.env['NO_COLOR'] && utf8;
      term.out('');
      for (const line of charts.bars(costChartData(report), { width, color, unicode: utf8 }).split('\n'))
        term.out(line);
    }
    if (chart) term.out(`chart written to ${flags.chart}`);
    term.out(requestFooterLine(report, target.target));
  });
}

function requestFooterLine(report: { requests: { total: number; costUsd: number } }, target?: string): string {
  const onAws = (target ?? process.env['BULKHEAD_TARGET']) === 'aws';
  return `Cost Explorer requests: ${report.requests.total} ($${report.requests.costUsd.toFixed(2)}${onAws ? '' : ' on AWS'})`;
}
