import type { TableName } from '../../store/state.js';
import { defineIndex } from '../../store/store.js';

/** The records SSO OIDC keeps (persisted, so a restart keeps registrations, pending codes and sessions). */

export interface SsoOidcClientRecord {
  clientId: string;
  clientSecret: string;
  clientName: string;
  clientType: string;
  /** A client registered with scopes (an sso-session) gets refresh tokens; one without (legacy) does not. */
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
}

export type DeviceAuthorizationStatus = 'pending' | 'approved' | 'used';

/** The Identity Center user a code was approved for, or a token was issued to. */
export interface SignedInUser {
  instanceArn: string;
  identityStoreId: string;
  userId: string;
  userName: string;
}

export interface SsoDeviceAuthorizationRecord {
  deviceCode: string;
  /** `ABCD-EFGH`. */
  userCode: string;
  clientId: string;
  startUrl: string;
  instanceArn: string;
  identityStoreId: string;
  createdAt: number;
  expiresAt: number;
  intervalSeconds: number;
  /** The last CreateToken poll (SlowDownException when the next comes sooner than the interval). */
  lastPolledAt?: number;
  status: DeviceAuthorizationStatus;
  user?: SignedInUser;
}

export interface SsoTokenRecord {
  accessToken: string;
  clientId: string;
  user: SignedInUser;
  issuedAt: number;
  expiresAt: number;
  /** Logout ends the session: the token and its refresh token stop working. */
  revoked: boolean;
  refreshToken?: string;
}

export interface SsoRefreshTokenRecord {
  refreshToken: string;
  clientId: string;
  user: SignedInUser;
  accessToken: string;
  /** Refresh tokens rotate: one that was exchanged is spent. */
  used: boolean;
  revoked: boolean;
}

declare module '../../store/state.js' {
  interface Tables {
    ssoOidcClients: SsoOidcClientRecord;
    ssoDeviceAuthorizations: SsoDeviceAuthorizationRecord;
    ssoTokens: SsoTokenRecord;
    ssoRefreshTokens: SsoRefreshTokenRecord;
  }
}

export const SSO_OIDC_TABLES = [
  'ssoOidcClients',
  'ssoDeviceAuthorizations',
  'ssoTokens',
  'ssoRefreshTokens',
] as const satisfies readonly TableName[];

/** Device authorizations by user code (what the approval names). */
export const deviceAuthorizationsByUserCode = defineIndex('ssoDeviceAuthorizations', (d) => d.userCode);
