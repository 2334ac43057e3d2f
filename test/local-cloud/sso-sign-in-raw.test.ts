import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './raw.js';
import type { RawResponse } from './raw.js';
import type { SignInHarness } from './sso-sign-in-helpers.js';
import { signIn, startSignIn } from './sso-sign-in-helpers.js';

/* Hand-made requests to SSO OIDC, the portal and the approval route: wrong types, huge values, wrong methods. */

let h: SignInHarness | undefined;
let accessToken = '';
let client = { clientId: '', clientSecret: '' };

beforeAll(async () => {
  h = await startSignIn();
  const signedIn = await signIn(h);
  accessToken = signedIn.token.accessToken ?? '';
  client = signedIn.client;
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const host = () => new URL(h!.cloud.endpoint).host;

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(h!.cloud.endpoint, { host: host(), 'content-type': 'application/json', ...headers }, body, 'POST', path);
}

function get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(h!.cloud.endpoint, { host: host(), ...headers }, '', 'GET', path);
}

function error(r: RawResponse): { status: number; code: unknown; body: Record<string, unknown> } {
  return { status: r.status, code: r.headers['x-amzn-errortype'], body: JSON.parse(r.body) as Record<string, unknown> };
}

const oidcError = (status: number, code: string, error: string) => ({
  status,
  code,
  body: { error, error_description: expect.any(String) as string },
});

describe('SSO OIDC refuses malformed input with its own errors', () => {
  it.each([
    ['not JSON', '/token', '{"clientId":'],
    ['a JSON array', '/token', '[]'],
    ['a number for clientId', '/token', JSON.stringify({ clientId: 7, clientSecret: 's', grantType: 'refresh_token' })],
    ['no grantType', '/token', JSON.stringify({ clientId: 'a', clientSecret: 'b' })],
    ['no clientType', '/client/register', JSON.stringify({ clientName: 'x' })],
    [
      'a 300-character clientName',
      '/client/register',
      JSON.stringify({ clientName: 'x'.repeat(300), clientType: 'public' }),
    ],
    [
      'scopes that are not a list',
      '/client/register',
      JSON.stringify({ clientName: 'x', clientType: 'public', scopes: 'a' }),
    ],
    [
      '26 scopes',
      '/client/register',
      JSON.stringify({ clientName: 'x', clientType: 'public', scopes: Array(26).fill('s') }),
    ],
    ['a 20,000-character device code', '/token', 'DEVICE'],
    ['no startUrl', '/device_authorization', 'CLIENT'],
  ])('%s: 400 InvalidRequestException', async (_label, path, raw) => {
    const body =
      raw === 'DEVICE'
        ? JSON.stringify({
            ...client,
            grantType: 'urn:ietf:params:oauth:grant-type:device_code',
            deviceCode: 'd'.repeat(20_000),
          })
        : raw === 'CLIENT'
          ? JSON.stringify(client)
          : raw;
    expect(error(await post(path, body))).toEqual(oidcError(400, 'InvalidRequestException', 'invalid_request'));
  });

  it('an unknown client is InvalidClientException (401), whatever the grant', async () => {
    const body = JSON.stringify({
      clientId: 'nobody',
      clientSecret: 'x',
      grantType: 'refresh_token',
      refreshToken: 'r',
    });
    expect(error(await post('/token', body))).toEqual(oidcError(401, 'InvalidClientException', 'invalid_client'));
  });

  it('a known path asked with another method names no operation (404 UnknownOperationException)', async () => {
    const r = await get('/token');
    expect(r.status).toBe(404);
    expect(r.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  });

  it('is unsigned: a bogus Authorization header is ignored', async () => {
    const r = await post('/client/register', JSON.stringify({ clientName: 'x', clientType: 'public' }), {
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIAFAKE/20200101/us-east-1/sso-oauth/aws4_request, Signature=00',
    });
    expect(r.status).toBe(200);
    expect(Object.keys(JSON.parse(r.body) as object).sort()).toEqual([
      'clientId',
      'clientIdIssuedAt',
      'clientSecret',
      'clientSecretExpiresAt',
    ]);
  });

  it('a body over 1 MiB is refused before dispatch, as JSON', async () => {
    const r = await post(
      '/client/register',
      JSON.stringify({ clientName: 'x'.repeat(1_100_000), clientType: 'public' }),
    );
    expect(r.status).toBe(413);
    expect(r.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
    expect(JSON.parse(r.body)).toEqual({ message: expect.stringContaining('1048576') as string });
  });
});

describe('the SSO portal', () => {
  const bearer = () => ({ 'x-amz-sso_bearer_token': accessToken });
  const unauthorized = {
    status: 401,
    code: 'UnauthorizedException',
    body: { message: 'Session token not found or invalid' },
  };

  it.each([
    ['no token', {}],
    ['an empty token', { 'x-amz-sso_bearer_token': '' }],
    ['an unknown token', { 'x-amz-sso_bearer_token': 'aoa-nope' }],
    ['a 10,000-character token', { 'x-amz-sso_bearer_token': 'a'.repeat(10_000) }],
    ['the token as a Bearer Authorization only', { authorization: 'Bearer TOKEN' }],
  ])('%s: 401 UnauthorizedException', async (_label, headers: Record<string, string>) => {
    const given = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('TOKEN', accessToken)]));
    expect(error(await get('/assignment/accounts', given))).toEqual(unauthorized);
  });

  it.each([
    ['no role_name', `/federation/credentials?account_id=ACCOUNT`],
    ['no account_id', '/federation/credentials?role_name=PowerUser'],
    ['an account_id that is not 12 digits', '/federation/credentials?role_name=PowerUser&account_id=12345'],
    ['a 300-character role_name', `/federation/credentials?account_id=ACCOUNT&role_name=${'r'.repeat(300)}`],
    ['max_result=0', '/assignment/accounts?max_result=0'],
    ['max_result=101', '/assignment/accounts?max_result=101'],
    ['max_result=abc', '/assignment/accounts?max_result=abc'],
    ['max_result=1e1', '/assignment/accounts?max_result=1e1'],
    ['a forged next_token', '/assignment/accounts?next_token=Zm9yZ2Vk'],
    ['a roles next_token used for accounts', 'ROLES_TOKEN'],
  ])('%s: 400 InvalidRequestException', async (_label, pathTemplate) => {
    let path = pathTemplate.replace('ACCOUNT', h!.member);
    if (path === 'ROLES_TOKEN') {
      const roles = await get(`/assignment/roles?account_id=${h!.member}&max_result=1`, bearer());
      const token = (JSON.parse(roles.body) as { nextToken: string }).nextToken;
      path = `/assignment/accounts?next_token=${encodeURIComponent(token)}`;
    }
    const r = error(await get(path, bearer()));
    expect(r).toMatchObject({ status: 400, code: 'InvalidRequestException' });
    expect(Object.keys(r.body)).toEqual(['message']);
  });

  it('takes the first of a repeated query parameter', async () => {
    const r = await get(
      `/federation/credentials?account_id=${h!.member}&role_name=PowerUser&role_name=Admin`,
      bearer(),
    );
    expect(r.status).toBe(200);
  });

  it('a portal path asked with another method names no operation', async () => {
    const r = await post('/assignment/accounts', '{}', bearer());
    expect(r.status).toBe(404);
    expect(r.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  });
});

describe('the approval route and page', () => {
  const approveRaw = (body: string, headers: Record<string, string> = {}) =>
    post('/_bulkhead/sso/approve', body, headers);

  it.each([
    ['a form post', 'userName=alice&userCode=ABCD-EFGH', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['a foreign Origin', '{"userName":"alice","userCode":"ABCD-EFGH"}', { origin: 'https://evil.example' }, 403],
    ['not JSON', '{', {}, 400],
    ['a JSON array', '[]', {}, 400],
    ['a number for userName', '{"userName":1,"userCode":"ABCD-EFGH"}', {}, 400],
    ['a 200-character userName', JSON.stringify({ userName: 'a'.repeat(200), userCode: 'ABCD-EFGH' }), {}, 400],
    ['an object for userCode', '{"userName":"alice","userCode":{}}', {}, 400],
    ['a code that cannot be one', '{"userName":"alice","userCode":"1234-5678"}', {}, 404],
  ])('refuses %s', async (_label, body, headers: Record<string, string>, status) => {
    const r = await approveRaw(body, headers);
    expect(r.status).toBe(status);
    expect(Object.keys(JSON.parse(r.body) as object).sort()).toEqual(['code', 'message']);
  });

  it('answers GET with 405', async () => {
    expect((await get('/_bulkhead/sso/approve')).status).toBe(405);
  });

  it('serves the device page, echoing only a well-formed code', async () => {
    const good = await get('/_bulkhead/device?user_code=abcd-efgh');
    expect(good.status).toBe(200);
    expect(good.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(good.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    // Only the page's own script runs: the one inline script, named by its hash.
    const script = /<script>([\s\S]*)<\/script>/.exec(good.body)?.[1] ?? '';
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(good.body).toContain('value="ABCD-EFGH"');
    const hostile = await get(`/_bulkhead/device?user_code=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`);
    expect(hostile.status).toBe(200);
    expect(hostile.body).not.toContain('onerror');
    expect(hostile.body).toContain('value=""');
  });
});
