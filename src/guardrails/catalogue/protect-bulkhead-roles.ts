/**
 * protect-bulkhead-roles: nobody in a member account can delete or change the roles Bulkhead, IAM Identity Center
 * and CI rely on: by default OrganizationAccountAccessRole, and always the roles Identity Center creates under the
 * `aws-reserved/sso.amazonaws.com/` path. The IAM actions are those of AWS's example SCP protecting a role.
 */
import type { GuardrailDefinition } from '../types.js';
import { denyStatement } from './deny-statement.js';
import { EXEMPT_ROLES, exempting, readExemptRoles } from './exempt-roles.js';
import { ParameterReader, type ItemCheck } from './parameters.js';

export interface ProtectBulkheadRolesParameters {
  roles: string[];
  exemptRoles: string[];
}

export const DEFAULT_PROTECTED_ROLES: readonly string[] = ['OrganizationAccountAccessRole'];

/** AWS: IAM Identity Center's roles in each account live under this path. */
export const IDENTITY_CENTER_ROLE_PATH = 'aws-reserved/sso.amazonaws.com/';

export const ROLE_WRITE_ACTIONS: readonly string[] = [
  'iam:AttachRolePolicy',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:TagRole',
  'iam:UntagRole',
];

// AWS: role names use letters, digits and +=,.@_-; paths add "/". Wildcards pick several roles.
const ROLE_NAME = /^[\w+=,.@*?-]+(\/[\w+=,.@*?-]+)*$/;

const checkRoleName: ItemCheck = (item) => {
  if (ROLE_NAME.test(item)) return undefined;
  const arn = /^arn:[^:]*:iam::[^:]*:role\/(.+)$/.exec(item);
  return {
    message: `"${item}" is not a role name`,
    hint:
      arn !== null
        ? `give the role's name with its path, not its ARN: ${arn[1]}`
        : 'use the role name (with its path if it has one), e.g. OrganizationAccountAccessRole or ci/Deployer',
  };
};

export const protectBulkheadRoles: GuardrailDefinition<ProtectBulkheadRolesParameters> = {
  name: 'protect-bulkhead-roles',
  summary: 'Denies deleting or changing the roles Bulkhead, IAM Identity Center and CI rely on',
  docPage: 'docs/guardrails/protect-bulkhead-roles.md',
  parse(raw) {
    const reader = new ParameterReader(raw, ['roles', EXEMPT_ROLES]);
    const roles = reader.stringList('roles', { check: checkRoleName, example: '[OrganizationAccountAccessRole]' });
    const exemptRoles = readExemptRoles(reader);
    return reader.result(() => ({ roles: roles ?? [...DEFAULT_PROTECTED_ROLES], exemptRoles }));
  },
  render(params) {
    const resources = [
      ...params.roles.map((r) => `arn:*:iam::*:role/${r}`),
      `arn:*:iam::*:role/${IDENTITY_CENTER_ROLE_PATH}*`,
    ];
    return [
      denyStatement(
        'ProtectBulkheadRoles',
        { Action: [...ROLE_WRITE_ACTIONS] },
        resources,
        exempting(params.exemptRoles),
      ),
    ];
  },
};
