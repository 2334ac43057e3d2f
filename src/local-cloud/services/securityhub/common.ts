import { AwsApiError } from '../../errors.js';
import type { HandlerContext } from '../registry.js';
import type { SecurityHubHubRecord } from './tables.js';

/*
 * Security Hub's errors (botocore model securityhub 2018-10-26), their body `{"Code","Message"}`: InvalidInputException
 * 400, InvalidAccessException 401 (not subscribed, not the administrator), ResourceConflictException 409.
 */
export const invalidInput = (message: string): AwsApiError => new AwsApiError('InvalidInputException', message, 400);
export const invalidAccess = (message: string): AwsApiError => new AwsApiError('InvalidAccessException', message, 401);
export const conflict = (message: string): AwsApiError => new AwsApiError('ResourceConflictException', message, 409);

export const securityHubErrorBody = (err: AwsApiError): Record<string, unknown> => ({
  Code: err.code,
  Message: err.message,
});

export const SECURITY_HUB_PRINCIPAL = 'securityhub.amazonaws.com';

export const key = (scope: string, region: string): string => `${scope}|${region}`;
export const hubArn = (accountId: string, region: string): string =>
  `arn:aws:securityhub:${region}:${accountId}:hub/default`;

/** The caller's hub in this region, or InvalidAccessException as AWS words it. */
export function ownHub(ctx: HandlerContext): SecurityHubHubRecord {
  const hub = ctx.store.get('securityHubHubs', key(ctx.principal.accountId, ctx.region));
  if (hub === undefined)
    throw invalidAccess(`Account ${ctx.principal.accountId} is not subscribed to AWS Security Hub`);
  return hub;
}

/** An optional member of one JSON type (InvalidInputException naming it otherwise). */
export function optMember<T>(
  input: Record<string, unknown>,
  name: string,
  type: 'string' | 'boolean',
  values?: readonly string[],
): T | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== type || (values !== undefined && !values.includes(v as string)))
    throw invalidInput(`Invalid parameter '${name}'`);
  return v as T;
}
