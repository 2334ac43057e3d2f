import type { Command } from 'commander';
import { BulkheadError } from '../../core/errors.js';
import type { Terminal } from '../io.js';
import { terminalPrompt, type Prompt } from './unlock.js';

export interface StageFlags {
  file: string;
  stage: string;
  account?: string;
  permissionSet?: string;
  role?: string;
  profile?: string;
  region?: string;
  confirmProd?: boolean;
  target?: string;
  endpoint?: string;
  data?: string;
}

/** The flags exec and credentials share: which environment, which account and role, where. */
export function addStageOptions(command: Command): Command {
  return command
    .requiredOption('--stage <environment>', 'the environment to run in (an environment of the spec)')
    .option('-f, --file <file>', 'the spec', 'org.yaml')
    .option('--account <name>', 'the account, for an environment with several')
    .option('--permission-set <name>', 'the permission set to use (SSO sign-in); the only one you have by default')
    .option('--role <name>', 'the role to assume from the current credentials', 'OrganizationAccountAccessRole')
    .option('--profile <name>', 'an AWS profile: a generated one of this environment, or the source to assume from')
    .option('--region <region>', "the region for the command (default: the profile's, else the spec's home region)")
    .option('--confirm-prod', 'allow a production environment without asking')
    .option('--target <target>', 'local (the default: the local cloud) or aws; BULKHEAD_TARGET sets the default')
    .option('--endpoint <url>', 'any AWS-compatible endpoint; AWS_ENDPOINT_URL sets the default')
    .option('--data <dir>', 'local cloud data folder', '.bulkhead/local-cloud');
}

/**
 * Production needs --confirm-prod, or the account's name typed on a terminal; without a terminal it is refused.
 */
export function productionGuard(flags: StageFlags, term: Terminal, prompt: Prompt = terminalPrompt) {
  return async (environment: { name: string }, account: { name: string }): Promise<void> => {
    if (flags.confirmProd) return;
    if (!prompt.available())
      throw new BulkheadError(
        'production-not-confirmed',
        `${environment.name} is a production environment (account ${account.name}), and there is no terminal to confirm on`,
        { hint: 'pass --confirm-prod to run there (e.g. in a deploy job)' },
      );
    term.err(`${term.style.yellow('!')} ${environment.name} is production (account ${account.name}).`);
    const answer = await prompt.ask(`Type the account name (${account.name}) to continue: `);
    if (answer?.trim() !== account.name)
      throw new BulkheadError('production-not-confirmed', `not confirmed: nothing was run in ${environment.name}`, {
        hint: `type ${account.name} exactly, or pass --confirm-prod`,
      });
  };
}

/**
 * Which permission set, when the user has several in the account and named none: a numbered choice on a
 * terminal (a number or a name), undefined without one (the toolkit then refuses, listing them).
 */
export function permissionSetChooser(term: Terminal, prompt: Prompt = terminalPrompt) {
  if (!prompt.available()) return undefined;
  return async (roles: string[], place: string): Promise<string> => {
    term.err(`You have ${roles.length} permission sets in ${place}:`);
    roles.forEach((role, i) => term.err(`  ${i + 1}) ${role}`));
    const answer = (await prompt.ask(`Which one (1-${roles.length})? `))?.trim() ?? '';
    const chosen = /^\d+$/.test(answer) ? roles[Number(answer) - 1] : roles.find((r) => r === answer);
    if (chosen === undefined)
      throw new BulkheadError(
        'permission-set-not-chosen',
        answer === ''
          ? 'no permission set chosen: nothing was run'
          : `"${answer}" is none of the choices: nothing was run`,
        { hint: `type a number from 1 to ${roles.length}, or pass --permission-set NAME` },
      );
    return chosen;
  };
}

export function stageRequest(flags: StageFlags) {
  return {
    file: flags.file,
    stage: flags.stage,
    ...(flags.account ? { account: flags.account } : {}),
    ...(flags.permissionSet ? { permissionSet: flags.permissionSet } : {}),
    ...(flags.role ? { role: flags.role } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.region ? { region: flags.region } : {}),
    target: {
      ...(flags.target ? { target: flags.target } : {}),
      ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
      ...(flags.data ? { dataDir: flags.data } : {}),
    },
  };
}
