import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OIDC from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInHarness } from '../local-cloud/sso-sign-in-helpers.js';
import { signIn, startSignIn } from '../local-cloud/sso-sign-in-helpers.js';
import { requireTool } from '../support/fidelity/tools.js';

/*
 * botocore (the machine image's python3, which honours AWS_ENDPOINT_URL) with an sso-session profile whose cached
 * token has expired: its SSO token provider refreshes it through CreateToken, saves the new one, and gets role
 * credentials with it.
 */

let h: SignInHarness | undefined;
let home = '';
let python = '';

beforeAll(async () => {
  requireTool('botocore');
  // The interpreter itself: pyenv's shim would look for its root under the test's HOME.
  python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
  h = await startSignIn();
  home = mkdtempSync(join(tmpdir(), 'bulkhead-botocore-sso-'));
}, 120_000);

afterAll(async () => {
  await h?.stop();
  rmSync(home, { recursive: true, force: true });
});

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(python, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const SCRIPT = `
import json, botocore.session
s = botocore.session.Session(profile='dev')
me = s.create_client('sts', region_name='us-east-1').get_caller_identity()
print(json.dumps({'Account': me['Account'], 'Arn': me['Arn']}))
`;

describe('botocore refreshes an expired SSO token through CreateToken', () => {
  it('uses the refresh token, saves the new token, and the new token gets credentials', async () => {
    const s = h!;
    const { client, token } = await signIn(s);
    const config = join(home, 'config');
    writeFileSync(
      config,
      [
        '[profile dev]',
        'sso_session = acme',
        `sso_account_id = ${s.member}`,
        'sso_role_name = PowerUser',
        `region = ${s.cloud.region}`,
        '',
        '[sso-session acme]',
        `sso_start_url = ${s.startUrl}`,
        `sso_region = ${s.cloud.region}`,
        'sso_registration_scopes = sso:account:access',
        '',
      ].join('\n'),
    );
    const dir = join(home, '.aws', 'sso', 'cache');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${createHash('sha1').update('acme').digest('hex')}.json`);
    const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    writeFileSync(
      file,
      JSON.stringify({
        startUrl: s.startUrl,
        region: s.cloud.region,
        accessToken: token.accessToken,
        expiresAt: utc(Date.now() - 60_000),
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        registrationExpiresAt: utc(Date.now() + 86_400_000),
        refreshToken: token.refreshToken,
      }),
    );
    const r = await run(['-c', SCRIPT], {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_ENDPOINT_URL: s.cloud.endpoint,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const me = JSON.parse(r.stdout) as { Account: string; Arn: string };
    expect(me.Account).toBe(s.member);
    expect(me.Arn).toMatch(/assumed-role\/AWSReservedSSO_PowerUser_[0-9a-f]{16}\/alice$/);

    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(saved.accessToken).not.toBe(token.accessToken);
    expect(saved.refreshToken).not.toBe(token.refreshToken);
    expect(Date.parse(saved.expiresAt ?? '')).toBeGreaterThan(Date.now() + 3000_000);
    // The old refresh token was spent by botocore's CreateToken.
    const reuse = await s.oidc
      .send(new OIDC.CreateTokenCommand({ ...client, grantType: 'refresh_token', refreshToken: token.refreshToken }))
      .then(
        () => 'accepted',
        (e: Error) => e.name,
      );
    expect(reuse).toBe('InvalidGrantException');
  }, 90_000);
});
