/**
 * `exemptRoles`: role ARN patterns whose sessions a guardrail lets through (break-glass and automation roles),
 * rendered as `ArnNotLike aws:PrincipalArn` as in AWS's example SCPs. For a role session aws:PrincipalArn is the
 * role's ARN with its path, so a pattern matches the role, not the session.
 */
import type { ItemCheck, ParameterReader } from './parameters.js';

export const EXEMPT_ROLES = 'exemptRoles';

// arn:<partition>:iam::<account or *>:role/<path and name>, wildcards allowed in the account and the name.
const ROLE_ARN_PATTERN = /^arn:(aws|aws-cn|aws-us-gov|\*):iam::(\d{12}|\*):role\/[\w+=,.@/*?-]+$/;

export const checkRoleArnPattern: ItemCheck = (item) => {
  if (ROLE_ARN_PATTERN.test(item)) return undefined;
  const name = item.startsWith('arn:') ? undefined : item.replace(/^role\//, '');
  return {
    message: `"${item}" is not a role ARN pattern`,
    hint:
      name !== undefined && /^[\w+=,.@/*?-]+$/.test(name)
        ? `write arn:aws:iam::*:role/${name}`
        : 'write arn:aws:iam::<account id or *>:role/<path/name>, e.g. arn:aws:iam::*:role/Deployer',
  };
};

/** The exemptRoles parameter ([] when absent). */
export function readExemptRoles(reader: ParameterReader): string[] {
  return (
    reader.stringList(EXEMPT_ROLES, { check: checkRoleArnPattern, example: '[arn:aws:iam::*:role/BreakGlass]' }) ?? []
  );
}

/** `condition` with the exemption added (unchanged when there is none to add). */
export function exempting(
  exemptRoles: readonly string[],
  condition: Record<string, unknown> = {},
): Record<string, unknown> | undefined {
  const out =
    exemptRoles.length > 0 ? { ...condition, ArnNotLike: { 'aws:PrincipalArn': [...exemptRoles] } } : condition;
  return Object.keys(out).length > 0 ? out : undefined;
}
