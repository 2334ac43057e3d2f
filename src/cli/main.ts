import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { reportError } from './errors.js';
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

function buildProgram(term: Terminal, setExit: (code: ExitCode) => void): Command {
  const program = new Command('bulkhead')
    .description('Set up and govern an AWS multi-account organization as code, with a local cloud to rehearse on.')
    .version(version(), '-v, --version')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run `bulkhead --help` for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => term.out(s.replace(/\n$/, '')),
      writeErr: (s) => term.err(s.replace(/\n$/, '')),
      outputError: (s, write) => write(`${term.style.red('error')}: ${s.replace(/^error: /, '')}`),
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
  registerLocalCommand(program);
  const override = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  program.commands.forEach(override);
  return program;
}

/** Runs the CLI and returns its exit code; errors are mapped to exit codes here only (through reportError). */
export async function main(argv: string[], term: Terminal = processTerminal()): Promise<ExitCode> {
  // Bulkhead pins SDK releases that support Node 20; their notice about future releases is not the user's concern here.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  let exit: ExitCode = 0;
  const program = buildProgram(term, (code) => {
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
    return reportError(caught, term);
  }
}
