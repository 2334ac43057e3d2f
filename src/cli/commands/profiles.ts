import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { Terminal } from '../io.js';
import { ProgressIoHost } from '../render/progress.js';
import { targetOptions, type TargetFlags } from './target-options.js';

interface ProfilesFlags extends Omit<TargetFlags, 'region'> {
  file: string;
  user?: string;
  print?: boolean;
  write?: string | boolean;
  ssoStartUrl?: string;
  ssoRegion?: string;
  ssoSession?: string;
  namePattern?: string;
  credentialProcess?: boolean;
  from?: string;
  awsRegion?: string;
  json?: boolean;
}

/** This installation's `bulkhead` as node + its bin script, so credential_process works without bulkhead on PATH. */
function bulkheadCommand(): string[] {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'bulkhead')
      return [process.execPath, join(dir, 'bin', 'bulkhead.js')];
    const up = dirname(dir);
    if (up === dir) return ['bulkhead'];
    dir = up;
  }
}

export function registerProfiles(program: Command, term: Terminal): void {
  program
    .command('profiles')
    .description(
      'AWS CLI profiles for every account × permission set a user may use, named by environment, with one sso-session',
    )
    .option('-f, --file <file>', 'the spec', 'org.yaml')
    .option('--user <name>', 'the IAM Identity Center user (default: BULKHEAD_USER, else your login name)')
    .option('--print', 'print the block on stdout (the default)')
    .option('--write [file]', 'write the block into the AWS config file (default: AWS_CONFIG_FILE or ~/.aws/config)')
    .option('--sso-start-url <url>', 'the AWS access portal URL (default: from the Identity Center instance)')
    .option('--sso-region <region>', "the Identity Center instance's Region (default: where it was found)")
    .option('--sso-session <name>', 'the sso-session name (default: the organization name)')
    .option(
      '--name-pattern <pattern>',
      'profile names from {environment}, {permissionSet}, {account}, {org}',
      '{environment}-{permissionSet}',
    )
    .option(
      '--credential-process',
      'profiles that call `bulkhead credentials` (credential_process) instead of SSO keys',
    )
    .option(
      '--from <source>',
      'live (the assignments in Identity Center) or spec (the access grid, before apply); default: live when applied',
    )
    .option('--target <target>', 'local (the default: the local cloud) or aws')
    .option('--endpoint <url>', 'send every call to this AWS-compatible endpoint')
    .option('--profile <name>', 'AWS profile to read the organization with (with --target aws)')
    .option('--aws-region <region>', 'AWS region for the clients')
    .option('--data <dir>', 'local cloud data folder', '.bulkhead/local-cloud')
    .option('--json', 'print the profiles as JSON')
    .action(async (flags: ProfilesFlags) => {
      if (flags.print && flags.write !== undefined)
        throw new UsageError('--print and --write exclude each other', 'choose one');
      const { profiles, writeProfiles } = await import('../../toolkit/profiles/profiles.js');
      const { defaultConfigFile } = await import('../../toolkit/profiles/write.js');
      const { awsRegion, ...rest } = flags;
      const result = await profiles({
        file: flags.file,
        ...(flags.user !== undefined ? { user: flags.user } : {}),
        ...(flags.from !== undefined ? { from: flags.from } : {}),
        target: targetOptions(awsRegion === undefined ? rest : { ...rest, region: awsRegion }),
        ...(flags.namePattern !== undefined ? { namePattern: flags.namePattern } : {}),
        ...(flags.ssoStartUrl !== undefined ? { ssoStartUrl: flags.ssoStartUrl } : {}),
        ...(flags.ssoRegion !== undefined ? { ssoRegion: flags.ssoRegion } : {}),
        ...(flags.ssoSession !== undefined ? { ssoSession: flags.ssoSession } : {}),
        ...(flags.credentialProcess ? { credentialCommand: bulkheadCommand() } : {}),
        io: new ProgressIoHost({ ...term, out: term.err }, 'plain'),
      });
      const written =
        flags.write !== undefined
          ? writeProfiles(result, typeof flags.write === 'string' ? flags.write : defaultConfigFile())
          : undefined;
      if (flags.json) {
        const { block, ...data } = result;
        term.out(JSON.stringify({ ...data, ...(written ? { written } : { block: block.join('\n') }) }, null, 2));
        return;
      }
      term.err(
        `${result.userName}: ${result.profiles.length} profile${result.profiles.length === 1 ? '' : 's'}, ${result.note}`,
      );
      for (const w of result.warnings) term.err(`${term.style.yellow('warning')}: ${w}`);
      if (written === undefined) {
        if (result.block.length > 0) term.out(result.block.join('\n'));
        return;
      }
      const what =
        written.status === 'unchanged'
          ? `${written.file} unchanged`
          : `${written.status === 'created' ? 'created' : 'updated'} ${written.file}${written.backup ? ` (previous content in ${written.backup})` : ''}`;
      term.out(`${term.style.green('✓')} ${what}: ${result.profiles.map((p) => p.profile).join(', ')}`);
    });
}
