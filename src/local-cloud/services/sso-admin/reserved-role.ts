import { createHash } from 'node:crypto';
import type { Quotas } from '../../config.js';
import { newIamUniqueId } from '../../ids.js';
import type { Store } from '../../store/store.js';
import { roleKey } from '../iam/provision.js';
import type { RoleRecord } from '../iam/tables.js';
import { rolesByAccount } from './indexes.js';
import type { CustomerManagedPolicyRef, PermissionSetRecord, SsoInstanceRecord } from './tables.js';
import { provisionedKey } from './tables.js';
import { durationSeconds } from './common.js';

/** The inline role policy a permission set's inline policy becomes (AWS's name for it). */
export const INLINE_POLICY_NAME = 'AwsSSOInlinePolicy';

/**
 * AWS names the role a permission set becomes in an account `AWSReservedSSO_<PermissionSet>_<16 hex>`;
 * the suffix is stable for the permission set in that account (here: derived from both).
 */
export function reservedRoleName(ps: PermissionSetRecord, accountId: string): string {
  const suffix = createHash('sha256').update(`${ps.arn}|${accountId}`).digest('hex').slice(0, 16);
  return `AWSReservedSSO_${ps.name}_${suffix}`;
}

/** AWS: `/aws-reserved/sso.amazonaws.com/` for an instance in us-east-1, `/aws-reserved/sso.amazonaws.com/<region>/` elsewhere. */
export function reservedRolePath(instance: SsoInstanceRecord): string {
  return instance.region === 'us-east-1'
    ? '/aws-reserved/sso.amazonaws.com/'
    : `/aws-reserved/sso.amazonaws.com/${instance.region}/`;
}

const customerPolicyArn = (accountId: string, ref: CustomerManagedPolicyRef): string =>
  `arn:aws:iam::${accountId}:policy${ref.path}${ref.name}`;

/**
 * Why the permission set cannot be provisioned into the account (AWS's FailureReason), or undefined. AWS fails
 * the request when the account is not an active member of the organization or a customer managed policy the
 * permission set references does not exist in it.
 */
export function provisioningProblem(
  store: Store,
  instance: SsoInstanceRecord,
  ps: PermissionSetRecord,
  accountId: string,
  quotas: Quotas,
): string | undefined {
  const account = store.get('accounts', accountId);
  if (account?.organizationId !== instance.organizationId)
    return `Account ${accountId} is not a member of the organization of the IAM Identity Center instance.`;
  if (account.status !== 'ACTIVE') return `Account ${accountId} is not active (status ${account.status}).`;
  const refs = [...ps.customerManagedPolicies];
  const boundaryRef = ps.boundary?.customerManagedPolicyReference;
  if (boundaryRef !== undefined) refs.push(boundaryRef);
  for (const ref of refs) {
    const arn = customerPolicyArn(accountId, ref);
    if (store.get('managedPolicies', arn)?.accountId !== accountId)
      return `Customer managed policy ${ref.path}${ref.name} does not exist in account ${accountId} (${arn}).`;
  }
  const attached = ps.managedPolicyArns.length + ps.customerManagedPolicies.length;
  if (attached > quotas.maxAttachedPoliciesPerRole)
    return `Cannot attach ${attached} managed policies to a role in account ${accountId}: quota of ${quotas.maxAttachedPoliciesPerRole} managed policies per role exceeded.`;
  const existing = store.get('roles', roleKey(accountId, reservedRoleName(ps, accountId)));
  if (existing === undefined) {
    if (store.lookup(rolesByAccount, accountId).size >= quotas.maxRolesPerAccount)
      return `Cannot create role in account ${accountId}: quota of ${quotas.maxRolesPerAccount} roles per account exceeded.`;
  }
  return undefined;
}

/**
 * Creates or updates the permission set's role in the account: its managed policies and customer managed
 * references attached, the inline policy as `AwsSSOInlinePolicy`, the boundary, the session duration.
 * The trust policy admits the account's IAM Identity Center SAML provider, as on AWS, and (local cloud only)
 * the management account, so tools and tests can act as the role without the access portal.
 */
export function provisionReservedRole(
  store: Store,
  instance: SsoInstanceRecord,
  ps: PermissionSetRecord,
  accountId: string,
  now: number,
): void {
  const name = reservedRoleName(ps, accountId);
  const key = roleKey(accountId, name);
  const existing = store.get('roles', key);
  const samlHex = instance.arn.slice(-16);
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${accountId}:saml-provider/AWSSSO_${samlHex}_DO_NOT_DELETE` },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      },
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${instance.ownerAccountId}:root` }, Action: 'sts:AssumeRole' },
    ],
  };
  const role: RoleRecord = {
    accountId,
    roleId: existing?.roleId ?? newIamUniqueId('AROA'),
    name,
    path: reservedRolePath(instance),
    description: '',
    assumeRolePolicyDocument: JSON.stringify(trust),
    maxSessionDuration: durationSeconds(ps.sessionDuration) ?? 3600,
    createdAt: existing?.createdAt ?? now,
    tags: {},
    inlinePolicies: ps.inlinePolicy === undefined ? {} : { [INLINE_POLICY_NAME]: ps.inlinePolicy },
    attachedPolicyArns: [
      ...ps.managedPolicyArns,
      ...ps.customerManagedPolicies.map((ref) => customerPolicyArn(accountId, ref)),
    ],
  };
  const b = ps.boundary;
  const boundaryArn =
    b?.managedPolicyArn ??
    (b?.customerManagedPolicyReference === undefined
      ? undefined
      : customerPolicyArn(accountId, b.customerManagedPolicyReference));
  if (boundaryArn !== undefined) role.permissionsBoundaryArn = boundaryArn;
  store.put('roles', key, role);
  store.put('provisionedPermissionSets', provisionedKey(ps.arn, accountId), {
    instanceArn: instance.arn,
    permissionSetArn: ps.arn,
    accountId,
    roleName: name,
    version: ps.version,
  });
}

/** Removes the permission set's role from the account (the last assignment there was deleted). */
export function removeReservedRole(store: Store, permissionSetArn: string, accountId: string): void {
  const provisioned = store.get('provisionedPermissionSets', provisionedKey(permissionSetArn, accountId));
  if (provisioned === undefined) return;
  store.delete('roles', roleKey(accountId, provisioned.roleName));
  store.delete('provisionedPermissionSets', provisionedKey(permissionSetArn, accountId));
}
