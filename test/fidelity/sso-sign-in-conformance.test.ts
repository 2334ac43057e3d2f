import * as P from '@aws-sdk/client-sso';
import * as OIDC from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../src/local-cloud/services/all.js';
import type { SignInHarness } from '../local-cloud/sso-sign-in-helpers.js';
import { approve, startSignIn } from '../local-cloud/sso-sign-in-helpers.js';
import type { BotocoreService } from '../support/fidelity/botocore-model.js';
import { loadModel } from '../support/fidelity/botocore-model.js';
import { RecordingHandler } from '../support/fidelity/recording-handler.js';
import { validateResponse } from '../support/fidelity/response-validation.js';

/*
 * Every raw SSO OIDC and SSO portal response of a sign-in scenario (successes and the errors it provokes), checked
 * against botocore's models of those services (restJson1: the code in x-amzn-ErrorType, the body the error shape).
 */

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const handler = new RecordingHandler();
let h: SignInHarness | undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fails = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected an error');
    },
    () => undefined,
  );

beforeAll(async () => {
  h = await startSignIn({ ssoDeviceCodeLifetimeSeconds: 3 });
  const config = { endpoint: h.cloud.endpoint, region: h.cloud.region, maxAttempts: 1, requestHandler: handler };
  const oidc = new OIDC.SSOOIDCClient(config);
  const portal = new P.SSOClient(config);
  const client = await oidc.send(
    new OIDC.RegisterClientCommand({ clientName: 'conformance', clientType: 'public', scopes: ['sso:account:access'] }),
  );
  const ids = { clientId: client.clientId ?? '', clientSecret: client.clientSecret ?? '' };
  await fails(oidc.send(new OIDC.RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })));
  await fails(
    oidc.send(new OIDC.StartDeviceAuthorizationCommand({ ...ids, clientSecret: 'bad', startUrl: h.startUrl })),
  );
  await fails(oidc.send(new OIDC.StartDeviceAuthorizationCommand({ ...ids, startUrl: 'https://example.com/start' })));
  const device = await oidc.send(new OIDC.StartDeviceAuthorizationCommand({ ...ids, startUrl: h.startUrl }));
  const poll = () =>
    oidc.send(new OIDC.CreateTokenCommand({ ...ids, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }));
  await fails(poll()); // pending
  await fails(poll()); // slow down
  await fails(oidc.send(new OIDC.CreateTokenCommand({ ...ids, grantType: DEVICE_GRANT, deviceCode: 'unknown' })));
  await fails(oidc.send(new OIDC.CreateTokenCommand({ ...ids, grantType: 'password' })));
  await fails(oidc.send(new OIDC.CreateTokenCommand({ ...ids, grantType: DEVICE_GRANT })));
  await approve(h.cloud.endpoint, 'alice', device.userCode ?? '');
  await sleep(1000);
  const token = await poll();
  const refreshed = await oidc.send(
    new OIDC.CreateTokenCommand({ ...ids, grantType: 'refresh_token', refreshToken: token.refreshToken }),
  );
  await fails(
    oidc.send(new OIDC.CreateTokenCommand({ ...ids, grantType: 'refresh_token', refreshToken: token.refreshToken })),
  );
  const accessToken = refreshed.accessToken ?? '';
  await portal.send(new P.ListAccountsCommand({ accessToken, maxResults: 1 }));
  const first = await portal.send(new P.ListAccountRolesCommand({ accessToken, accountId: h.member, maxResults: 1 }));
  await portal.send(
    new P.ListAccountRolesCommand({ accessToken, accountId: h.member, maxResults: 1, nextToken: first.nextToken }),
  );
  await fails(portal.send(new P.ListAccountRolesCommand({ accessToken, accountId: h.member, nextToken: 'forged' })));
  await fails(portal.send(new P.ListAccountRolesCommand({ accessToken, accountId: 'not-an-account' })));
  await portal.send(new P.GetRoleCredentialsCommand({ accessToken, accountId: h.member, roleName: 'PowerUser' }));
  await fails(portal.send(new P.GetRoleCredentialsCommand({ accessToken, accountId: h.member, roleName: 'Nope' })));
  await fails(portal.send(new P.ListAccountsCommand({ accessToken: 'not-a-token' })));
  await portal.send(new P.LogoutCommand({ accessToken }));
  await fails(portal.send(new P.LogoutCommand({ accessToken })));
  await fails(
    portal.send(new P.GetRoleCredentialsCommand({ accessToken, accountId: h.member, roleName: 'PowerUser' })),
  );
  // An expired device code.
  const late = await oidc.send(new OIDC.StartDeviceAuthorizationCommand({ ...ids, startUrl: h.startUrl }));
  await sleep(3100);
  await fails(oidc.send(new OIDC.CreateTokenCommand({ ...ids, grantType: DEVICE_GRANT, deviceCode: late.deviceCode })));
}, 120_000);

afterAll(async () => {
  handler.destroy();
  await h?.stop();
});

const SIGN_IN = ['sso-oidc', 'sso'];
const IMPLEMENTED = SERVICES.filter((s) => SIGN_IN.includes(s.name)).flatMap((s) =>
  Object.keys(s.operations).map((operation) => `${s.name} ${operation}`),
);

describe('SSO OIDC and SSO portal responses match the botocore models', () => {
  it('the scenario called every operation successfully, and provoked each documented error', () => {
    const ok = new Set(handler.exchanges.filter((e) => e.status < 300).map((e) => `${e.service} ${e.operation}`));
    expect(IMPLEMENTED.filter((o) => !ok.has(o))).toEqual([]);
    const errors = new Set(
      handler.exchanges.filter((e) => e.status >= 300).map((e) => `${e.operation} ${e.headers['x-amzn-errortype']}`),
    );
    expect([...errors].sort()).toEqual([
      'CreateToken AuthorizationPendingException',
      'CreateToken ExpiredTokenException',
      'CreateToken InvalidGrantException',
      'CreateToken InvalidRequestException',
      'CreateToken SlowDownException',
      'CreateToken UnsupportedGrantTypeException',
      'GetRoleCredentials ForbiddenException',
      'GetRoleCredentials UnauthorizedException',
      'ListAccountRoles InvalidRequestException',
      'ListAccounts UnauthorizedException',
      'Logout UnauthorizedException',
      'RegisterClient InvalidClientMetadataException',
      'StartDeviceAuthorization InvalidClientException',
      'StartDeviceAuthorization InvalidRequestException',
    ]);
  });

  it('every response validates against its operation in the model', () => {
    const violations = handler.exchanges.flatMap((e) =>
      validateResponse(loadModel(e.service as BotocoreService), e.operation, e).map(
        (v) => `${e.service} ${e.operation} ${e.status} ${v.path}: ${v.problem}`,
      ),
    );
    expect(violations).toEqual([]);
    expect(handler.exchanges.length).toBeGreaterThanOrEqual(26);
  });
});
