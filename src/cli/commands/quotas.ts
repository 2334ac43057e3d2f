import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { CliIoHost, type Terminal } from '../io.js';
import { localeIsUtf8 } from '../render/symbols.js';
import { addTargetOptions, targetOptions, type TargetFlags } from './target-options.js';

interface QuotasFlags extends TargetFlags {
  file: string;
  service?: string;
  environment?: string;
  quota?: string;
  format: string;
  json?: boolean;
}

const FORMATS = ['table', 'json'];

export function registerQuotas(program: Command, term: Terminal): void {
  addTargetOptions(
    program
      .command('quotas')
      .description("each account's service quotas side by side per environment: applied value, usage, open requests")
      .option('-f, --file <file>', 'the spec: its accounts give each account its environment', 'org.yaml')
      .option('--service <code>', 'only this service (ec2, lambda, vpc, …; default: the headline services)')
      .option('--environment <name>', 'only the accounts of this environment')
      .option('--quota <code>', 'only this quota (e.g. L-B99A9384)')
      .option('--format <format>', 'table or json', 'table')
      .option('--json', 'the same as --format json'),
  ).action(async (flags: QuotasFlags, command: Command) => {
    const format = flags.json === true ? 'json' : flags.format;
    if (!FORMATS.includes(format))
      throw new UsageError(`--format must be table or json, not "${format}"`, 'use --format table or --format json');
    const explicitFile = command.getOptionValueSource('file') !== 'default';
    let model;
    if (explicitFile || existsSync(flags.file)) {
      const { requireValidSpec } = await import('./spec-first.js');
      model = await requireValidSpec(flags.file, new CliIoHost(term, false), { quiet: true });
    }
    const { quotas } = await import('../../toolkit/quotas/quotas.js');
    const report = await quotas({
      target: targetOptions(flags),
      io: { notify() {} },
      ...(model ? { model } : {}),
      ...(flags.service ? { service: flags.service } : {}),
      ...(flags.environment ? { environment: flags.environment } : {}),
      ...(flags.quota ? { quota: flags.quota } : {}),
    });
    if (format === 'json') {
      term.out(JSON.stringify(report, null, 2));
      return;
    }
    for (const w of report.warnings) term.err(`${term.style.yellow('warning')}: ${w.message}`);
    const { renderQuotasTable } = await import('../render/quotas-table.js');
    const width = Number(process.env.COLUMNS) > 0 ? Number(process.env.COLUMNS) : 80;
    const ellipsis = localeIsUtf8(process.env) ? '…' : '...';
    for (const line of renderQuotasTable(report, { width, ellipsis })) term.out(line);
  });
}
