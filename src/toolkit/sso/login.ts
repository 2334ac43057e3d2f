import { BulkheadError } from '../../core/errors.js';
import { SsoOidc, type DeviceAuthorization } from '../../providers/aws/sso/oidc.js';
import { chooseSession, profileNamed, readAwsConfig } from './aws-config.js';
import { writeCachedToken } from './token-cache.js';

export interface LoginOptions {
  profile?: string;
  ssoSession?: string;
  /** The local cloud's (or any) endpoint for SSO OIDC; a profile's endpoint_url wins. */
  endpoint?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the token is cached (default ~/.aws/sso/cache, where the AWS CLI v2 and the SDKs look). */
  cacheDir?: string;
  /** Shown the verification URL and code once the device authorization starts. */
  onCode(code: DeviceAuthorization, session: string): void;
  sleep?: (ms: number) => Promise<void>;
}

export interface LoginResult {
  session: string;
  startUrl: string;
  cacheFile: string;
  expiresAt: string;
}

const sleepFor = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The OAuth device authorization grant against SSO OIDC, as `aws sso login` runs it: register a
 * public client, start the authorization, poll CreateToken at the given interval (5 s more after a
 * SlowDown) until the user approves, then write the token where the AWS CLI v2 keeps it.
 */
export async function login(options: LoginOptions): Promise<LoginResult> {
  const env = options.env ?? process.env;
  const config = await readAwsConfig(env);
  const profileName = options.profile ?? (options.ssoSession ? undefined : env['AWS_PROFILE'] || undefined);
  const profile = profileName ? profileNamed(config, profileName) : undefined;
  if (profile && !profile['sso_session'])
    throw new BulkheadError('profile-not-sso', `profile ${profileName} in ${config.file} has no sso_session`, {
      hint: 'sign in with a generated profile (`bulkhead profiles --write`) or --sso-session NAME',
    });
  const session = chooseSession(config, options.ssoSession ?? profile?.['sso_session']);
  const endpoint = profile?.['endpoint_url'] ?? options.endpoint;
  const oidc = new SsoOidc({ region: session.region, ...(endpoint ? { endpoint } : {}) });
  const sleep = options.sleep ?? sleepFor;
  try {
    const client = await oidc.registerClient(`bulkhead-${session.name}`, ['sso:account:access']);
    const device = await oidc.startDeviceAuthorization(client, session.startUrl);
    options.onCode(device, session.name);
    let interval = device.intervalSeconds * 1000;
    for (;;) {
      await sleep(interval);
      const outcome = await oidc.pollToken(client, device.deviceCode);
      if (outcome.status === 'pending') continue;
      if (outcome.status === 'slow-down') {
        interval += 5000; // RFC 8628 §3.5: on slow_down the interval grows by 5 seconds
        continue;
      }
      if (outcome.status === 'expired')
        throw new BulkheadError('sso-code-expired', `the code ${device.userCode} expired before it was approved`, {
          hint: 'run `bulkhead login` again and approve the new code within its lifetime',
        });
      if (outcome.status === 'denied')
        throw new BulkheadError('sso-login-denied', `the sign-in was refused: ${outcome.message}`);
      const cacheFile = writeCachedToken(
        session.name,
        {
          startUrl: session.startUrl,
          region: session.region,
          accessToken: outcome.token.accessToken,
          expiresAt: outcome.token.expiresAt,
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          registrationExpiresAt: client.expiresAt,
          ...(outcome.token.refreshToken ? { refreshToken: outcome.token.refreshToken } : {}),
        },
        options.cacheDir,
      );
      return {
        session: session.name,
        startUrl: session.startUrl,
        cacheFile,
        expiresAt: outcome.token.expiresAt.toISOString(),
      };
    }
  } finally {
    oidc.destroy();
  }
}
