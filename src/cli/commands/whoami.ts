import type { Command } from 'commander';
import type { Terminal } from '../io.js';
import type { WhoAmI } from '../../toolkit/whoami.js';
import { addTargetOptions, targetOptions, type TargetFlags } from './target-options.js';

/** `3h 12m`, `45m`, `20s`. */
export function formatRemaining(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h}h ${m}m` : `${m}m`;
}

export function renderWhoAmI(who: WhoAmI): string[] {
  const account = `${who.account.name ?? '(name unknown)'} ${who.account.id}${who.account.management ? ' (management account)' : ''}`;
  return [
    `organization    ${who.organization ? `${who.organization.id} (management account ${who.organization.managementAccountId})` : '(none)'}`,
    `environment     ${who.environment ?? (who.account.management ? '(none: the management account)' : '(unknown)')}`,
    `account         ${account}`,
    who.permissionSet ? `permission set  ${who.permissionSet}` : `role            ${who.role ?? '(none: not a role)'}`,
    `user            ${who.user ?? '(unknown)'}`,
    `valid           ${who.expiresAt && who.expiresInSeconds !== null ? `${formatRemaining(who.expiresInSeconds)} more (until ${who.expiresAt})` : 'unknown (long-term keys do not say)'}`,
  ];
}

export function registerWhoami(program: Command, term: Terminal): void {
  addTargetOptions(
    program
      .command('whoami')
      .description('say which organization, environment, account, permission set and user the current credentials are')
      .option('--json', 'print { organization, environment, account, permissionSet, role, user, … } as JSON'),
  ).action(async (flags: TargetFlags & { json?: boolean }) => {
    const { whoami } = await import('../../toolkit/whoami.js');
    const who = await whoami({ target: targetOptions(flags), io: { notify() {} } });
    if (flags.json) term.out(JSON.stringify(who, null, 2));
    else for (const line of renderWhoAmI(who)) term.out(line);
  });
}
