import { AwsApiError, validationError } from '../../errors.js';
import { roleKey } from '../iam/provision.js';
import { qInt, qOpt, qReq } from '../query-input.js';
import type { HandlerContext } from '../registry.js';
import { trustAdmits } from '../../authz/trust-policy.js';
import { organizationOf } from '../../authz/scp-chain.js';
import { mintRoleSession } from './sessions.js';

export function getCallerIdentity(_input: Record<string, unknown>, ctx: HandlerContext): unknown {
  return { UserId: ctx.principal.userId, Account: ctx.principal.accountId, Arn: ctx.principal.arn };
}

const ROLE_ARN_RE = /^arn:aws:iam::(\d{12}):role(\/(?:[\x21-\x7E]*\/)?)?([\w+=,.@-]{1,64})$/;
const ONE_HOUR = 3600;

/**
 * AWS: AssumeRole returns credentials for the role's account; the session lasts DurationSeconds
 * (900 s up to the role's MaxSessionDuration), and at most one hour when a role session assumes
 * another role (role chaining).
 */
export function assumeRole(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const roleArn = qReq(input, 'RoleArn', { min: 20, max: 2048 });
  const sessionName = qReq(input, 'RoleSessionName', { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/ });
  const duration = qInt(input, 'DurationSeconds', 900, 43_200) ?? ONE_HOUR;
  const externalId = qOpt(input, 'ExternalId', { min: 2, max: 1224 });
  qOpt(input, 'Policy', { min: 1, max: 2048 });
  const m = ROLE_ARN_RE.exec(roleArn);
  const denied = new AwsApiError(
    'AccessDenied',
    `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  );
  if (m === null) throw validationError(`${roleArn} is invalid`);
  const accountId = m[1] ?? '';
  const roleName = m[3] ?? '';
  const role = ctx.store.get('roles', roleKey(accountId, roleName));
  if (role === undefined || role.path !== (m[2] ?? '/')) throw denied;
  const canonicalRoleArn = `arn:aws:iam::${accountId}:role${role.path}${role.name}`;
  if (
    !trustAdmits(
      role,
      ctx.principal,
      canonicalRoleArn,
      externalId,
      organizationOf(ctx.store, ctx.principal.accountId)?.id,
    )
  )
    throw denied;
  if (ctx.principal.kind === 'assumed-role' && duration > ONE_HOUR) {
    throw validationError(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (duration > role.maxSessionDuration)
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  const key = mintRoleSession(ctx.store, role, sessionName, duration, ctx.now);
  return {
    Credentials: {
      AccessKeyId: key.accessKeyId,
      SecretAccessKey: key.secretAccessKey,
      SessionToken: key.sessionToken,
      Expiration: new Date(key.expiresAt ?? ctx.now),
    },
    AssumedRoleUser: { AssumedRoleId: key.userId, Arn: key.arn },
  };
}
