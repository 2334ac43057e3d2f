import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { explainError as explainExternalError } from '../toolkit/errors.js';
import { CommanderError } from 'commander';
import { BulkheadError } from '../core/errors.js';
import { registerDemo } from './commands/demo.js';
import { registerInit } from './commands/init.js';
import { registerLocalCommand } from './commands/local.js';
import { registerApply } from './commands/apply.js';
import { registerPlan } from './commands/plan.js';
import { registerShow } from './commands/show.js';
import { registerImport } from './commands/import.js';
import { registerUnlock } from './commands/unlock.js';
import { registerSchema } from './commands/schema.js';
import { registerValidate } from './commands/validate.js';
import { registerAccess } from './commands/access.js';
import { registerExec } from './commands/exec.js';
import { registerCredentials } from './commands/credentials.js';
import { registerWhoami } from './commands/whoami.js';
import { registerLogin } from './commands/login.js';
import { registerProfiles } from './commands/profiles.js';
import { registerAudit } from './commands/audit.js';
import { registerQuotas } from './commands/quotas.js';
import { registerCheck } from './commands/check.js';
import { registerCost } from './commands/cost.js';
import type { ExitCode } from './exit-codes.js';
import { processTerminal, type Terminal } from './io.js';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The command tree; exported for the test that keeps the docs in step with it. */
export function buildProgram(term: Terminal, json: boolean, setExit: (code: ExitCode) => void): Command {
  const program = new Command('bulkhead')
    .description('Set up and govern an AWS multi-account organization as code, with a local cloud to rehearse on.')
    .version(version(), '-v, --version')
    .showSuggestionAfterError(true)
    .option('--no-color', 'no colours in the output (as NO_COLOR=1 does)')
    .showHelpAfterError('(run `bulkhead --help` for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => term.out(s.replace(/\n$/, '')),
      // With --json the usage error comes out as a JSON object from main instead.
      writeErr: (s) => (json ? undefined : term.err(s.replace(/\n$/, ''))),
      outputError: (s, write) => (json ? undefined : write(`${term.style.red('error')}: ${s.replace(/^error: /, '')}`)),
    });
  registerInit(program, term);
  registerValidate(program, term, setExit);
  registerSchema(program, term);
  registerPlan(program, term, setExit);
  registerApply(program, term, setExit);
  registerShow(program, term);
  registerImport(program, term);
  registerUnlock(program, term);
  registerDemo(program, term);
  registerAccess(program, term, setExit);
  registerCheck(program, term, setExit);
  registerProfiles(program, term);
  registerLocalCommand(program, term, setExit);
  registerExec(program, term, setExit);
  registerCredentials(program, term);
  registerWhoami(program, term);
  registerLogin(program, term);
  registerAudit(program, term);
  registerQuotas(program, term);
  registerCost(program, term);
  const override = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  program.commands.forEach(override);
  return program;
}

/** Whether a flag is on the command line (before any `--`); read before parsing, for errors in parsing itself. */
function hasFlag(argv: readonly string[], flag: string): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes(flag);
}

interface Failure {
  code: string;
  message: string;
  hint?: string | undefined;
  exitCode: ExitCode;
}

/**
 * Text on stderr, or with --json one JSON object as the last line of stderr: stdout keeps only
 * results, so `plan --json > plan.json` never leaves an error object where a plan is expected
 * (see docs/machine-interface.md).
 */
function report(term: Terminal, json: boolean, failure: Failure): ExitCode {
  if (json) {
    term.err(
      JSON.stringify({
        type: 'error',
        code: failure.code,
        message: failure.message,
        ...(failure.hint ? { hint: failure.hint } : {}),
        exitCode: failure.exitCode,
      }),
    );
  } else if (failure.code === 'internal') {
    term.err(`${term.style.red('internal error')}: ${failure.message}`);
    term.err('This is a bug in Bulkhead; please report it with the command you ran.');
  } else {
    term.err(`${term.style.red('error')}: ${failure.message}`);
    if (failure.hint) term.err(`  ${term.style.cyan('hint')}: ${failure.hint}`);
  }
  return failure.exitCode;
}

/**
 * Bulkhead pins SDK releases that support Node 20; on Node 20 the SDK's notice that future releases
 * will not is not the user's concern. From Node 22 on whatever the SDK says is left for it to say.
 */
export function silencesSdkNodeNotice(nodeVersion: string): boolean {
  return Number(nodeVersion.split('.')[0]) < 22;
}

export type TerminalFactory = (options: { noColor: boolean }) => Terminal;

/**
 * Runs the CLI and returns its exit code; only this function maps errors to exit codes: 0 success,
 * 1 an error in the input or the target, 2 a usage error (1 under --detailed-exitcode, where 2 means
 * "changes present"), 70 a bug of ours.
 */
export async function main(argv: string[], terminal: Terminal | TerminalFactory = processTerminal): Promise<ExitCode> {
  if (silencesSdkNodeNotice(process.versions.node))
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const term = typeof terminal === 'function' ? terminal({ noColor: hasFlag(argv, '--no-color') }) : terminal;
  const json = hasFlag(argv, '--json');
  const usageExit: ExitCode = hasFlag(argv, '--detailed-exitcode') ? 1 : 2;
  let exit: ExitCode = 0;
  const program = buildProgram(term, json, (code) => {
    exit = code;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (caught) {
    const err = explainExternalError(caught);
    if (err instanceof CommanderError) {
      // help and version exit through here with code 0; everything else is a usage mistake.
      if (err.exitCode === 0) return 0;
      // Commander has already printed the text (with its suggestion); only the JSON is left to say.
      if (!json) return usageExit;
      return report(term, json, { code: 'usage', message: err.message.replace(/^error: /, ''), exitCode: usageExit });
    }
    if (BulkheadError.is(err) && err.source !== 'internal') {
      const exitCode = err.code === 'usage' ? usageExit : err.code === 'interrupted' ? 130 : 1;
      return report(term, json, { code: err.code, message: err.message, hint: err.hint, exitCode });
    }
    if (process.env['BULKHEAD_DEBUG']) term.err((err as Error)?.stack ?? '');
    return report(term, json, {
      code: 'internal',
      message: (err as Error)?.message ?? String(err),
      exitCode: 70,
    });
  }
}
