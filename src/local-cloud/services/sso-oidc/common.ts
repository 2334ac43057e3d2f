import { randomBytes } from 'node:crypto';
import { AwsApiError } from '../../errors.js';
import type { HandlerContext } from '../registry.js';
import type { SsoOidcClientRecord } from './tables.js';

/**
 * SSO OIDC's errors (botocore model sso-oidc 2019-06-10): each a code (x-amzn-ErrorType), a status, and the OAuth
 * `error` value of its body (RFC 6749/8628 names).
 */
const OAUTH_ERRORS: Readonly<Record<string, { status: number; error: string }>> = {
  AuthorizationPendingException: { status: 400, error: 'authorization_pending' },
  SlowDownException: { status: 400, error: 'slow_down' },
  ExpiredTokenException: { status: 400, error: 'expired_token' },
  InvalidGrantException: { status: 400, error: 'invalid_grant' },
  InvalidClientException: { status: 401, error: 'invalid_client' },
  InvalidClientMetadataException: { status: 400, error: 'invalid_client_metadata' },
  InvalidRequestException: { status: 400, error: 'invalid_request' },
  InvalidScopeException: { status: 400, error: 'invalid_scope' },
  UnsupportedGrantTypeException: { status: 400, error: 'unsupported_grant_type' },
  UnknownOperationException: { status: 404, error: 'invalid_request' },
  InternalServerException: { status: 500, error: 'server_error' },
};

export function oidcError(code: keyof typeof OAUTH_ERRORS, description: string): AwsApiError {
  const shape = OAUTH_ERRORS[code] ?? { status: 400, error: 'invalid_request' };
  return new AwsApiError(code, description, shape.status);
}

/** The body of an SSO OIDC error: `{"error":"authorization_pending","error_description":"…"}`. */
export function oidcErrorBody(err: AwsApiError): Record<string, unknown> {
  const error = OAUTH_ERRORS[err.code]?.error ?? 'invalid_request';
  return { error, error_description: err.message };
}

const invalidRequest = (message: string): AwsApiError => oidcError('InvalidRequestException', message);

/** A string member: required or not, at most `max` characters (longer is malformed input). */
export function oidcString(input: Record<string, unknown>, name: string, required: true, max?: number): string;
export function oidcString(
  input: Record<string, unknown>,
  name: string,
  required: false,
  max?: number,
): string | undefined;
export function oidcString(
  input: Record<string, unknown>,
  name: string,
  required: boolean,
  max = 2048,
): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) {
    if (required) throw invalidRequest(`${name} is required.`);
    return undefined;
  }
  if (typeof v !== 'string') throw invalidRequest(`${name} must be a string.`);
  if (required && v === '') throw invalidRequest(`${name} must not be empty.`);
  if (v.length > max) throw invalidRequest(`${name} must be at most ${max} characters long.`);
  return v;
}

/** A list of strings (scopes, grant types, redirect URIs): at most 25 of at most 256 characters. */
export function oidcStringList(input: Record<string, unknown>, name: string): string[] {
  const v = input[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 25 || v.some((s) => typeof s !== 'string' || s === '' || s.length > 256))
    throw invalidRequest(`${name} must be a list of at most 25 non-empty strings of at most 256 characters.`);
  return v as string[];
}

/** The client a call names, if its secret matches and its registration has not expired (InvalidClientException). */
export function requireClient(input: Record<string, unknown>, ctx: HandlerContext): SsoOidcClientRecord {
  const clientId = oidcString(input, 'clientId', true);
  const clientSecret = oidcString(input, 'clientSecret', true, 16_384);
  const client = ctx.store.get('ssoOidcClients', clientId);
  if (client === undefined || client.clientSecret !== clientSecret)
    throw oidcError('InvalidClientException', 'Invalid client id or client secret.');
  if (client.expiresAt <= ctx.now) throw oidcError('InvalidClientException', 'The client registration has expired.');
  return client;
}

const token = (prefix: string, bytes: number): string => `${prefix}${randomBytes(bytes).toString('base64url')}`;

export const newClientId = (): string => token('', 16);
export const newClientSecret = (): string => token('eyJ', 96);
export const newDeviceCode = (): string => token('', 48);
export const newAccessToken = (): string => token('aoa', 96);
export const newRefreshToken = (): string => token('aor', 96);

// Letters only, without the ones read as others (I, O), as AWS's codes look: `ABCD-EFGH`.
const USER_CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newUserCode(): string {
  const bytes = randomBytes(8);
  const letters = [...bytes].map((b) => USER_CODE_LETTERS[b % USER_CODE_LETTERS.length] ?? 'A');
  return `${letters.slice(0, 4).join('')}-${letters.slice(4).join('')}`;
}

/** A user code as typed (any case, the dash optional) in its canonical form, or undefined when it cannot be one. */
export function normalizeUserCode(text: string): string | undefined {
  const letters = text.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z]{8}$/.test(letters) ? `${letters.slice(0, 4)}-${letters.slice(4)}` : undefined;
}
