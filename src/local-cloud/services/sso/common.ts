import { AwsApiError } from '../../errors.js';
import type { HandlerContext } from '../registry.js';
import type { SsoTokenRecord } from '../sso-oidc/tables.js';

/** The SSO portal's errors (botocore model sso 2019-06-10); their body is `{"message":"…"}`. */
export const unauthorized = (): AwsApiError =>
  new AwsApiError('UnauthorizedException', 'Session token not found or invalid', 401);
export const invalidRequest = (message: string): AwsApiError =>
  new AwsApiError('InvalidRequestException', message, 400);
/** Not in the model, but what AWS answers for a role the user has no access to (SDKs surface it by its code). */
export const forbidden = (): AwsApiError => new AwsApiError('ForbiddenException', 'No access', 403);
export const notFound = (message: string): AwsApiError => new AwsApiError('ResourceNotFoundException', message, 404);

export const portalErrorBody = (err: AwsApiError): Record<string, unknown> => ({ message: err.message });

/** The access token of `x-amz-sso_bearer_token`, if it names a live session (UnauthorizedException otherwise). */
export function requireSession(input: Record<string, unknown>, ctx: HandlerContext): SsoTokenRecord {
  const token = input.accessToken;
  if (typeof token !== 'string' || token === '' || token.length > 16_384) throw unauthorized();
  const session = ctx.store.get('ssoTokens', token);
  if (session === undefined || session.revoked || session.expiresAt <= ctx.now) throw unauthorized();
  return session;
}

/** A required query-string member (a string by the time it arrives), at most `max` characters. */
export function queryString(input: Record<string, unknown>, name: string, wire: string, max = 256): string {
  const v = input[name];
  if (typeof v !== 'string' || v === '') throw invalidRequest(`The ${wire} query parameter is required.`);
  if (v.length > max) throw invalidRequest(`The ${wire} query parameter must be at most ${max} characters long.`);
  return v;
}

export const ACCOUNT_ID_RE = /^\d{12}$/;

export function accountIdParam(input: Record<string, unknown>): string {
  const accountId = queryString(input, 'accountId', 'account_id', 64);
  if (!ACCOUNT_ID_RE.test(accountId))
    throw invalidRequest(`Invalid account_id ${JSON.stringify(accountId)}: 12 digits expected.`);
  return accountId;
}
