import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../src/local-cloud/services/all.js';
import { pruneSignIns } from '../../src/local-cloud/services/sso-oidc/prune.js';
import type { SignedInUser } from '../../src/local-cloud/services/sso-oidc/tables.js';
import { Store } from '../../src/local-cloud/store/store.js';

const DAY = 86_400_000;
const now = 100 * DAY;
const user: SignedInUser = { instanceArn: 'i', identityStoreId: 'd-0000000000', userId: 'u', userName: 'alice' };

function seeded(): Store {
  const store = new Store(TABLE_NAMES);
  for (const [id, expiresAt] of [
    ['old-client', now - 2 * DAY],
    ['client', now + DAY],
  ] as const)
    store.put('ssoOidcClients', id, {
      clientId: id,
      clientSecret: 's',
      clientName: id,
      clientType: 'public',
      scopes: [],
      issuedAt: 0,
      expiresAt,
    });
  for (const [code, expiresAt] of [
    ['old-code', now - 2 * DAY],
    ['just-expired', now - 1000],
  ] as const)
    store.put('ssoDeviceAuthorizations', code, {
      deviceCode: code,
      userCode: 'ABCD-EFGH',
      clientId: 'client',
      startUrl: 's',
      instanceArn: 'i',
      identityStoreId: 'd-0000000000',
      createdAt: 0,
      expiresAt,
      intervalSeconds: 1,
      status: 'pending',
    });
  const token = (accessToken: string, expiresAt: number, revoked: boolean, issuedAt = now - 3 * DAY) =>
    store.put('ssoTokens', accessToken, { accessToken, clientId: 'client', user, issuedAt, expiresAt, revoked });
  token('old-token', now - 2 * DAY, false);
  token('logged-out-long-ago', now + DAY, true);
  token('live', now + 1000, false, now);
  const refresh = (refreshToken: string, accessToken: string, used: boolean) =>
    store.put('ssoRefreshTokens', refreshToken, {
      refreshToken,
      clientId: 'client',
      user,
      accessToken,
      used,
      revoked: false,
    });
  refresh('spent', 'old-token', true);
  refresh('unspent-of-expired', 'old-token', false);
  refresh('spent-of-live', 'live', true);
  return store;
}

describe('pruning sign-in records at start', () => {
  it('drops what can no longer do anything, a day after, and keeps the rest', () => {
    const store = seeded();
    pruneSignIns(store, now);
    expect([...store.values('ssoOidcClients')].map((c) => c.clientId)).toEqual(['client']);
    expect([...store.values('ssoDeviceAuthorizations')].map((d) => d.deviceCode)).toEqual(['just-expired']);
    expect([...store.values('ssoTokens')].map((t) => t.accessToken)).toEqual(['live']);
    // An unspent refresh token still refreshes after its access token expired.
    expect([...store.values('ssoRefreshTokens')].map((r) => r.refreshToken).sort()).toEqual([
      'spent-of-live',
      'unspent-of-expired',
    ]);
  });
});
