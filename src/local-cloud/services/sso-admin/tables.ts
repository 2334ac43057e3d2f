import type { TableName } from '../../store/state.js';

/** The records IAM Identity Center (sso-admin) keeps, one interface per table, declared into the store's `Tables`. */

/** The organization instance: one per organization, in the region where it was first used. */
export interface SsoInstanceRecord {
  arn: string;
  identityStoreId: string;
  ownerAccountId: string;
  organizationId: string;
  region: string;
  createdAt: number;
  tags: Record<string, string>;
}

export interface CustomerManagedPolicyRef {
  name: string;
  path: string;
}

export interface PermissionSetRecord {
  arn: string;
  instanceArn: string;
  name: string;
  description?: string;
  /** ISO-8601 duration, PT1H by default. */
  sessionDuration: string;
  relayState?: string;
  createdAt: number;
  managedPolicyArns: string[];
  customerManagedPolicies: CustomerManagedPolicyRef[];
  inlinePolicy?: string;
  boundary?: { managedPolicyArn?: string; customerManagedPolicyReference?: CustomerManagedPolicyRef };
  tags: Record<string, string>;
  /** Bumped by every change; an account whose provisioned version is older is LATEST_PERMISSION_SET_NOT_PROVISIONED. */
  version: number;
}

export type PrincipalType = 'USER' | 'GROUP';

export interface AccountAssignmentRecord {
  instanceArn: string;
  accountId: string;
  permissionSetArn: string;
  principalType: PrincipalType;
  principalId: string;
  createdAt: number;
}

/** A permission set provisioned to an account: its reserved role exists there at `version`. */
export interface ProvisionedPermissionSetRecord {
  instanceArn: string;
  permissionSetArn: string;
  accountId: string;
  roleName: string;
  version: number;
}

export type SsoOperationStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';

/** One asynchronous request: an assignment creation or deletion, or a ProvisionPermissionSet. */
export interface SsoOperationRecord {
  requestId: string;
  kind: 'create-assignment' | 'delete-assignment' | 'provision';
  instanceArn: string;
  permissionSetArn: string;
  status: SsoOperationStatus;
  createdAt: number;
  completesAt: number;
  failureReason?: string;
  /** Assignments: the account and principal. Provisioning: the account when TargetType is AWS_ACCOUNT. */
  targetId?: string;
  principalType?: PrincipalType;
  principalId?: string;
  provisionTarget?: 'AWS_ACCOUNT' | 'ALL_PROVISIONED_ACCOUNTS';
}

declare module '../../store/state.js' {
  interface Tables {
    ssoInstances: SsoInstanceRecord;
    permissionSets: PermissionSetRecord;
    accountAssignments: AccountAssignmentRecord;
    provisionedPermissionSets: ProvisionedPermissionSetRecord;
    ssoOperations: SsoOperationRecord;
  }
}

export const SSO_ADMIN_TABLES = [
  'ssoInstances',
  'permissionSets',
  'accountAssignments',
  'provisionedPermissionSets',
  'ssoOperations',
] as const satisfies readonly TableName[];

export const assignmentKey = (a: {
  instanceArn: string;
  accountId: string;
  permissionSetArn: string;
  principalType: string;
  principalId: string;
}): string => `${a.instanceArn}|${a.accountId}|${a.permissionSetArn}|${a.principalType}|${a.principalId}`;

export const provisionedKey = (permissionSetArn: string, accountId: string): string =>
  `${permissionSetArn}|${accountId}`;
