import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { ExitCode } from '../exit-codes.js';
import type { Terminal } from '../io.js';
import type { CheckReport, Finding } from '../../toolkit/check.js';
import { targetOptions, type TargetFlags } from './target-options.js';

const WIDTH = 80;
const FAIL_ON = ['error', 'warning', 'info'] as const;

interface CheckFlags extends Omit<TargetFlags, 'region'> {
  file: string;
  from: string;
  json?: boolean;
  failOn: string;
  maxProdWriters?: string;
  maxScps?: string;
  awsRegion?: string;
}

function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, not "${value}"`, `e.g. ${flag} 3`);
  return Number(value);
}

/** Word-wraps `text` to the width, every line after the first indented like the first. */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/)) {
    if (line.trim() !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = line.trim() === '' ? `${indent}${word}` : `${line} ${word}`;
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 3)}...`;
}

export function renderReport(report: CheckReport & { description: string }, term: Terminal): string[] {
  const s = report.summary;
  const out = wrap(`bulkhead check: ${report.description}`, '');
  out.push(
    ...wrap(
      `score ${report.score}/100: ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info; ` +
        `${s.passed} of ${report.rules.length} rules pass${s.notCheckable ? `, ${s.notCheckable} not checkable` : ''}`,
      '',
    ),
  );
  out.push('');
  out.push(`${'RULE'.padEnd(26)}${'RESULT'.padEnd(15)}${'FINDINGS'.padStart(8)}${'WEIGHT'.padStart(8)}`);
  for (const r of report.rules) {
    const result = r.status === 'not-checkable' ? 'not checkable' : r.status;
    const colour = r.status === 'pass' ? term.style.green : r.status === 'fail' ? term.style.red : term.style.dim;
    out.push(
      `${cut(r.id, 25).padEnd(26)}${colour(result.padEnd(15))}${String(r.findings).padStart(8)}${String(r.weight).padStart(8)}`,
    );
  }
  const reasons = [...new Set(report.rules.flatMap((r) => (r.reason ? [r.reason] : [])))];
  for (const reason of reasons) out.push(...wrap(`(${reason})`, ''));
  for (const f of report.findings) out.push('', ...renderFinding(f, term));
  return out;
}

function renderFinding(f: Finding, term: Terminal): string[] {
  const label = f.severity.toUpperCase().padEnd(8);
  const styled =
    f.severity === 'error' ? term.style.red(label) : f.severity === 'warning' ? term.style.yellow(label) : label;
  const lines = [`${styled}${cut(`${f.rule}  ${f.subject.type} ${f.subject.name}`, WIDTH - 8)}`];
  lines.push(...wrap(f.message, '  '));
  lines.push(...wrap(`why: ${f.why}`, '  '));
  lines.push('  fix (org.yaml):');
  for (const l of f.fix.split('\n')) lines.push(cut(`    ${l}`, WIDTH));
  lines.push(`  docs: ${f.docPage}`);
  return lines;
}

export function registerCheck(program: Command, term: Terminal, setExit: (code: ExitCode) => void): void {
  program
    .command('check')
    .description("score the organization against the guides' recommendations; exit 1 on findings at --fail-on")
    .option('-f, --file <file>', 'the spec', 'org.yaml')
    .option('--from <source>', 'spec (the default: no AWS calls) or live (read the organization)', 'spec')
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding is at this severity or above: error, warning or info',
      'error',
    )
    .option('--max-prod-writers <n>', 'prod-writers: how many people may change production (default 3)')
    .option('--max-scps <n>', 'governance-lean: how many custom SCPs before it warns (default 8)')
    .option('--json', 'print the report as JSON (docs/machine-interface.md)')
    .option('--target <target>', 'with --from live: local (the default: the local cloud) or aws')
    .option('--endpoint <url>', 'with --from live: send every call to this AWS-compatible endpoint')
    .option('--profile <name>', 'with --from live: AWS profile (with --target aws)')
    .option('--aws-region <region>', 'with --from live: AWS region for the clients')
    .option('--data <dir>', 'with --from live: local cloud data folder', '.bulkhead/local-cloud')
    .action(async (flags: CheckFlags) => {
      if (!(FAIL_ON as readonly string[]).includes(flags.failOn))
        throw new UsageError(
          `--fail-on must be error, warning or info, not "${flags.failOn}"`,
          'e.g. --fail-on warning',
        );
      const maxProdWriters = count('--max-prod-writers', flags.maxProdWriters);
      const maxCustomScps = count('--max-scps', flags.maxScps);
      const { awsRegion, ...rest } = flags;
      const { check, failsAt } = await import('../../toolkit/check.js');
      const report = await check({
        file: flags.file,
        from: flags.from,
        target: targetOptions(awsRegion === undefined ? rest : { ...rest, region: awsRegion }),
        thresholds: {
          ...(maxProdWriters === undefined ? {} : { maxProdWriters }),
          ...(maxCustomScps === undefined ? {} : { maxCustomScps }),
        },
      });
      const failOn = flags.failOn as (typeof FAIL_ON)[number];
      const failed = failsAt(report, failOn);
      if (flags.json) term.out(JSON.stringify({ ...report, failOn, failed }, null, 2));
      else {
        for (const line of renderReport(report, term)) term.out(line);
        term.out('');
        term.out(
          failed
            ? term.style.red(`findings at ${failOn} or above: exit 1`)
            : term.style.green(`no finding at ${failOn} or above`),
        );
      }
      setExit(failed ? 1 : 0);
    });
}
