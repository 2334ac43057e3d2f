import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../support/e2e/built-cli.js';

export interface ExecRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A HOME of its own (empty ~/.aws) and an AWS config file path inside it, for one test's CLI runs. */
export function freshHome(): { home: string; configFile: string } {
  const home = mkdtempSync(join(tmpdir(), 'bulkhead-home-'));
  mkdirSync(join(home, '.aws'));
  return { home, configFile: join(home, '.aws', 'config') };
}

/** The environment for a CLI run: none of the caller's AWS variables, only what the test gives. */
export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_') && !k.startsWith('BULKHEAD_')) env[k] = v;
  return { ...env, HOME: home, NO_COLOR: '1', AWS_CONFIG_FILE: join(home, '.aws', 'config'), ...extra };
}

/**
 * Runs the built CLI without blocking this process (the local cloud under test answers from it);
 * `onStart` gets the child, e.g. to send it a signal.
 */
export function runBuilt(
  args: string[],
  env: NodeJS.ProcessEnv,
  onStart?: (child: ReturnType<typeof spawn>, output: () => string) => void,
): Promise<ExecRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onStart?.(child, () => stdout + stderr);
  });
}

/** A child script that asks STS who it is through the SDK (as any tool inside exec would) and prints the account. */
export const PRINT_ACCOUNT = `
const { STSClient, GetCallerIdentityCommand } = require(${JSON.stringify(join(ROOT, 'node_modules', '@aws-sdk', 'client-sts'))});
new STSClient({}).send(new GetCallerIdentityCommand({})).then(
  (r) => console.log(JSON.stringify({ account: r.Account, arn: r.Arn, stage: process.env.BULKHEAD_STAGE, id: process.env.BULKHEAD_ACCOUNT_ID, region: process.env.AWS_REGION, profile: process.env.AWS_PROFILE ?? null })),
  (e) => { console.error(e.message); process.exit(3); });
`;

/** `exec -f FILE --endpoint URL --stage STAGE [options] -- COMMAND…` as the CLI's argument list. */
export function execArgs(
  file: string,
  endpoint: string,
  stage: string,
  command: string[],
  options: string[] = [],
): string[] {
  return ['exec', '-f', file, '--endpoint', endpoint, '--stage', stage, ...options, '--', ...command];
}

/** `bulkhead whoami --json` as a command run inside exec. */
export const WHOAMI_JSON = [process.execPath, BIN, 'whoami', '--json'];
