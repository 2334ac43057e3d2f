import { newIamUniqueId } from '../../ids.js';
import type { RoleRecord } from './tables.js';
import type { Store } from '../../store/store.js';

export const roleKey = (accountId: string, roleName: string): string => `${accountId}|${roleName.toLowerCase()}`;

/**
 * AWS: an account created with CreateAccount comes with a role (OrganizationAccountAccessRole by
 * default) that has AdministratorAccess and trusts the management account.
 */
export function provisionAccountAccessRole(
  store: Store,
  accountId: string,
  roleName: string,
  managementAccountId: string,
  now: number,
): void {
  const role: RoleRecord = {
    accountId,
    roleId: newIamUniqueId('AROA'),
    name: roleName,
    path: '/',
    description: '',
    assumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` }, Action: 'sts:AssumeRole' },
      ],
    }),
    maxSessionDuration: 3600,
    createdAt: now,
    tags: {},
    inlinePolicies: {},
    attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
  };
  store.put('roles', roleKey(accountId, roleName), role);
}
