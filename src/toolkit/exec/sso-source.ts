import { BulkheadError } from '../../core/errors.js';
import { didYouMeanAmong } from '../../core/suggest.js';
import type { SessionCredentials } from '../../providers/aws/account-clients.js';
import { SsoPortal, type PortalAccount } from '../../providers/aws/sso/portal.js';
import type { Account } from '../../model/organization.js';
import type { Target } from '../../providers/aws/target.js';
import { signedInUserName } from './sso-user.js';
import { readCachedToken, tokenIsFresh, writeCachedToken, type CachedToken } from '../sso/token-cache.js';
import { SsoOidc } from '../../providers/aws/sso/oidc.js';
import type { SsoEndpoint } from '../../providers/aws/sso/portal.js';

/** How to sign in again, for the messages that need it. */
export function signInHint(session: string, profile?: string): string {
  return profile
    ? `sign in: \`aws sso login --profile ${profile}\` or \`bulkhead login --profile ${profile}\``
    : `sign in: \`bulkhead login --sso-session ${session}\` (or \`aws sso login --sso-session ${session}\`)`;
}

/** The session's cached token (in `cacheDir`, default ~/.aws/sso/cache), refused with the sign-in commands when it is missing or expired. */
export function freshToken(session: string, profile?: string, cacheDir?: string): CachedToken {
  const token = readCachedToken(session, cacheDir);
  if (token === undefined)
    throw new BulkheadError('sso-token-missing', `no SSO sign-in is cached for sso-session ${session}`, {
      hint: signInHint(session, profile),
    });
  if (!tokenIsFresh(token)) throw expired(session, token, profile);
  return token;
}

function expired(session: string, token: CachedToken, profile?: string): BulkheadError {
  return new BulkheadError(
    'sso-token-expired',
    `the SSO sign-in of sso-session ${session} expired at ${token.expiresAt.toISOString()}`,
    { hint: signInHint(session, profile) },
  );
}

/**
 * The session's token, refreshed through SSO OIDC when it has expired (or is about to) and the cache holds a refresh
 * token and a client registration that still works, as botocore and the SDKs do; the new token is cached for them too.
 */
export async function usableToken(
  session: string,
  where: SsoEndpoint,
  profile?: string,
  cacheDir?: string,
): Promise<CachedToken> {
  const cached = readCachedToken(session, cacheDir);
  if (cached === undefined || tokenIsFresh(cached)) return freshToken(session, profile, cacheDir);
  const { clientId, clientSecret, registrationExpiresAt, refreshToken } = cached;
  if (!clientId || !clientSecret || !refreshToken || !registrationExpiresAt || registrationExpiresAt <= new Date())
    throw expired(session, cached, profile);
  const oidc = new SsoOidc(where);
  try {
    const issued = await oidc.refresh({ clientId, clientSecret, expiresAt: registrationExpiresAt }, refreshToken);
    if (issued === undefined) throw expired(session, cached, profile);
    const token: CachedToken = {
      ...cached,
      accessToken: issued.accessToken,
      expiresAt: issued.expiresAt,
      ...(issued.refreshToken ? { refreshToken: issued.refreshToken } : {}),
    };
    writeCachedToken(session, token, cacheDir);
    return token;
  } finally {
    oidc.destroy();
  }
}

/** The portal's account for a spec account: by email (the natural key), else by name. */
export function portalAccountFor(accounts: PortalAccount[], account: Account): PortalAccount | undefined {
  const email = account.email.toLowerCase();
  return (
    accounts.find((a) => a.emailAddress.toLowerCase() === email || (account.id && a.accountId === account.id)) ??
    accounts.find((a) => a.accountName === account.name)
  );
}

/** The one permission set to use among those the user has there (at least one): the asked one, or the only one. */
export function chooseRole(
  roles: string[],
  asked: string | undefined,
  where: { account: string; environment: string },
): string {
  const place = `${where.account} (${where.environment})`;
  if (asked !== undefined) {
    if (roles.includes(asked)) return asked;
    throw new BulkheadError(
      'unknown-permission-set',
      `the signed-in user has no permission set "${asked}" in ${place}`,
      {
        hint: didYouMeanAmong(asked, roles) ?? `the ones there are ${roles.join(', ')}`,
      },
    );
  }
  if (roles.length > 1)
    throw new BulkheadError(
      'several-permission-sets',
      `the signed-in user has ${roles.length} permission sets in ${place}: ${roles.join(', ')}`,
      { hint: `say which with --permission-set NAME (e.g. --permission-set ${roles[0]})` },
    );
  return roles[0]!;
}

/** Who is signed in, for refusals: the user when known, and always the sso-session and its start URL. */
function whoIs(user: string | undefined, session: string, startUrl: string): string {
  return `${user ?? 'the signed-in user'} (sso-session ${session}, ${startUrl})`;
}

export interface SsoRoleRequest {
  session: string;
  startUrl: string;
  /** The SSO region (the session's). */
  region: string;
  endpoint?: string;
  /** Where STS is, to name the user in a refusal (see signedInUserName). */
  sts: Target;
  token: CachedToken;
  permissionSet?: string;
  /** The generated profile used: its sso_account_id must be the environment's account, found independently. */
  profile?: { name: string; accountId?: string };
  account: Account;
  environment: string;
  /** Asks which permission set when the user has several there and none was named; refused without it. */
  choosePermissionSet?: (roles: string[], place: string) => Promise<string>;
}

/**
 * Role credentials from the SSO portal for the environment's account. The account is found through
 * ListAccounts (by email, then name), never taken from the profile: a profile whose sso_account_id
 * points elsewhere (a hand edit, a stale file) is refused before any credentials are fetched.
 */
export async function ssoRoleCredentials(
  request: SsoRoleRequest,
): Promise<{ accountId: string; roleName: string; credentials: SessionCredentials }> {
  const portal = new SsoPortal({ region: request.region, ...(request.endpoint ? { endpoint: request.endpoint } : {}) });
  const where = { account: request.account.name, environment: request.environment };
  const place = `${where.account} (${where.environment})`;
  const token = request.token.accessToken;
  try {
    const accounts = await portal.listAccounts(token);
    const found = portalAccountFor(accounts, request.account);
    const claimed = request.profile?.accountId;
    if (request.profile && claimed !== undefined && claimed !== found?.accountId) {
      const named = accounts.find((a) => a.accountId === claimed)?.accountName;
      const pointsAt = `${claimed}${named ? ` (${named})` : ''}`;
      throw new BulkheadError(
        'profile-wrong-account',
        found
          ? `profile ${request.profile.name} points at ${pointsAt} but ${where.account} is ${found.accountId}: nothing was run`
          : `profile ${request.profile.name} points at ${pointsAt}, which is not environment ${where.environment}'s account ${where.account} (the signed-in user has no access to that): nothing was run`,
        { hint: 're-run `bulkhead profiles --write` to regenerate the profiles from the organization' },
      );
    }
    const roles =
      found === undefined ? [] : (await portal.listAccountRoles(token, found.accountId)).map((r) => r.roleName);
    if (found === undefined || roles.length === 0) {
      const user = await signedInUserName(portal, token, accounts, request.sts);
      throw new BulkheadError(
        'no-permission-set',
        `${whoIs(user, request.session, request.startUrl)} has no permission set in ${place}`,
        {
          hint: 'ask for an assignment in the spec’s access grid (`bulkhead access who-can …` shows who has one), or check that the spec was applied',
        },
      );
    }
    const roleName =
      request.permissionSet === undefined && roles.length > 1 && request.choosePermissionSet
        ? await request.choosePermissionSet(roles, place)
        : chooseRole(roles, request.permissionSet, where);
    const credentials = await portal.getRoleCredentials(token, found.accountId, roleName);
    return { accountId: found.accountId, roleName, credentials };
  } finally {
    portal.destroy();
  }
}
