import { decodeToken, encodeToken } from '../pagination.js';
import type { HandlerContext } from '../registry.js';
import { durationSeconds } from '../sso-admin/common.js';
import { mintRoleSession } from '../sts/sessions.js';
import { accountIdParam, forbidden, invalidRequest, queryString, requireSession } from './common.js';
import { grantsOf } from './grants.js';

/** The portal's page sizes (the model: max_result 1..100). */
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

function page<T>(items: readonly T[], op: string, input: Record<string, unknown>): { items: T[]; nextToken?: string } {
  let size = DEFAULT_PAGE;
  const raw = input.maxResults;
  if (raw !== undefined) {
    const n = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(n >= 1 && n <= MAX_PAGE)) throw invalidRequest(`max_result must be an integer from 1 to ${MAX_PAGE}.`);
    size = n;
  }
  let offset = 0;
  const token = input.nextToken;
  if (token !== undefined) {
    const decoded = typeof token === 'string' && token.length <= 1024 ? decodeToken(op, token) : undefined;
    if (decoded === undefined) throw invalidRequest('The next_token is not valid.');
    offset = decoded;
  }
  const next = offset + size;
  const out = items.slice(offset, next);
  return next < items.length ? { items: out, nextToken: encodeToken(op, next) } : { items: out };
}

/** ListAccounts: the accounts where the user has at least one permission set. */
export function listAccounts(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const session = requireSession(input, ctx);
  const ids = [...new Set(grantsOf(ctx.store, session.user).map((g) => g.accountId))];
  const { items, nextToken } = page(ids, `ListAccounts|${session.user.userId}`, input);
  return {
    accountList: items.map((id) => {
      const account = ctx.store.get('accounts', id);
      return { accountId: id, accountName: account?.name ?? id, emailAddress: account?.email ?? '' };
    }),
    ...(nextToken === undefined ? {} : { nextToken }),
  };
}

/** ListAccountRoles: the permission sets the user may use in one account (their names are the role names). */
export function listAccountRoles(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const session = requireSession(input, ctx);
  const accountId = accountIdParam(input);
  const names = grantsOf(ctx.store, session.user)
    .filter((g) => g.accountId === accountId)
    .map((g) => g.permissionSet.name);
  const { items, nextToken } = page(names, `ListAccountRoles|${session.user.userId}|${accountId}`, input);
  return {
    roleList: items.map((roleName) => ({ roleName, accountId })),
    ...(nextToken === undefined ? {} : { nextToken }),
  };
}

/** The session name of the user's role sessions: their user name, within what STS accepts. */
const sessionNameOf = (userName: string): string =>
  userName
    .replace(/[^\w+=,.@-]/g, '-')
    .slice(0, 64)
    .padEnd(2, '-');

/**
 * GetRoleCredentials: a session of the AWSReservedSSO_* role of that permission set in that account, lasting the
 * permission set's session duration; ForbiddenException ("No access") when no assignment gives it to the user.
 */
export function getRoleCredentials(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const session = requireSession(input, ctx);
  const roleName = queryString(input, 'roleName', 'role_name', 64);
  const accountId = accountIdParam(input);
  const grant = grantsOf(ctx.store, session.user).find(
    (g) => g.accountId === accountId && g.permissionSet.name === roleName,
  );
  if (grant === undefined) throw forbidden();
  const duration = durationSeconds(grant.permissionSet.sessionDuration) ?? 3600;
  const key = mintRoleSession(ctx.store, grant.role, sessionNameOf(session.user.userName), duration, ctx.now);
  return {
    roleCredentials: {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      sessionToken: key.sessionToken,
      expiration: key.expiresAt,
    },
  };
}

/** Logout: ends the sign-in session; the access token and its refresh token stop working (role sessions run out). */
export function logout(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const session = requireSession(input, ctx);
  ctx.store.put('ssoTokens', session.accessToken, { ...session, revoked: true });
  const refresh =
    session.refreshToken === undefined ? undefined : ctx.store.get('ssoRefreshTokens', session.refreshToken);
  if (refresh !== undefined) ctx.store.put('ssoRefreshTokens', refresh.refreshToken, { ...refresh, revoked: true });
  return undefined;
}
