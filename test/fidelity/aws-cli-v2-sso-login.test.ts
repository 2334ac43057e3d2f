import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInHarness } from '../local-cloud/sso-sign-in-helpers.js';
import { portalCredentials, startSignIn } from '../local-cloud/sso-sign-in-helpers.js';
import { requireTool } from '../support/fidelity/tools.js';

/*
 * The AWS CLI v2's own sign-in code (Debian's awscli 2.9, /usr/bin/python3) runs the whole device flow against the
 * local cloud and writes its token cache; the token it cached then gets role credentials from the portal.
 */

const DRIVER = join(import.meta.dirname, '..', 'support', 'fidelity', 'aws-cli-v2-sso-login.py');
/** Runs the driver without blocking this process, where the local cloud it talks to serves. */
function python(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/python3', args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let h: SignInHarness | undefined;
let home = '';

beforeAll(async () => {
  requireTool('aws-v2');
  h = await startSignIn();
  home = mkdtempSync(join(tmpdir(), 'bulkhead-sso-home-'));
}, 120_000);

afterAll(async () => {
  await h?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('the AWS CLI v2 do_sso_login against the local cloud', () => {
  it('signs in, caches the token where `aws sso login` does, and the token gets credentials for the account', async () => {
    const s = h!;
    const r = await python([DRIVER, s.cloud.endpoint, s.startUrl, s.cloud.region, 'acme', 'alice'], {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { keys: string[]; pending: string[][] };
    expect(out.pending).toEqual([
      ['deviceCode', 'expiresAt', 'interval', 'userCode', 'verificationUri', 'verificationUriComplete'],
    ]);
    expect(out.keys).toContain('refreshToken');

    const dir = join(home, '.aws', 'sso', 'cache');
    const file = join(dir, `${createHash('sha1').update('acme').digest('hex')}.json`);
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(cached).sort()).toEqual([
      'accessToken',
      'clientId',
      'clientSecret',
      'expiresAt',
      'refreshToken',
      'region',
      'registrationExpiresAt',
      'startUrl',
    ]);
    expect(cached).toMatchObject({ startUrl: s.startUrl, region: s.cloud.region });
    expect(cached.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const lifetime = Date.parse(cached.expiresAt ?? '') - Date.now();
    expect(lifetime).toBeGreaterThan(3500_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
    // The client registration is cached beside the token (two files).
    expect(readdirSync(dir).length).toBe(2);
    expect(statSync(file).isFile()).toBe(true);

    const { credentials } = await portalCredentials(s.portal, cached.accessToken ?? '', s.member, 'ReadOnly');
    const sts = new STSClient({ endpoint: s.cloud.endpoint, region: s.cloud.region, maxAttempts: 1, credentials });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toMatch(
      new RegExp(`^arn:aws:sts::${s.member}:assumed-role/AWSReservedSSO_ReadOnly_[0-9a-f]{16}/alice$`),
    );
  }, 90_000);
});
