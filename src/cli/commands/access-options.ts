import type { Command } from 'commander';
import type { AccessSourceOptions } from '../../toolkit/access-source.js';
import { targetOptions, type TargetFlags } from './target-options.js';

/** Flags every `bulkhead access` subcommand shares. */
export interface AccessFlags extends Omit<TargetFlags, 'region'> {
  file: string;
  from: string;
  json?: boolean;
  awsRegion?: string;
}

/**
 * `--from`, the spec and the usual target flags. `--region` means the request's region in `access` (what
 * aws:RequestedRegion holds), so the clients' region for `--from live` is `--aws-region` here.
 */
export function addAccessOptions(command: Command): Command {
  return command
    .option('-f, --file <file>', 'the spec', 'org.yaml')
    .option(
      '--from <source>',
      'spec (the default: no AWS calls) or live (OU tree and SCPs from the organization, identity from the spec)',
      'spec',
    )
    .option('--target <target>', 'with --from live: local (the default: the local cloud) or aws')
    .option('--endpoint <url>', 'with --from live: send every call to this AWS-compatible endpoint')
    .option('--profile <name>', 'with --from live: AWS profile (with --target aws)')
    .option('--aws-region <region>', 'with --from live: AWS region for the clients')
    .option('--data <dir>', 'with --from live: local cloud data folder', '.bulkhead/local-cloud')
    .option('--json', 'print the answer as JSON');
}

export function accessSource(flags: AccessFlags): AccessSourceOptions {
  const { awsRegion, ...rest } = flags;
  return {
    file: flags.file,
    from: flags.from,
    target: targetOptions(awsRegion === undefined ? rest : { ...rest, region: awsRegion }),
  };
}
