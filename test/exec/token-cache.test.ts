import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCachedToken, tokenCachePath, writeCachedToken } from '../../src/toolkit/sso/token-cache.js';

const token = {
  startUrl: 'http://127.0.0.1:4577/start',
  region: 'eu-west-1',
  accessToken: 'aoa-token',
  expiresAt: new Date('2099-12-01T20:00:00.123Z'),
  clientId: 'client-1',
  clientSecret: 'secret-1',
  registrationExpiresAt: new Date('2099-12-31T00:00:00Z'),
  refreshToken: 'aor-refresh',
};

describe('the SSO token cache, as the AWS CLI v2 keeps it', () => {
  let saved: string | undefined;
  let home: string;
  beforeEach(() => {
    saved = process.env['HOME'];
    home = mkdtempSync(join(tmpdir(), 'bulkhead-cache-'));
    process.env['HOME'] = home;
  });
  afterEach(() => {
    process.env['HOME'] = saved;
  });

  it('writes ~/.aws/sso/cache/<sha1 of the session name>.json, dir 0700, file 0600, AWS CLI keys and times', () => {
    const path = writeCachedToken('acme', token);
    // sha1("acme"), from sha1sum
    expect(path).toBe(join(home, '.aws', 'sso', 'cache', '293abb6b76d7791c0732cc517d38c4b5c734b87f.json'));
    expect(statSync(join(home, '.aws', 'sso', 'cache')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      startUrl: token.startUrl,
      region: 'eu-west-1',
      accessToken: 'aoa-token',
      expiresAt: '2099-12-01T20:00:00Z',
      clientId: 'client-1',
      clientSecret: 'secret-1',
      registrationExpiresAt: '2099-12-31T00:00:00Z',
      refreshToken: 'aor-refresh',
    });
    expect(readCachedToken('acme')).toEqual({ ...token, expiresAt: new Date('2099-12-01T20:00:00Z') });
    expect(readCachedToken('other')).toBeUndefined();
  });

  it("botocore's own SSOTokenLoader reads what it writes", () => {
    writeCachedToken('acme', token);
    const script = [
      'import os, json',
      'from botocore.utils import SSOTokenLoader, JSONFileCache',
      "cache = JSONFileCache(os.path.expanduser(os.path.join('~', '.aws', 'sso', 'cache')))",
      "t = SSOTokenLoader(cache=cache)('http://127.0.0.1:4577/start', session_name='acme')",
      "print(json.dumps({'accessToken': t['accessToken'], 'expiresAt': t['expiresAt'], 'refreshToken': t['refreshToken']}))",
    ].join('\n');
    const out = execFileSync('python3', ['-c', script], { env: { ...process.env, HOME: home }, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      accessToken: 'aoa-token',
      expiresAt: '2099-12-01T20:00:00Z',
      refreshToken: 'aor-refresh',
    });
  });

  it("the JavaScript SDK's token provider reads it for the sso-session", async () => {
    writeCachedToken('acme', token);
    const config = join(home, 'config');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      config,
      '[sso-session acme]\nsso_start_url = http://127.0.0.1:4577/start\nsso_region = eu-west-1\n[profile dev]\nsso_session = acme\n',
    );
    const { fromSso } = await import('@aws-sdk/token-providers');
    const got = await fromSso({ profile: 'dev', configFilepath: config, ignoreCache: true })();
    expect(got.token).toBe('aoa-token');
    expect(got.expiration?.toISOString()).toBe('2099-12-01T20:00:00.000Z');
    expect(tokenCachePath('acme')).toContain(home);
  });
});
