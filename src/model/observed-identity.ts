/**
 * What refresh sees of IAM Identity Center: the organization instance, its identity store (users,
 * groups, memberships), the permission sets and the account assignments. Names are carried next to
 * ids so that plans, access answers and import speak in names.
 */

/** The organization instance, in the organization's home region. */
export interface ObservedIdentityCenter {
  instanceArn: string;
  identityStoreId: string;
  ownerAccountId: string;
  region: string;
}

export interface ObservedSsoUser {
  userId: string;
  userName: string;
  email?: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
}

export interface ObservedSsoGroup {
  groupId: string;
  name: string;
  description?: string;
}

export interface ObservedMembership {
  membershipId: string;
  groupId: string;
  groupName: string;
  userId: string;
  userName: string;
}

export interface ObservedPermissionSet {
  arn: string;
  name: string;
  description?: string;
  /** ISO-8601, e.g. PT1H. */
  sessionDuration: string;
  relayState?: string;
  tags: Record<string, string>;
  /** AWS managed policy names (the part of the ARN after `policy/`, path included when not `/`). */
  managedPolicies: string[];
  customerManagedPolicies: { name: string; path: string }[];
  /** The inline policy as AWS returns it (a JSON string), when there is one. */
  inlinePolicy?: string;
  permissionBoundary?: { managedPolicy?: string; customerManagedPolicy?: string; path?: string };
  /** Accounts the permission set is provisioned to. */
  provisionedAccountIds: string[];
}

export type PrincipalType = 'USER' | 'GROUP';

export interface ObservedAssignment {
  accountId: string;
  permissionSetArn: string;
  permissionSetName: string;
  principalType: PrincipalType;
  principalId: string;
  /** The user name or group name, when the identity store knows the principal. */
  principalName?: string;
}

/** An assignment operation refresh found still running (or failed), so apply resumes it instead of repeating it. */
export interface PendingAssignmentOp {
  requestId: string;
  operation: 'create' | 'delete';
  status: 'IN_PROGRESS' | 'FAILED';
  accountId: string;
  permissionSetArn: string;
  principalType: PrincipalType;
  principalId: string;
  failureReason?: string;
}

/** Everything refresh read of Identity Center, as one value (for access, import and the plan's access words). */
export interface ObservedIdentity {
  /** Undefined when the organization has no Identity Center instance in its home region. */
  center?: ObservedIdentityCenter;
  users: ObservedSsoUser[];
  groups: ObservedSsoGroup[];
  memberships: ObservedMembership[];
  permissionSets: ObservedPermissionSet[];
  assignments: ObservedAssignment[];
  pending: PendingAssignmentOp[];
}
