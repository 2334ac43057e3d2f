import { BulkheadError } from '../../core/errors.js';
import { didYouMeanAmong } from '../../core/suggest.js';
import type { SessionCredentials } from '../../providers/aws/account-clients.js';
import { SsoPortal, type PortalAccount } from '../../providers/aws/sso/portal.js';
import type { Account } from '../../model/organization.js';
import { readCachedToken, tokenIsFresh, type CachedToken } from '../sso/token-cache.js';

/** How to sign in again, for the messages that need it. */
export function signInHint(session: string, profile?: string): string {
  return profile
    ? `sign in: \`aws sso login --profile ${profile}\` or \`bulkhead login --profile ${profile}\``
    : `sign in: \`bulkhead login --sso-session ${session}\` (or \`aws sso login --sso-session ${session}\`)`;
}

/** The session's cached token, refused with the sign-in commands when it is missing or expired. */
export function freshToken(session: string, profile?: string): CachedToken {
  const token = readCachedToken(session);
  if (token === undefined)
    throw new BulkheadError('sso-token-missing', `no SSO sign-in is cached for sso-session ${session}`, {
      hint: signInHint(session, profile),
    });
  if (!tokenIsFresh(token))
    throw new BulkheadError(
      'sso-token-expired',
      `the SSO sign-in of sso-session ${session} expired at ${token.expiresAt.toISOString()}`,
      { hint: signInHint(session, profile) },
    );
  return token;
}

/** The portal's account for a spec account: by email (the natural key), else by name. */
export function portalAccountFor(accounts: PortalAccount[], account: Account): PortalAccount | undefined {
  const email = account.email.toLowerCase();
  return (
    accounts.find((a) => a.emailAddress.toLowerCase() === email || (account.id && a.accountId === account.id)) ??
    accounts.find((a) => a.accountName === account.name)
  );
}

/** The one permission set to use: the asked one, or the only one the user has there. */
export function chooseRole(
  roles: string[],
  asked: string | undefined,
  where: { account: string; environment: string },
): string {
  const place = `${where.account} (${where.environment})`;
  if (roles.length === 0)
    throw new BulkheadError('no-permission-set', `the signed-in user has no permission set in ${place}`, {
      hint: 'ask for an assignment in the spec’s access grid (`bulkhead access who-can …` shows who has one)',
    });
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

export interface SsoRoleRequest {
  session: string;
  region: string;
  endpoint?: string;
  token: CachedToken;
  permissionSet?: string;
  /** When known (a generated profile says it); else found through ListAccounts. */
  accountId?: string;
  account: Account;
  environment: string;
}

/** Role credentials from the SSO portal for the account, with the permission set chosen. */
export async function ssoRoleCredentials(
  request: SsoRoleRequest,
): Promise<{ accountId: string; roleName: string; credentials: SessionCredentials }> {
  const portal = new SsoPortal({ region: request.region, ...(request.endpoint ? { endpoint: request.endpoint } : {}) });
  const where = { account: request.account.name, environment: request.environment };
  try {
    let accountId = request.accountId;
    if (accountId === undefined) {
      const found = portalAccountFor(await portal.listAccounts(request.token.accessToken), request.account);
      if (found === undefined)
        throw new BulkheadError(
          'no-permission-set',
          `the signed-in user has no permission set in ${where.account} (${where.environment})`,
          { hint: 'ask for an assignment in the spec’s access grid, or check that the spec was applied' },
        );
      accountId = found.accountId;
    }
    const roles = (await portal.listAccountRoles(request.token.accessToken, accountId)).map((r) => r.roleName);
    const roleName = chooseRole(roles, request.permissionSet, where);
    const credentials = await portal.getRoleCredentials(request.token.accessToken, accountId, roleName);
    return { accountId, roleName, credentials };
  } finally {
    portal.destroy();
  }
}
