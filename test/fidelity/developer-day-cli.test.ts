import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from '../support/e2e/built-cli.js';
import { requireTool, waitFor } from '../support/fidelity/tools.js';

/*
 * A developer's day with tools no one here wrote: the startup template applied to a local cloud
 * (a daemon, as a user runs it), `bulkhead profiles --write` into a fresh ~/.aws/config,
 * `bulkhead login` approved with `bulkhead local sign-in`, then the AWS CLI v1 and boto3 use the
 * generated SSO profiles and land in the right accounts; botocore refreshes an expired token itself.
 */

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let dir = '';
let home = '';
let data = '';
let python = '';
/** A clean environment: nothing of the machine's AWS settings leaks in. */
let env: Record<string, string> = {};
let accounts: Record<string, string> = {};

function bulkhead(args: string[], extra: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...env, ...extra },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function run(command: string, args: string[], extra: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: dir, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const BOTO3 = `
import json, sys, boto3
me = boto3.Session(profile_name=sys.argv[1]).client('sts').get_caller_identity()
print(json.dumps({'Account': me['Account'], 'Arn': me['Arn']}))
`;

const cacheFile = () => join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('acme').digest('hex')}.json`);

beforeAll(async () => {
  requireTool('aws');
  requireTool('botocore');
  ensureBuilt();
  python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
  dir = mkdtempSync(join(tmpdir(), 'bulkhead-developer-day-'));
  home = join(dir, 'home');
  data = join(dir, 'cloud');
  mkdirSync(home);
  env = {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    // pyenv's shims find their root through HOME; the test's HOME is empty.
    ...(process.env['PYENV_ROOT'] ? { PYENV_ROOT: process.env['PYENV_ROOT'] } : {}),
  };
  const started = bulkhead(['local', 'start', '--detach', '--port', '0', '--fast', '--data', data]);
  expect(started.status, started.stderr).toBe(0);
  expect(bulkhead(['init', '--template', 'startup']).status).toBe(0);
  const applied = bulkhead(['apply', '--yes', '--data', data]);
  expect(applied.status, applied.stderr).toBe(0);
  const shown = bulkhead(['show', '--format', 'json', '--data', data]);
  const tree = JSON.parse(shown.stdout) as { accounts: { name: string; id: string }[] };
  accounts = Object.fromEntries(tree.accounts.map((a) => [a.name, a.id]));
}, 180_000);

afterAll(() => {
  if (data !== '') bulkhead(['local', 'stop', '--data', data]);
  rmSync(dir, { recursive: true, force: true });
});

describe('a developer signs in and uses the generated profiles with the AWS CLI v1 and boto3', () => {
  it('writes alice’s profiles, signs in through the device flow, and the CLI lands in dev', async () => {
    const written = bulkhead(['profiles', '--user', 'alice', '--write', '--data', data]);
    expect(written.status, written.stderr).toBe(0);
    const config = readFileSync(join(home, '.aws', 'config'), 'utf8');
    expect(config).toContain('[profile dev-poweruser]');
    expect(config).not.toContain('sandbox-bob');

    const login = spawn(process.execPath, [BIN, 'login', '--no-browser', '--data', data], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    login.stderr.on('data', (c: Buffer) => (said += c.toString()));
    const done = new Promise<number | null>((resolve) => login.on('close', resolve));
    const code = await waitFor('the device code', async () => /\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(said)?.[1], 30_000);
    const approved = bulkhead(['local', 'sign-in', 'alice', code, '--data', data]);
    expect(approved.status, approved.stderr).toBe(0);
    expect(await done, said).toBe(0);
    const token = JSON.parse(readFileSync(cacheFile(), 'utf8')) as Record<string, string>;
    expect(Object.keys(token)).toEqual(expect.arrayContaining(['accessToken', 'expiresAt', 'refreshToken']));

    // The AWS CLI v1 reads the profile's endpoint_url and sso-session, and the token bulkhead cached.
    const cli = await run('aws', ['sts', 'get-caller-identity', '--profile', 'dev-poweruser', '--output', 'json']);
    expect(cli.status, cli.stderr).toBe(0);
    const me = JSON.parse(cli.stdout) as { Account: string; Arn: string };
    expect(me.Account).toBe(accounts['acme-dev']);
    expect(me.Arn).toMatch(/:assumed-role\/AWSReservedSSO_PowerUser_[0-9a-f]{16}\/alice$/);
  }, 120_000);

  it('whoami reads AWS_PROFILE through the local cloud: the environment, permission set and user', () => {
    const who = bulkhead(['whoami', '--json', '--data', data], { AWS_PROFILE: 'staging-poweruser' });
    expect(who.status, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({
      environment: 'staging',
      account: { id: accounts['acme-staging'], management: false },
      permissionSet: 'PowerUser',
      user: 'alice',
    });
    expect((JSON.parse(who.stdout) as { expiresInSeconds: number }).expiresInSeconds).toBeGreaterThan(3600);
  });

  it('boto3 gets the production read-only role with its own profile', async () => {
    const r = await run(python, ['-c', BOTO3, 'prod-readonly']);
    expect(r.status, r.stderr).toBe(0);
    const me = JSON.parse(r.stdout) as { Account: string; Arn: string };
    expect(me.Account).toBe(accounts['acme-prod']);
    expect(me.Arn).toMatch(/AWSReservedSSO_ReadOnly_[0-9a-f]{16}\/alice$/);
  });

  it('botocore refreshes an expired token through CreateToken and carries on', async () => {
    const before = JSON.parse(readFileSync(cacheFile(), 'utf8')) as Record<string, string>;
    writeFileSync(cacheFile(), JSON.stringify({ ...before, expiresAt: '2020-01-01T00:00:00Z' }));
    const r = await run(python, ['-c', BOTO3, 'sandbox-alice-poweruser']);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { Account: string }).Account).toBe(accounts['acme-sandbox-alice']);
    const after = JSON.parse(readFileSync(cacheFile(), 'utf8')) as Record<string, string>;
    expect(after['accessToken']).not.toBe(before['accessToken']);
    expect(Date.parse(after['expiresAt'] ?? '')).toBeGreaterThan(Date.now());
    const log = readFileSync(join(data, 'api-log.jsonl'), 'utf8');
    expect(log).toMatch(/"operation":"CreateToken"/);
  });

  it('exec uses the sign-in, lands in the asked account, and refuses a profile of another environment', async () => {
    const inDev = await run(process.execPath, [
      BIN,
      'exec',
      '--stage',
      'dev',
      '--data',
      data,
      '--',
      'aws',
      'sts',
      'get-caller-identity',
      '--output',
      'json',
    ]);
    expect(inDev.status, inDev.stderr).toBe(0);
    expect((JSON.parse(inDev.stdout) as { Account: string }).Account).toBe(accounts['acme-dev']);

    const mixedUp = await run(process.execPath, [BIN, 'exec', '--stage', 'dev', '--data', data, '--', 'true'], {
      AWS_PROFILE: 'prod-readonly',
    });
    expect(mixedUp.status).not.toBe(0);
    expect(mixedUp.stderr).toContain('prod-readonly is a profile of environment prod');
    expect(mixedUp.stdout).toBe('');
  });

  it('exec refreshes an expired sign-in as botocore does, and asks for a new one when it cannot', async () => {
    const before = JSON.parse(readFileSync(cacheFile(), 'utf8')) as Record<string, string>;
    writeFileSync(cacheFile(), JSON.stringify({ ...before, expiresAt: '2020-01-01T00:00:00Z' }));
    const exec = (): Promise<Run> =>
      run(process.execPath, [BIN, 'exec', '--stage', 'dev', '--data', data, '--', 'aws', 'sts', 'get-caller-identity']);
    const refreshed = await exec();
    expect(refreshed.status, refreshed.stderr).toBe(0);
    expect((JSON.parse(refreshed.stdout) as { Account: string }).Account).toBe(accounts['acme-dev']);
    const after = JSON.parse(readFileSync(cacheFile(), 'utf8')) as Record<string, string>;
    expect(after['accessToken']).not.toBe(before['accessToken']);
    expect(Date.parse(after['expiresAt'] ?? '')).toBeGreaterThan(Date.now());

    // A registration that has run out cannot refresh: sign in again, nothing run.
    writeFileSync(
      cacheFile(),
      JSON.stringify({ ...after, expiresAt: '2020-01-01T00:00:00Z', registrationExpiresAt: '2020-01-01T00:00:00Z' }),
    );
    const refused = await exec();
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('expired');
    expect(refused.stderr).toContain('bulkhead login');
    writeFileSync(cacheFile(), JSON.stringify(after));
  });

  it('bob’s profiles have his own sandbox and not alice’s', async () => {
    const bob = bulkhead(['profiles', '--user', 'bob', '--print', '--data', data]);
    expect(bob.status, bob.stderr).toBe(0);
    expect(bob.stdout).toContain('[profile sandbox-bob-poweruser]');
    expect(bob.stdout).not.toContain('sandbox-alice');
  });
});
