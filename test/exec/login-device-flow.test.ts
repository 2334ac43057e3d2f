import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { login } from '../../src/toolkit/sso/login.js';
import { tokenCachePath } from '../../src/toolkit/sso/token-cache.js';

// An SSO OIDC endpoint answering as AWS does on the wire (restJson1, x-amzn-ErrorType): the poll
// loop must wait the interval, add 5 s after SlowDown, and stop with a clear error on ExpiredToken.
function oidcServer(polls: string[]): Promise<{ server: Server; endpoint: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      const fail = (status: number, code: string, error: string) => {
        res.statusCode = status;
        res.setHeader('x-amzn-ErrorType', code);
        res.end(JSON.stringify({ error, error_description: code }));
      };
      if (req.url === '/client/register')
        return res.end(JSON.stringify({ clientId: 'cid', clientSecret: 'csecret', clientSecretExpiresAt: 4102444800 }));
      if (req.url === '/device_authorization')
        return res.end(
          JSON.stringify({
            deviceCode: 'dev-code',
            userCode: 'ABCD-EFGH',
            verificationUri: `http://${req.headers.host}/_bulkhead/device`,
            verificationUriComplete: `http://${req.headers.host}/_bulkhead/device?user_code=ABCD-EFGH`,
            expiresIn: 600,
            interval: 2,
          }),
        );
      const next = polls.shift();
      if (next === 'pending') return fail(400, 'AuthorizationPendingException', 'authorization_pending');
      if (next === 'slow') return fail(400, 'SlowDownException', 'slow_down');
      if (next === 'expired') return fail(400, 'ExpiredTokenException', 'expired_token');
      expect(JSON.parse(body)).toMatchObject({
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: 'dev-code',
      });
      res.end(
        JSON.stringify({
          accessToken: 'the-token',
          tokenType: 'Bearer',
          expiresIn: 28800,
          refreshToken: 'the-refresh',
        }),
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, endpoint: `http://127.0.0.1:${port}`, seen });
    }),
  );
}

describe('bulkhead login: the device flow', () => {
  let home: string;
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env['HOME'];
    home = mkdtempSync(join(tmpdir(), 'bulkhead-login-'));
    process.env['HOME'] = home;
    writeFileSync(
      join(home, 'config'),
      '[sso-session acme]\nsso_start_url = http://127.0.0.1/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n',
    );
  });
  afterEach(() => {
    process.env['HOME'] = saved;
  });

  it('waits the interval, slows down by 5 s when told, and caches the token for the sso-session', async () => {
    const { server, endpoint, seen } = await oidcServer(['pending', 'slow', 'pending', 'issued']);
    const waits: number[] = [];
    const codes: string[] = [];
    try {
      const result = await login({
        env: { AWS_CONFIG_FILE: join(home, 'config') },
        endpoint,
        onCode: (c) => codes.push(`${c.userCode} ${c.verificationUriComplete}`),
        sleep: async (ms) => void waits.push(ms),
      });
      expect(result.session).toBe('acme');
      expect(result.cacheFile).toBe(tokenCachePath('acme'));
    } finally {
      server.close();
    }
    expect(codes).toEqual([`ABCD-EFGH ${endpoint}/_bulkhead/device?user_code=ABCD-EFGH`]);
    expect(waits).toEqual([2000, 2000, 7000, 7000]);
    expect(seen.slice(0, 2)).toEqual(['POST /client/register', 'POST /device_authorization']);
    expect(JSON.parse(readFileSync(tokenCachePath('acme'), 'utf8'))).toMatchObject({
      startUrl: 'http://127.0.0.1/start',
      region: 'eu-west-1',
      accessToken: 'the-token',
      refreshToken: 'the-refresh',
      clientId: 'cid',
      clientSecret: 'csecret',
      registrationExpiresAt: '2100-01-01T00:00:00Z',
    });
  });

  it('an expired code is a clear error, and nothing is cached', async () => {
    const { server, endpoint } = await oidcServer(['pending', 'expired']);
    try {
      await expect(
        login({ env: { AWS_CONFIG_FILE: join(home, 'config') }, endpoint, onCode: () => {}, sleep: async () => {} }),
      ).rejects.toMatchObject({
        code: 'sso-code-expired',
        message: 'the code ABCD-EFGH expired before it was approved',
      });
    } finally {
      server.close();
    }
    expect(() => readFileSync(tokenCachePath('acme'))).toThrow(/ENOENT/);
  });

  it('refuses an unknown sso-session with a did-you-mean, and a config file that is not INI', async () => {
    await expect(
      login({ env: { AWS_CONFIG_FILE: join(home, 'config') }, ssoSession: 'acne', onCode: () => {} }),
    ).rejects.toMatchObject({ code: 'sso-session-unknown', hint: 'did you mean `acme`?' });
    writeFileSync(join(home, 'bad'), 'region = eu-west-1\n[profile x]\n');
    await expect(login({ env: { AWS_CONFIG_FILE: join(home, 'bad') }, onCode: () => {} })).rejects.toMatchObject({
      code: 'aws-config-invalid',
      message: `${join(home, 'bad')}:1:1: "region = eu-west-1" comes before any [section] header`,
    });
  });
});
