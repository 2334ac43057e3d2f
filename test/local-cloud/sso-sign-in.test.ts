import * as O from '@aws-sdk/client-organizations';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import * as P from '@aws-sdk/client-sso';
import * as OIDC from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError, startHarness } from './helpers.js';
import type { SignInHarness } from './sso-sign-in-helpers.js';
import { approve, portalCredentials, register, signIn, startSignIn } from './sso-sign-in-helpers.js';

let h: SignInHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the device flow with the SDK v3 (SSO OIDC + SSO portal)', () => {
  it('signs alice in, lists her accounts and roles, and her role credentials work with SigV4 against STS', async () => {
    h = await startSignIn();
    const client = await register(h);
    const device = await h.oidc.send(new OIDC.StartDeviceAuthorizationCommand({ ...client, startUrl: h.startUrl }));
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.verificationUri).toBe(`${h.cloud.endpoint}/_bulkhead/device`);
    expect(device.verificationUriComplete).toBe(`${h.cloud.endpoint}/_bulkhead/device?user_code=${device.userCode}`);
    expect(device).toMatchObject({ expiresIn: 600, interval: 1 });
    const poll = () =>
      h!.oidc.send(new OIDC.CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }));
    expect((await awsError(poll)).name).toBe('AuthorizationPendingException');
    // Polled again at once: faster than the interval.
    expect(await awsError(poll)).toMatchObject({ name: 'SlowDownException', status: 400 });
    const approved = await approve(h.cloud.endpoint, 'alice', device.userCode ?? '');
    expect(approved).toEqual({
      status: 200,
      body: { approved: true, userName: 'alice', userId: h.alice, clientName: 'test' },
    });
    await sleep(1000);
    const token = await poll();
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    expect(token.accessToken).toBeTruthy();
    expect(token.refreshToken).toBeTruthy();
    // The device code is spent.
    await sleep(1000);
    expect((await awsError(poll)).name).toBe('InvalidGrantException');

    const accessToken = token.accessToken ?? '';
    const accounts = await h.portal.send(new P.ListAccountsCommand({ accessToken }));
    expect(accounts.accountList).toEqual([
      { accountId: h.member, accountName: 'Dev', emailAddress: 'dev@example.com' },
    ]);
    const roles = await h.portal.send(new P.ListAccountRolesCommand({ accessToken, accountId: h.member }));
    expect(roles.roleList).toEqual([
      { roleName: 'PowerUser', accountId: h.member },
      { roleName: 'ReadOnly', accountId: h.member },
    ]);
    const before = Date.now();
    const creds = await portalCredentials(h.portal, accessToken, h.member, 'PowerUser');
    // PT2H, in epoch milliseconds.
    expect(creds.expiration).toBeGreaterThanOrEqual(before + 7_200_000 - 1000);
    expect(creds.expiration).toBeLessThanOrEqual(Date.now() + 7_200_000);
    const sts = new STSClient({
      endpoint: h.cloud.endpoint,
      region: h.cloud.region,
      maxAttempts: 1,
      credentials: creds.credentials,
    });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe(h.member);
    expect(me.Arn).toMatch(
      new RegExp(`^arn:aws:sts::${h.member}:assumed-role/AWSReservedSSO_PowerUser_[0-9a-f]{16}/alice$`),
    );
  });

  it('role sessions from the portal are bound by the SCPs of their account', async () => {
    h = await startSignIn();
    const { token } = await signIn(h);
    const accessToken = token.accessToken ?? '';
    const creds = await portalCredentials(h.portal, accessToken, h.member, 'PowerUser');
    const iam = new IAMClient({
      endpoint: h.cloud.endpoint,
      region: h.cloud.region,
      maxAttempts: 1,
      credentials: creds.credentials,
    });
    await iam.send(new ListRolesCommand({}));
    const root = (await h.org.send(new O.ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
    await h.org.send(new O.EnablePolicyTypeCommand({ RootId: root, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const scp = await h.org.send(
      new O.CreatePolicyCommand({
        Name: 'no-iam-list',
        Description: 'deny',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'iam:ListRoles', Resource: '*' }],
        }),
      }),
    );
    await h.org.send(new O.AttachPolicyCommand({ PolicyId: scp.Policy?.PolicySummary?.Id ?? '', TargetId: h.member }));
    const denied = await awsError(() => iam.send(new ListRolesCommand({})));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toContain('service control policy');
  });

  it('gives credentials only for the assignments of the user or their groups', async () => {
    h = await startSignIn();
    const alice = (await signIn(h)).token.accessToken ?? '';
    const bob = (await signIn(h, 'bob')).token.accessToken ?? '';
    expect((await h.portal.send(new P.ListAccountsCommand({ accessToken: bob }))).accountList).toEqual([]);
    expect(
      (await h.portal.send(new P.ListAccountRolesCommand({ accessToken: bob, accountId: h.member }))).roleList,
    ).toEqual([]);
    for (const [accessToken, accountId, roleName] of [
      [bob, h.member, 'PowerUser'],
      [alice, h.member, 'Admin'],
      [alice, h.cloud.managementAccountId, 'PowerUser'],
    ] as const) {
      expect(
        await awsError(() => h!.portal.send(new P.GetRoleCredentialsCommand({ accessToken, accountId, roleName }))),
      ).toMatchObject({ name: 'ForbiddenException', message: 'No access', status: 403 });
    }
  });

  it('refreshes with the refresh token (which then is spent), and Logout ends the session', async () => {
    h = await startSignIn();
    const { client, token } = await signIn(h);
    const refreshed = await h.oidc.send(
      new OIDC.CreateTokenCommand({ ...client, grantType: 'refresh_token', refreshToken: token.refreshToken }),
    );
    expect(refreshed.accessToken).not.toBe(token.accessToken);
    expect(refreshed.refreshToken).not.toBe(token.refreshToken);
    const again = await awsError(() =>
      h!.oidc.send(
        new OIDC.CreateTokenCommand({ ...client, grantType: 'refresh_token', refreshToken: token.refreshToken }),
      ),
    );
    expect(again).toMatchObject({ name: 'InvalidGrantException', status: 400 });
    const other = await register(h);
    expect(
      (
        await awsError(() =>
          h!.oidc.send(
            new OIDC.CreateTokenCommand({ ...other, grantType: 'refresh_token', refreshToken: refreshed.refreshToken }),
          ),
        )
      ).name,
    ).toBe('InvalidGrantException');
    const accessToken = refreshed.accessToken ?? '';
    await h.portal.send(new P.ListAccountsCommand({ accessToken }));
    await h.portal.send(new P.LogoutCommand({ accessToken }));
    expect(await awsError(() => h!.portal.send(new P.ListAccountsCommand({ accessToken })))).toMatchObject({
      name: 'UnauthorizedException',
      message: 'Session token not found or invalid',
      status: 401,
    });
    expect(
      (
        await awsError(() =>
          h!.oidc.send(
            new OIDC.CreateTokenCommand({
              ...client,
              grantType: 'refresh_token',
              refreshToken: refreshed.refreshToken,
            }),
          ),
        )
      ).name,
    ).toBe('InvalidGrantException');
  });

  it('a legacy client (registered without scopes) gets no refresh token', async () => {
    h = await startSignIn();
    const client = await register(h, []);
    const device = await h.oidc.send(new OIDC.StartDeviceAuthorizationCommand({ ...client, startUrl: h.startUrl }));
    await approve(h.cloud.endpoint, 'alice', device.userCode ?? '');
    const token = await h.oidc.send(
      new OIDC.CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }),
    );
    expect(token.accessToken).toBeTruthy();
    expect(token.refreshToken).toBeUndefined();
  });

  it('tokens expire after ssoTokenLifetimeSeconds, device codes after ssoDeviceCodeLifetimeSeconds', async () => {
    h = await startSignIn({ ssoTokenLifetimeSeconds: 1, ssoDeviceCodeLifetimeSeconds: 1 });
    const { client, token } = await signIn(h);
    expect(token.expiresIn).toBe(1);
    const device = await h.oidc.send(new OIDC.StartDeviceAuthorizationCommand({ ...client, startUrl: h.startUrl }));
    expect(device.expiresIn).toBe(1);
    await sleep(1100);
    const accessToken = token.accessToken ?? '';
    expect((await awsError(() => h!.portal.send(new P.ListAccountsCommand({ accessToken })))).name).toBe(
      'UnauthorizedException',
    );
    expect(
      await awsError(() =>
        h!.oidc.send(
          new OIDC.CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }),
        ),
      ),
    ).toMatchObject({ name: 'ExpiredTokenException', status: 400 });
    const late = await approve(h.cloud.endpoint, 'alice', device.userCode ?? '');
    expect(late).toMatchObject({ status: 410, body: { code: 'ExpiredCode' } });
    // The refresh token still gets a new access token, which works.
    const refreshed = await h.oidc.send(
      new OIDC.CreateTokenCommand({ ...client, grantType: 'refresh_token', refreshToken: token.refreshToken }),
    );
    await h.portal.send(new P.ListAccountsCommand({ accessToken: refreshed.accessToken ?? '' }));
  });

  it('keeps clients, approvals and sessions over a restart', async () => {
    h = await startSignIn();
    const { client, token } = await signIn(h);
    const device = await h.oidc.send(new OIDC.StartDeviceAuthorizationCommand({ ...client, startUrl: h.startUrl }));
    await approve(h.cloud.endpoint, 'alice', device.userCode ?? '');
    const dataDir = h.dataDir;
    await h.cloud.close();
    const again = await startHarness({ dataDir });
    try {
      const config = { endpoint: again.cloud.endpoint, region: again.cloud.region, maxAttempts: 1 };
      const portal = new P.SSOClient(config);
      const oidc = new OIDC.SSOOIDCClient(config);
      const accounts = await portal.send(new P.ListAccountsCommand({ accessToken: token.accessToken ?? '' }));
      expect(accounts.accountList?.length).toBe(1);
      const second = await oidc.send(
        new OIDC.CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }),
      );
      expect(second.accessToken).toBeTruthy();
    } finally {
      await again.stop();
    }
  });

  it('answers OIDC errors the SDK parses: bad client, unknown grant, unsupported grant type, unknown start URL', async () => {
    h = await startSignIn();
    const client = await register(h);
    const bad = { clientId: client.clientId, clientSecret: 'nope' };
    expect(
      await awsError(() => h!.oidc.send(new OIDC.StartDeviceAuthorizationCommand({ ...bad, startUrl: h!.startUrl }))),
    ).toMatchObject({ name: 'InvalidClientException', status: 401 });
    expect(
      await awsError(() =>
        h!.oidc.send(new OIDC.CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode: 'unknown' })),
      ),
    ).toMatchObject({ name: 'InvalidGrantException', status: 400 });
    expect(
      await awsError(() => h!.oidc.send(new OIDC.CreateTokenCommand({ ...client, grantType: 'client_credentials' }))),
    ).toMatchObject({ name: 'UnsupportedGrantTypeException', status: 400 });
    expect(
      await awsError(() =>
        h!.oidc.send(
          new OIDC.StartDeviceAuthorizationCommand({ ...client, startUrl: 'https://d-0000000000.awsapps.com/start' }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidRequestException', status: 400 });
    // The AWS form of the start URL names the same instance.
    await h.oidc.send(
      new OIDC.StartDeviceAuthorizationCommand({
        ...client,
        startUrl: `https://${h.identityStoreId}.awsapps.com/start/#/`,
      }),
    );
    expect(
      await awsError(() =>
        h!.oidc.send(new OIDC.RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })),
      ),
    ).toMatchObject({ name: 'InvalidClientMetadataException', status: 400 });
  });
});
