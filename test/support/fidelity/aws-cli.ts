import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsCliPool } from './aws-cli-pool.js';
import { AWS_CLI_V2, requireTool } from './tools.js';

export interface CliCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface CliResult {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `v1`: `aws` on PATH (the image's pyenv AWS CLI 1.x with the newest botocore; honours AWS_ENDPOINT_URL).
 * `v2`: /usr/bin/aws, Debian's AWS CLI 2.9 with its own older bundled botocore; it predates
 * AWS_ENDPOINT_URL (2.13), so only `--endpoint-url` points it at a server.
 */
export type AwsCliVersion = 'v1' | 'v2';
export const AWS_CLI_VERSIONS: readonly AwsCliVersion[] = ['v1', 'v2'];

export interface AwsCli {
  version: AwsCliVersion;
  /** Runs `aws <args> --endpoint-url … --output json`; never throws on a non-zero exit. */
  run(args: string[], credentials?: CliCredentials): Promise<CliResult>;
  /** Runs and parses stdout as JSON; throws with the CLI's stderr when the exit code is not 0. */
  json<T = Record<string, unknown>>(args: string[], credentials?: CliCredentials): Promise<T>;
  dispose(): void;
}

/**
 * The real AWS CLI pointed at `endpoint`, with empty config and credentials files so nothing
 * configured on the machine (profiles, ~/.aws, AWS_* variables) leaks into the run.
 */
export function awsCli(
  endpoint: string,
  region: string,
  defaults: CliCredentials,
  version: AwsCliVersion = 'v1',
): AwsCli {
  requireTool(version === 'v1' ? 'aws' : 'aws-v2');
  const binary = version === 'v1' ? 'aws' : AWS_CLI_V2;
  const home = mkdtempSync(join(tmpdir(), 'bulkhead-fidelity-cli-'));
  const configFile = join(home, 'config');
  const credentialsFile = join(home, 'credentials');
  writeFileSync(configFile, '');
  writeFileSync(credentialsFile, '');
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  // v1 runs in long-lived Python processes (the same CLI code, without a new interpreter per command); v2 is
  // Debian's own build with its own Python, spawned per command.
  const pool = version === 'v1' ? new AwsCliPool() : undefined;

  const run = (args: string[], credentials: CliCredentials = defaults): Promise<CliResult> => {
    const env: NodeJS.ProcessEnv = {
      ...baseEnv,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ...(credentials.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: credentials.sessionToken }),
      AWS_DEFAULT_REGION: region,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      // Errors must surface on the first answer, as the SDK tests run with maxAttempts 1.
      AWS_RETRY_MODE: 'standard',
      AWS_MAX_ATTEMPTS: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    };
    const fullArgs = [...args, '--endpoint-url', endpoint, '--output', 'json'];
    if (pool) return pool.run(fullArgs, env).then((r) => ({ args, ...r }));
    return new Promise((resolve, reject) => {
      // A hung CLI is killed rather than left behind; the exit code then fails the assertion.
      const child = spawn(binary, fullArgs, {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 30_000,
        killSignal: 'SIGKILL',
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      child.once('error', reject);
      child.once('close', (code) => resolve({ args, code: code ?? -1, stdout, stderr }));
    });
  };

  return {
    version,
    run,
    json: async <T>(args: string[], credentials?: CliCredentials): Promise<T> => {
      const r = await run(args, credentials);
      if (r.code !== 0) throw new Error(`aws ${args.join(' ')} exited with ${r.code}: ${r.stderr.trim()}`);
      return (r.stdout.trim() === '' ? {} : JSON.parse(r.stdout)) as T;
    },
    dispose: () => {
      pool?.dispose();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
