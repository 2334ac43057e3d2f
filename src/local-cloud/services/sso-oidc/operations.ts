import type { HandlerContext } from '../registry.js';
import {
  newAccessToken,
  newClientId,
  newClientSecret,
  newDeviceCode,
  newRefreshToken,
  newUserCode,
  oidcError,
  oidcString,
  oidcStringList,
  requireClient,
} from './common.js';
import { instanceForStartUrl } from './start-url.js';
import type { SignedInUser, SsoOidcClientRecord, SsoRefreshTokenRecord } from './tables.js';

/** AWS: a client registration is valid for 90 days. */
const REGISTRATION_DAYS = 90;
/** AWS: clients poll CreateToken every second. */
const POLL_INTERVAL_SECONDS = 1;
/** Timer jitter: a poll this much early still counts as on time. */
const POLL_SLACK_MS = 100;

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const REFRESH_TOKEN_GRANT = 'refresh_token';

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** RegisterClient: a public client (the only type AWS registers) with its secret, valid 90 days. */
export function registerClient(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const clientName = oidcString(input, 'clientName', true, 256);
  const clientType = oidcString(input, 'clientType', true, 64);
  if (clientType !== 'public')
    throw oidcError(
      'InvalidClientMetadataException',
      `Invalid client type: ${clientType}. Only "public" is supported.`,
    );
  const scopes = oidcStringList(input, 'scopes');
  oidcStringList(input, 'grantTypes');
  oidcStringList(input, 'redirectUris');
  oidcString(input, 'issuerUrl', false);
  oidcString(input, 'entitledApplicationArn', false);
  const client: SsoOidcClientRecord = {
    clientId: newClientId(),
    clientSecret: newClientSecret(),
    clientName,
    clientType,
    scopes,
    issuedAt: ctx.now,
    expiresAt: ctx.now + REGISTRATION_DAYS * 86_400_000,
  };
  ctx.store.put('ssoOidcClients', client.clientId, client);
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: seconds(client.issuedAt),
    clientSecretExpiresAt: seconds(client.expiresAt),
  };
}

/** StartDeviceAuthorization: a device code for the client and a user code the user approves (`bulkhead local sign-in`). */
export function startDeviceAuthorization(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const startUrl = oidcString(input, 'startUrl', true);
  const client = requireClient(input, ctx);
  const instance = instanceForStartUrl(ctx.store, startUrl, ctx.endpoint);
  if (instance === undefined)
    throw oidcError(
      'InvalidRequestException',
      `Unknown start URL ${startUrl}: the local cloud's IAM Identity Center answers ${ctx.endpoint ?? ''}/start.`,
    );
  const lifetime = ctx.config.sso.deviceCodeLifetimeSeconds;
  const deviceCode = newDeviceCode();
  const userCode = newUserCode();
  ctx.store.put('ssoDeviceAuthorizations', deviceCode, {
    deviceCode,
    userCode,
    clientId: client.clientId,
    startUrl,
    instanceArn: instance.arn,
    identityStoreId: instance.identityStoreId,
    createdAt: ctx.now,
    expiresAt: ctx.now + lifetime * 1000,
    intervalSeconds: POLL_INTERVAL_SECONDS,
    status: 'pending',
  });
  const verificationUri = `${ctx.endpoint ?? ''}/_bulkhead/device`;
  return {
    deviceCode,
    userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
    expiresIn: lifetime,
    interval: POLL_INTERVAL_SECONDS,
  };
}

/** A new access token (and refresh token, for a client registered with scopes) for the signed-in user. */
function issueToken(client: SsoOidcClientRecord, user: SignedInUser, ctx: HandlerContext): unknown {
  const lifetime = ctx.config.sso.tokenLifetimeSeconds;
  const accessToken = newAccessToken();
  const refreshToken = client.scopes.length > 0 ? newRefreshToken() : undefined;
  ctx.store.put('ssoTokens', accessToken, {
    accessToken,
    clientId: client.clientId,
    user,
    issuedAt: ctx.now,
    expiresAt: ctx.now + lifetime * 1000,
    revoked: false,
    ...(refreshToken === undefined ? {} : { refreshToken }),
  });
  if (refreshToken !== undefined) {
    const record: SsoRefreshTokenRecord = {
      refreshToken,
      clientId: client.clientId,
      user,
      accessToken,
      used: false,
      revoked: false,
    };
    ctx.store.put('ssoRefreshTokens', refreshToken, record);
  }
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: lifetime,
    ...(refreshToken === undefined ? {} : { refreshToken }),
  };
}

function deviceCodeGrant(client: SsoOidcClientRecord, input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const deviceCode = oidcString(input, 'deviceCode', true, 16_384);
  const auth = ctx.store.get('ssoDeviceAuthorizations', deviceCode);
  if (auth?.clientId !== client.clientId) throw oidcError('InvalidGrantException', 'Invalid device code provided.');
  if (auth.status === 'used') throw oidcError('InvalidGrantException', 'The device code has already been used.');
  if (auth.expiresAt <= ctx.now) throw oidcError('ExpiredTokenException', 'The device code has expired.');
  const early =
    auth.lastPolledAt !== undefined && ctx.now - auth.lastPolledAt < auth.intervalSeconds * 1000 - POLL_SLACK_MS;
  ctx.store.put('ssoDeviceAuthorizations', deviceCode, { ...auth, lastPolledAt: ctx.now });
  if (early)
    throw oidcError('SlowDownException', `Polled sooner than the interval of ${auth.intervalSeconds} seconds.`);
  if (auth.status === 'pending' || auth.user === undefined)
    throw oidcError('AuthorizationPendingException', 'The device authorization is pending approval.');
  ctx.store.put('ssoDeviceAuthorizations', deviceCode, { ...auth, lastPolledAt: ctx.now, status: 'used' });
  return issueToken(client, auth.user, ctx);
}

function refreshTokenGrant(client: SsoOidcClientRecord, input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const refreshToken = oidcString(input, 'refreshToken', true, 16_384);
  const record = ctx.store.get('ssoRefreshTokens', refreshToken);
  if (record?.clientId !== client.clientId || record.used || record.revoked)
    throw oidcError('InvalidGrantException', 'Invalid refresh token provided.');
  ctx.store.put('ssoRefreshTokens', refreshToken, { ...record, used: true });
  return issueToken(client, record.user, ctx);
}

/** CreateToken: the device-code grant (polled until approved) and the refresh-token grant. */
export function createToken(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  // Malformed input is refused before the client is looked at.
  const grantType = oidcString(input, 'grantType', true, 256);
  oidcStringList(input, 'scope');
  oidcString(input, 'redirectUri', false);
  oidcString(input, 'code', false, 16_384);
  oidcString(input, 'codeVerifier', false, 16_384);
  oidcString(input, 'deviceCode', false, 16_384);
  oidcString(input, 'refreshToken', false, 16_384);
  const client = requireClient(input, ctx);
  if (grantType === DEVICE_CODE_GRANT) return deviceCodeGrant(client, input, ctx);
  if (grantType === REFRESH_TOKEN_GRANT) return refreshTokenGrant(client, input, ctx);
  throw oidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${grantType}.`);
}
