import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from './tools.js';

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

export interface AwsCli {
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
export function awsCli(endpoint: string, region: string, defaults: CliCredentials): AwsCli {
  requireTool('aws');
  const home = mkdtempSync(join(tmpdir(), 'bulkhead-fidelity-cli-'));
  const configFile = join(home, 'config');
  const credentialsFile = join(home, 'credentials');
  writeFileSync(configFile, '');
  writeFileSync(credentialsFile, '');
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));

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
    return new Promise((resolve, reject) => {
      // A hung CLI is killed rather than left behind; the exit code then fails the assertion.
      const child = spawn('aws', fullArgs, {
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
    run,
    json: async <T>(args: string[], credentials?: CliCredentials): Promise<T> => {
      const r = await run(args, credentials);
      if (r.code !== 0) throw new Error(`aws ${args.join(' ')} exited with ${r.code}: ${r.stderr.trim()}`);
      return (r.stdout.trim() === '' ? {} : JSON.parse(r.stdout)) as T;
    },
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
}
