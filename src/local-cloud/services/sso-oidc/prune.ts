import type { Store } from '../../store/store.js';

const DAY_MS = 86_400_000;

/**
 * Drops sign-in records that can no longer do anything, a day after they stopped (so an expiry is still answered as
 * one for a while): device codes past their lifetime, access tokens expired or logged out, refresh tokens spent or
 * logged out, client registrations expired. Run at start, as role sessions are.
 */
export function pruneSignIns(store: Store, now: number): void {
  const cutoff = now - DAY_MS;
  for (const d of [...store.values('ssoDeviceAuthorizations')])
    if (d.expiresAt <= cutoff) store.delete('ssoDeviceAuthorizations', d.deviceCode);
  for (const t of [...store.values('ssoTokens')])
    if (t.expiresAt <= cutoff || (t.revoked && t.issuedAt <= cutoff)) store.delete('ssoTokens', t.accessToken);
  const live = new Set([...store.values('ssoTokens')].map((t) => t.accessToken));
  for (const r of [...store.values('ssoRefreshTokens')])
    if ((r.used || r.revoked) && !live.has(r.accessToken)) store.delete('ssoRefreshTokens', r.refreshToken);
  for (const c of [...store.values('ssoOidcClients')])
    if (c.expiresAt <= cutoff) store.delete('ssoOidcClients', c.clientId);
}
