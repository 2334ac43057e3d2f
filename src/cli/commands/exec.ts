import type { Command } from 'commander';
import { passedThrough, type ExitCode } from '../exit-codes.js';
import type { Terminal } from '../io.js';
import { ProgressIoHost } from '../render/progress.js';
import {
  addStageOptions,
  permissionSetChooser,
  productionGuard,
  stageRequest,
  type StageFlags,
} from './stage-options.js';
import { terminalPrompt, type Prompt } from './unlock.js';

export function registerExec(
  program: Command,
  term: Terminal,
  setExit: (code: ExitCode) => void,
  prompt: Prompt = terminalPrompt,
): void {
  addStageOptions(
    program
      .command('exec')
      .description("run a command with credentials for one environment's account, checked before it starts")
      .argument('<command...>', 'the command and its arguments, after --'),
  ).action(async (argv: string[], flags: StageFlags) => {
    const { stageCredentials } = await import('../../toolkit/exec/stage-credentials.js');
    const { childEnvironment } = await import('../../toolkit/exec/child-env.js');
    const { runChild } = await import('../../toolkit/exec/run-child.js');
    const io = new ProgressIoHost(term, 'plain');
    const choose = permissionSetChooser(term, prompt);
    const got = await stageCredentials({
      ...stageRequest(flags),
      io,
      confirmProduction: productionGuard(flags, term, prompt),
      ...(choose ? { choosePermissionSet: choose } : {}),
    });
    io.finish();
    term.err(
      `${term.style.dim('…')} ${got.environment.name}: account ${got.account.name} ${got.account.id} as ${got.caller.arn}`,
    );
    const [command, ...args] = argv;
    const outcome = await runChild(command!, args, childEnvironment(process.env, got));
    if (outcome.status !== 'exited') term.err(`bulkhead: ${outcome.message}`);
    setExit(passedThrough(outcome.exitCode));
  });
}
