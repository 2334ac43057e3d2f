import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { BulkheadError } from '../../../core/errors.js';
import type { SsoEndpoint } from './portal.js';

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  /** When the registration (and so the client secret) stops working. */
  expiresAt: Date;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  expiresAt: Date;
  /** Seconds between two CreateToken polls. */
  intervalSeconds: number;
}

export interface IssuedToken {
  accessToken: string;
  expiresAt: Date;
  refreshToken?: string;
}

/** What one CreateToken poll answered; the OIDC errors a device flow expects are outcomes, not failures. */
export type PollOutcome =
  | { status: 'issued'; token: IssuedToken }
  | { status: 'pending' }
  | { status: 'slow-down' }
  | { status: 'expired' }
  | { status: 'denied'; message: string };

/** The SSO OIDC (sso-oauth) calls of the device authorization grant; all are unsigned in AWS. */
export class SsoOidc {
  private readonly client: SSOOIDCClient;

  constructor(where: SsoEndpoint) {
    this.client = new SSOOIDCClient({
      region: where.region,
      ...(where.endpoint ? { endpoint: where.endpoint } : {}),
      maxAttempts: 4,
    });
  }

  async registerClient(clientName: string, scopes: string[]): Promise<RegisteredClient> {
    const res = await this.client.send(new RegisterClientCommand({ clientName, clientType: 'public', scopes }));
    if (!res.clientId || !res.clientSecret)
      throw new BulkheadError('sso-register-failed', 'RegisterClient returned no client', { source: 'aws' });
    return {
      clientId: res.clientId,
      clientSecret: res.clientSecret,
      expiresAt: new Date((res.clientSecretExpiresAt ?? 0) * 1000),
    };
  }

  async startDeviceAuthorization(client: RegisteredClient, startUrl: string): Promise<DeviceAuthorization> {
    const res = await this.client.send(
      new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl }),
    );
    if (!res.deviceCode || !res.userCode || !res.verificationUri)
      throw new BulkheadError('sso-device-failed', 'StartDeviceAuthorization returned no device code', {
        source: 'aws',
      });
    return {
      deviceCode: res.deviceCode,
      userCode: res.userCode,
      verificationUri: res.verificationUri,
      ...(res.verificationUriComplete ? { verificationUriComplete: res.verificationUriComplete } : {}),
      expiresAt: new Date(Date.now() + (res.expiresIn ?? 600) * 1000),
      intervalSeconds: res.interval ?? 5,
    };
  }

  async pollToken(client: RegisteredClient, deviceCode: string): Promise<PollOutcome> {
    try {
      const res = await this.client.send(
        new CreateTokenCommand({
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          deviceCode,
        }),
      );
      if (!res.accessToken)
        throw new BulkheadError('sso-token-failed', 'CreateToken returned no access token', { source: 'aws' });
      return {
        status: 'issued',
        token: {
          accessToken: res.accessToken,
          expiresAt: new Date(Date.now() + (res.expiresIn ?? 3600) * 1000),
          ...(res.refreshToken ? { refreshToken: res.refreshToken } : {}),
        },
      };
    } catch (err) {
      switch ((err as { name?: string }).name) {
        case 'AuthorizationPendingException':
          return { status: 'pending' };
        case 'SlowDownException':
          return { status: 'slow-down' };
        case 'ExpiredTokenException':
          return { status: 'expired' };
        case 'AccessDeniedException':
          return { status: 'denied', message: (err as Error).message };
        default:
          throw err;
      }
    }
  }

  /**
   * A new access token from a refresh token (the refresh_token grant, as botocore and the SDKs refresh a cached
   * sign-in); undefined when the refresh token or the registration no longer works, so the user signs in again.
   */
  async refresh(client: RegisteredClient, refreshToken: string): Promise<IssuedToken | undefined> {
    try {
      const res = await this.client.send(
        new CreateTokenCommand({
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          grantType: 'refresh_token',
          refreshToken,
        }),
      );
      if (!res.accessToken) return undefined;
      return {
        accessToken: res.accessToken,
        expiresAt: new Date(Date.now() + (res.expiresIn ?? 3600) * 1000),
        ...(res.refreshToken ? { refreshToken: res.refreshToken } : {}),
      };
    } catch (err) {
      const name = (err as { name?: string }).name ?? '';
      if (['InvalidGrantException', 'ExpiredTokenException', 'InvalidClientException'].includes(name)) return undefined;
      throw err;
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}
