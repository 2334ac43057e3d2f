import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { ExitCode } from '../exit-codes.js';
import { CliIoHost, type Terminal } from '../io.js';
import { accessSource, addAccessOptions, type AccessFlags } from './access-options.js';

interface CanFlags extends AccessFlags {
  principal: string;
  environment: string;
  action: string;
  resource?: string;
  region?: string;
  context: string[];
  trace?: boolean;
}

interface WhoCanFlags extends AccessFlags {
  environment?: string;
  resource?: string;
  region?: string;
}

interface ExplainFlags extends AccessFlags {
  account?: string;
  environment?: string;
  region?: string;
  trace?: boolean;
}

interface MatrixFlags extends AccessFlags {
  actions?: string;
  format: string;
  region?: string;
  out?: string;
}

const MATRIX_FORMATS = ['table', 'csv', 'json', 'html'];

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

export function registerAccess(program: Command, term: Terminal, setExit: (code: ExitCode) => void): void {
  const access = program
    .command('access')
    .description(
      'who can do what, where, and why: answers from org.yaml or the live organization, explained down to the statement',
    );
  // Diagnostics and progress go to stderr, so stdout holds only the answer (JSON stays parseable).
  const io = (_flags: AccessFlags) => new CliIoHost({ ...term, out: term.err }, false);

  addAccessOptions(
    access
      .command('can')
      .description(
        'can a group or user do ACTION in an environment? allowed or denied, per account, with the deciding policy and statement',
      )
      .requiredOption(
        '--principal <name>',
        'a group, a user (or her email), or an AWSReservedSSO_<PermissionSet>_… role',
      )
      .requiredOption('--environment <env>', 'an environment of the spec')
      .requiredOption('--action <action>', 'one action, e.g. dynamodb:DeleteTable')
      .option('--resource <arn>', 'the resource ARN (default: any resource of the type the action acts on)')
      .option('--region <region>', 'the region of the request (aws:RequestedRegion); default: the home region')
      .option('--context <key=value>', 'a condition key value, repeatable (lists comma-separated)', collect, [])
      .option('--trace', 'show every statement examined'),
  ).action(async (flags: CanFlags) => {
    const { accessCan } = await import('../../toolkit/access.js');
    const answer = await accessCan({
      ...accessSource(flags),
      io: io(flags),
      principal: flags.principal,
      environment: flags.environment,
      action: flags.action,
      ...(flags.resource === undefined ? {} : { resource: flags.resource }),
      ...(flags.region === undefined ? {} : { region: flags.region }),
      context: flags.context,
    });
    if (flags.json) term.out(JSON.stringify(answer, null, 2));
    else {
      const { renderCan } = await import('../render/access-answer.js');
      term.out(renderCan(answer, term.style, flags.trace === true));
    }
    setExit(0);
  });

  addAccessOptions(
    access
      .command('who-can')
      .description('every group, user and permission set that can do ACTION (per environment and account)')
      .argument('<action>', 'one action, e.g. iam:CreateRole')
      .option('--environment <env>', 'only this environment')
      .option('--resource <arn>', 'the resource ARN (default: any resource of the type the action acts on)')
      .option('--region <region>', 'the region of the request; default: the home region'),
  ).action(async (action: string, flags: WhoCanFlags) => {
    const { accessWhoCan } = await import('../../toolkit/access.js');
    const answer = await accessWhoCan({
      ...accessSource(flags),
      io: io(flags),
      action,
      ...(flags.environment === undefined ? {} : { environment: flags.environment }),
      ...(flags.resource === undefined ? {} : { resource: flags.resource }),
      ...(flags.region === undefined ? {} : { region: flags.region }),
    });
    if (flags.json) term.out(JSON.stringify(answer, null, 2));
    else {
      const { renderWhoCan } = await import('../render/access-who-can.js');
      term.out(renderWhoCan(answer, term.style));
    }
    setExit(0);
  });

  addAccessOptions(
    access
      .command('explain')
      .description(
        'explain an AccessDenied message pasted from the AWS CLI or console (argument, or stdin with - or nothing)',
      )
      .argument('[message...]', 'the message; quote it, or pipe it in')
      .option('--account <name>', 'the account the message is about, when its id is not in the spec')
      .option('--environment <env>', 'the environment the message is about, when the account id is not in the spec')
      .option('--region <region>', 'the region of the call (default: from the resource ARN, else the home region)')
      .option('--trace', 'show every statement examined'),
  ).action(async (words: string[], flags: ExplainFlags) => {
    const message = words.length === 0 || (words.length === 1 && words[0] === '-') ? readStdin() : words.join(' ');
    if (message.trim() === '')
      throw new UsageError(
        'no message to explain',
        'paste the AccessDenied message as an argument (quoted) or pipe it in: pbpaste | bulkhead access explain',
      );
    const { accessExplain } = await import('../../toolkit/access-explain.js');
    const answer = await accessExplain({
      ...accessSource(flags),
      io: io(flags),
      message,
      ...(flags.account === undefined ? {} : { account: flags.account }),
      ...(flags.environment === undefined ? {} : { environment: flags.environment }),
      ...(flags.region === undefined ? {} : { region: flags.region }),
    });
    if (flags.json) term.out(JSON.stringify(answer, null, 2));
    else {
      const { renderExplain } = await import('../render/access-answer.js');
      term.out(renderExplain(answer, term.style, flags.trace === true));
    }
    setExit(0);
  });

  addAccessOptions(
    access
      .command('matrix')
      .description('groups × environments × action classes: allowed / denied by a guardrail (SCP) / not granted')
      .option(
        '--actions <list>',
        'read, write, admin and/or action patterns, comma-separated (e.g. write or s3:*,dynamodb:DeleteTable); default: every action of common services',
      )
      .option('--format <format>', 'table, csv, json or html', 'table')
      .option('--region <region>', 'the region of the requests; default: the home region')
      .option('-o, --out <file>', 'write the matrix to a file instead of stdout'),
  ).action(async (flags: MatrixFlags) => {
    const format = flags.json ? 'json' : flags.format;
    if (!MATRIX_FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${MATRIX_FORMATS.join(', ')}, not "${format}"`);
    const { accessMatrix } = await import('../../toolkit/access.js');
    const actions =
      flags.actions === undefined
        ? undefined
        : flags.actions
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '');
    const m = await accessMatrix({
      ...accessSource(flags),
      io: io(flags),
      ...(actions === undefined ? {} : { actions }),
      ...(flags.region === undefined ? {} : { region: flags.region }),
    });
    const render = await import('../render/access-matrix.js');
    const text =
      format === 'json'
        ? JSON.stringify(render.matrixJson(m), null, 2)
        : format === 'csv'
          ? render.renderMatrixCsv(m)
          : format === 'html'
            ? render.renderMatrixHtml(m)
            : render.renderMatrixTable(m, flags.out ? { ...term.style, ...plain } : term.style);
    if (flags.out) {
      writeFileSync(flags.out, `${text}\n`);
      term.err(`wrote the access matrix (${m.data.rows.length} rows, ${m.columns.length} columns) to ${flags.out}`);
    } else term.out(text);
    setExit(0);
  });
}

const id = (s: string): string => s;
const plain = { red: id, yellow: id, green: id, cyan: id, dim: id, bold: id };
