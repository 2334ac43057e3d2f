import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { LocalCloudOptions, RunningLocalCloud } from '../../toolkit/local-cloud.js';
import type { LocalLoadInput } from '../../toolkit/local-load.js';
import { DEFAULT_DATA_DIR, DEFAULT_PORT } from '../../toolkit/local-cloud-defaults.js';
import type { ExitCode } from '../exit-codes.js';
import type { Terminal } from '../io.js';

// The emulator loads only when a `local` command runs, not for --help.
const localCloud = () => import('../../toolkit/local-cloud.js');

interface StartFlags {
  port: string;
  data: string;
  detach?: boolean;
  fast?: boolean;
  realistic?: boolean;
  quotas: string;
  faults?: string;
  timeScale?: string;
  ssoTokenLifetime?: string;
  trailDeliveryInterval?: string;
  costSeed?: string;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be an integer between 0 and 65535, not "${raw}"`);
  return port;
}

function startOptions(flags: StartFlags): LocalCloudOptions {
  if (flags.quotas !== 'local' && flags.quotas !== 'aws-default')
    throw new UsageError(`--quotas must be "local" or "aws-default", not "${flags.quotas}"`);
  const options: LocalCloudOptions = {
    port: parsePort(flags.port),
    dataDir: resolve(flags.data),
    quotas: flags.quotas,
  };
  if (flags.fast === true) options.fast = true;
  if (flags.realistic === true) options.realistic = true;
  if (flags.faults !== undefined) options.faults = flags.faults;
  if (flags.timeScale !== undefined) {
    const scale = Number(flags.timeScale);
    if (!Number.isFinite(scale) || scale < 0)
      throw new UsageError(`--time-scale must be a number >= 0, not "${flags.timeScale}"`);
    options.timeScale = scale;
  }
  if (flags.ssoTokenLifetime !== undefined) {
    const seconds = Number(flags.ssoTokenLifetime);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 31_536_000)
      throw new UsageError(
        `--sso-token-lifetime must be a whole number of seconds from 1 to 31536000, not "${flags.ssoTokenLifetime}"`,
      );
    options.ssoTokenLifetimeSeconds = seconds;
  }
  if (flags.trailDeliveryInterval !== undefined) {
    const seconds = Number(flags.trailDeliveryInterval);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400)
      throw new UsageError(
        `--trail-delivery-interval must be a number of seconds above 0 and at most 86400, not "${flags.trailDeliveryInterval}"`,
      );
    options.trailDeliverySeconds = seconds;
  }
  if (flags.costSeed !== undefined) {
    if (flags.costSeed.trim() === '' || flags.costSeed.length > 256)
      throw new UsageError(`--cost-seed must be a non-empty text of at most 256 characters, not "${flags.costSeed}"`);
    options.costSeed = flags.costSeed;
  }
  return options;
}

interface LoadFlags {
  account: string;
  quota: string;
  usage?: string;
  for?: string;
  stop?: boolean;
  data: string;
  json?: boolean;
}

/** `90s`, `10m`, `1h` or plain seconds. */
export function parseDuration(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(raw.trim());
  const seconds = m === null ? Number.NaN : Number(m[1]) * ({ s: 1, m: 60, h: 3600 } as const)[(m[2] ?? 's') as 's'];
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400)
    throw new UsageError(`--for must be a duration such as 90s, 10m or 1h (at most 24h), not "${raw}"`);
  return seconds;
}

function loadInput(flags: LoadFlags): LocalLoadInput {
  const input: LocalLoadInput = { dataDir: resolve(flags.data), account: flags.account, quota: flags.quota };
  if (flags.stop === true) {
    if (flags.usage !== undefined || flags.for !== undefined)
      throw new UsageError('--stop ends the load test: give it without --usage or --for');
    return { ...input, stop: true };
  }
  if (flags.usage !== undefined) {
    const usage = Number(flags.usage);
    if (flags.usage.trim() === '' || !Number.isFinite(usage) || usage < 0)
      throw new UsageError(`--usage must be a number >= 0, not "${flags.usage}"`);
    input.usage = usage;
  }
  if (flags.for !== undefined) input.forSeconds = parseDuration(flags.for);
  return input;
}

/** The variables that point the AWS CLI and SDKs at the local cloud. */
export function localCloudEnv(
  c: Pick<RunningLocalCloud, 'endpoint' | 'credentials' | 'region'>,
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: c.endpoint,
    AWS_ACCESS_KEY_ID: c.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: c.credentials.secretAccessKey,
    AWS_REGION: c.region,
    // The AWS CLI v1 reads the region from AWS_DEFAULT_REGION only.
    AWS_DEFAULT_REGION: c.region,
  };
}

function printStatus(
  term: Terminal,
  c: Pick<RunningLocalCloud, 'endpoint' | 'credentials' | 'region' | 'managementAccountId'> & { pid: number },
  dataDir: string,
): void {
  term.out(`Local cloud running (pid ${c.pid})`);
  term.out(`  endpoint            ${c.endpoint}`);
  term.out(`  management account  ${c.managementAccountId}`);
  term.out(`  data                ${dataDir}`);
  term.out('');
  for (const [k, v] of Object.entries(localCloudEnv(c))) term.out(`export ${k}=${v}`);
}

const dataOption = (): Option => new Option('--data <dir>', 'data directory').default(DEFAULT_DATA_DIR);

/** `bulkhead local start|status|stop|reset`: a thin wrapper over src/local-cloud. */
export function registerLocalCommand(program: Command, term: Terminal, setExit: (code: ExitCode) => void): Command {
  const local = program
    .command('local')
    .description('run the local cloud: AWS Organizations, IAM and STS on 127.0.0.1');

  local
    .command('start')
    .description('start the local cloud (foreground unless --detach)')
    .option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)', String(DEFAULT_PORT))
    .addOption(dataOption())
    .option('--detach', 'run in the background and return')
    .addOption(new Option('--fast', 'near-instant asynchronous operations').conflicts('realistic'))
    .addOption(new Option('--realistic', 'AWS-like durations and throttling').conflicts('fast'))
    .addOption(new Option('--quotas <profile>', 'quota profile: local or aws-default').default('local'))
    .option('--faults <spec>', 'fault injection, e.g. throttle=0.1,error5xx=0.02,seed=42')
    .option('--time-scale <factor>', 'multiply asynchronous durations')
    .option('--sso-token-lifetime <seconds>', 'lifetime of IAM Identity Center access tokens (default 3600)')
    .option('--trail-delivery-interval <seconds>', 'how often CloudTrail writes log files to trail buckets (default 5)')
    .option(
      '--cost-seed <seed>',
      'seed of the synthetic bill and usage: the same seed, the same costs (default bulkhead)',
    )
    .action(async (flags: StartFlags) => {
      const options = startOptions(flags);
      if (flags.detach === true) {
        const running = await (await localCloud()).startDetachedLocalCloud(options);
        printStatus(term, running, options.dataDir);
        return;
      }
      const cloud = await (await localCloud()).startLocalCloud(options);
      printStatus(term, { ...cloud, pid: process.pid }, options.dataDir);
      term.out('\nPress Ctrl+C to stop.');
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          cloud.close().then(done, done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });

  local
    .command('status')
    .description('show whether the local cloud runs, its endpoint and the environment variables to use it')
    .addOption(dataOption())
    .option('--json', 'machine-readable output')
    .action(async (flags: { data: string; json?: boolean }) => {
      const dataDir = resolve(flags.data);
      const running = (await localCloud()).findRunningLocalCloud(dataDir);
      if (flags.json === true) {
        const out =
          running === undefined
            ? { running: false, dataDir }
            : {
                running: true,
                pid: running.pid,
                endpoint: running.endpoint,
                managementAccountId: running.managementAccountId,
                region: running.region,
                dataDir,
                env: localCloudEnv(running),
              };
        term.out(JSON.stringify(out, null, 2));
      } else if (running === undefined)
        term.out(`The local cloud is not running (data ${dataDir}). Start it with: bulkhead local start`);
      else printStatus(term, running, dataDir);
      setExit(running === undefined ? 1 : 0);
    });

  local
    .command('stop')
    .description('stop the local cloud started from the data directory')
    .addOption(dataOption())
    .action(async (flags: { data: string }) => {
      const dataDir = resolve(flags.data);
      const stopped = await (await localCloud()).stopLocalCloud(dataDir);
      term.out(
        stopped ? `Stopped the local cloud (data ${dataDir}).` : `The local cloud was not running (data ${dataDir}).`,
      );
    });

  local
    .command('sign-in')
    .description('approve a pending IAM Identity Center sign-in (aws sso login) as a user of the local cloud')
    .argument('<user>', 'the Identity Center user name')
    .argument('<code>', 'the code the sign-in printed, e.g. ABCD-EFGH')
    .addOption(dataOption())
    .option('--json', 'machine-readable output')
    .action(async (user: string, code: string, flags: { data: string; json?: boolean }) => {
      const dataDir = resolve(flags.data);
      const { localSignIn } = await import('../../toolkit/local-sign-in.js');
      const result = await localSignIn({ dataDir, userName: user, userCode: code });
      if (flags.json === true) term.out(JSON.stringify({ approved: true, ...result }, null, 2));
      else term.out(`Signed in as ${result.userName} (${result.userId}) for ${result.clientName || 'the client'}.`);
    });

  local
    .command('load')
    .description('run a load test on one account: push its usage of a quota to a level (CloudWatch), others untouched')
    .requiredOption('--account <id|name>', 'the account under load')
    .requiredOption('--quota <code>', 'the quota code, e.g. L-B99A9384 (Lambda concurrent executions)')
    .option('--usage <level>', "the usage level (default: the quota's default value, its limit)")
    .option('--for <duration>', 'how long, e.g. 90s, 10m, 1h (default 10m)')
    .option('--stop', 'end the running load test now')
    .addOption(dataOption())
    .option('--json', 'machine-readable output')
    .action(async (flags: LoadFlags) => {
      const { localLoad } = await import('../../toolkit/local-load.js');
      const result = await localLoad(loadInput(flags));
      if (flags.json === true) term.out(JSON.stringify(result, null, 2));
      else if (flags.stop === true)
        term.out(`Stopped the load test on ${result.accountName} (${result.accountId}) for ${result.quotaCode}.`);
      else
        term.out(
          `Load test on ${result.accountName} (${result.accountId}): ${result.quotaName} (${result.quotaCode}) at ${result.level} until ${new Date(result.endsAt).toISOString()}.`,
        );
    });

  local
    .command('reset')
    .description('delete the local cloud state (it must be stopped)')
    .addOption(dataOption())
    .action(async (flags: { data: string }) => {
      const dataDir = resolve(flags.data);
      (await localCloud()).resetLocalCloud(dataDir);
      term.out(`Reset the local cloud state in ${dataDir}.`);
    });

  return local;
}
