import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { ReadProgress } from '../../toolkit/audit/read.js';
import { CliIoHost, type Terminal } from '../io.js';
import { localeIsUtf8 } from '../render/symbols.js';
import { addTargetOptions, targetOptions, type TargetFlags } from './target-options.js';

interface AuditFlags extends TargetFlags {
  file: string;
  account?: string;
  bucketAccount?: string;
  since?: string;
  until?: string;
  eventName: string[];
  principal: string[];
  errorsOnly?: boolean;
  limit?: string;
  json?: boolean;
}

/** Repeatable, and each value may list several comma-separated. */
function collect(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  ];
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
    throw new UsageError(`--limit "${text}" is not a whole number of 1 or more`, 'for example --limit 500');
  return Number(text);
}

/** On a terminal, one line on stderr redrawn in place while many files are listed and read. */
function progressLine(term: Terminal): { update: (p: ReadProgress) => void; clear: () => void } {
  const live = term.live;
  let last = 0;
  let shown = false;
  return {
    update(p) {
      if (!live || p.total < 20) return;
      const now = Date.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      shown = true;
      const what = p.phase === 'list' ? 'listing day folders' : 'reading log files';
      live.write(`\r${live.encode(`${what} ${p.done}/${p.total}`)}\u001b[K`);
    },
    clear() {
      if (shown) live?.write('\r\u001b[K');
    },
  };
}

export function registerAudit(program: Command, term: Terminal): void {
  addTargetOptions(
    program
      .command('audit')
      .description("who did what: the calls recorded in the organization trail's log files in the log-archive bucket")
      .option('-f, --file <file>', 'the spec: its audit.trail names the bucket, its accounts give names', 'org.yaml')
      .option('--account <name|id>', 'only calls in this account (a name from the spec or the organization, or an id)')
      .option('--since <when>', 'from this long ago (30m, 1h, 2d) or this ISO time (UTC)', '1h')
      .option('--until <when>', 'up to this long ago or this ISO time (default: now)')
      .option('--event-name <name>', 'only these events (CreateRole, iam:CreateRole, Delete*); repeatable', collect, [])
      .option(
        '--principal <text>',
        'only callers whose name, ARN or principal id contains this; repeatable',
        collect,
        [],
      )
      .option('--errors-only', 'only calls that failed (with an errorCode)')
      .option('--limit <n>', 'show the newest n matching events (default 100)')
      .option('--bucket-account <name|id>', 'the account that owns the trail bucket, when not the log-archive account')
      .option('--json', 'print { trail, window, files, matched, events, warnings } as JSON'),
  ).action(async (flags: AuditFlags, command: Command) => {
    const limit = parseLimit(flags.limit);
    const { timeWindow } = await import('../../toolkit/audit/window.js');
    timeWindow(flags, Date.now()); // a bad --since or --until is a usage error before anything connects
    const explicitFile = command.getOptionValueSource('file') !== 'default';
    let model;
    if (explicitFile || existsSync(flags.file)) {
      const { requireValidSpec } = await import('./spec-first.js');
      model = await requireValidSpec(flags.file, new CliIoHost(term, false), { quiet: true });
    }
    const { audit, DEFAULT_AUDIT_LIMIT } = await import('../../toolkit/audit/audit.js');
    const progress = progressLine(term);
    let result;
    try {
      result = await audit({
        target: targetOptions(flags),
        io: { notify() {} },
        ...(model ? { model } : {}),
        ...(flags.account ? { account: flags.account } : {}),
        ...(flags.bucketAccount ? { bucketAccount: flags.bucketAccount } : {}),
        ...(flags.since ? { since: flags.since } : {}),
        ...(flags.until ? { until: flags.until } : {}),
        eventNames: flags.eventName,
        principals: flags.principal,
        errorsOnly: flags.errorsOnly === true,
        ...(limit ? { limit } : {}),
        ...(flags.json ? {} : { onProgress: progress.update }),
      });
    } finally {
      progress.clear();
    }
    if (flags.json) {
      term.out(JSON.stringify(result, null, 2));
      return;
    }
    for (const w of result.warnings) term.err(`${term.style.yellow('warning')}: ${w.message}`);
    const { renderAuditTable } = await import('../render/audit-table.js');
    const ellipsis = localeIsUtf8(process.env) ? '…' : '...';
    for (const line of renderAuditTable(result, { ellipsis, limit: limit ?? DEFAULT_AUDIT_LIMIT })) term.out(line);
  });
}
