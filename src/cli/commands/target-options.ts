import type { Command } from 'commander';
import type { TargetOptions } from '../../toolkit/connect.js';

export interface TargetFlags {
  target?: string;
  endpoint?: string;
  profile?: string;
  region?: string;
  data?: string;
}

/** The flags every command that talks to AWS shares. */
export function addTargetOptions(command: Command): Command {
  return command
    .option('--target <target>', 'local (the default: the local cloud) or aws; BULKHEAD_TARGET sets the default')
    .option(
      '--endpoint <url>',
      'send every call to this http(s) AWS-compatible endpoint (moto, LocalStack, …); AWS_ENDPOINT_URL sets the default',
    )
    .option('--profile <name>', 'AWS profile (with --target aws or --endpoint); AWS_PROFILE works too')
    .option('--region <region>', 'AWS region for the clients')
    .option('--data <dir>', 'local cloud data folder', '.bulkhead/local-cloud');
}

export function targetOptions(flags: TargetFlags): TargetOptions {
  return {
    ...(flags.target ? { target: flags.target } : {}),
    ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.data ? { dataDir: flags.data } : {}),
  };
}
