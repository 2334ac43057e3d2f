import type { CustomerManagedPolicyRef } from './organization.js';
import type { PrincipalType } from './observed-identity.js';
import type { Ref, Tags } from './payloads.js';

/** Enable = trusted access for sso.amazonaws.com, then wait for the instance in the home region. */
export type IdentityCenterPayload = { action: 'create'; homeRegion: string };

export interface SsoUserFields {
  userName: string;
  email: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
}

export type SsoUserPayload =
  | ({ action: 'create' } & SsoUserFields)
  | ({ action: 'update'; userId: string } & SsoUserFields)
  | { action: 'delete'; userId: string; userName: string };

export type SsoGroupPayload =
  | { action: 'create'; name: string; description?: string }
  | { action: 'update'; groupId: string; name: string; description?: string }
  | { action: 'delete'; groupId: string; name: string };

export type MembershipPayload =
  | { action: 'create'; group: Ref; user: Ref; groupName: string; userName: string }
  | { action: 'delete'; membershipId: string; groupName: string; userName: string };

export interface PermissionBoundary {
  managedPolicy?: string;
  customerManagedPolicy?: string;
  path?: string;
}

/** A permission set as Bulkhead sends it: the inline policy minified, the managed-by tag included. */
export interface PermissionSetFields {
  name: string;
  description?: string;
  sessionDuration: string;
  relayState?: string;
  managedPolicies: string[];
  customerManagedPolicies: CustomerManagedPolicyRef[];
  inlinePolicy?: string;
  permissionBoundary?: PermissionBoundary;
  tags: Tags;
}

/** What an update changes, worked out at plan time from the observed permission set. */
export interface PermissionSetDelta {
  /** Description, session duration or relay state differ: one UpdatePermissionSet. */
  settings: boolean;
  attachManaged: string[];
  detachManaged: string[];
  attachCustomer: CustomerManagedPolicyRef[];
  detachCustomer: CustomerManagedPolicyRef[];
  inline: 'put' | 'delete' | 'keep';
  boundary: 'put' | 'delete' | 'keep';
  /** Whether accounts that have it must be re-provisioned (a policy part changed). */
  reprovision: boolean;
}

export type PermissionSetPayload =
  | ({ action: 'create' } & PermissionSetFields)
  | ({ action: 'update'; arn: string; delta: PermissionSetDelta } & PermissionSetFields)
  | { action: 'delete'; arn: string; name: string; provisionedAccountIds: string[] };

/** Names carried next to ids, so apply and its failures speak of account, principal and permission set. */
export interface AssignmentNames {
  accountName: string;
  accountEmail: string;
  environment: string;
  principalType: PrincipalType;
  principalName: string;
  permissionSetName: string;
}

export type AssignmentPayload =
  | (AssignmentNames & {
      action: 'create';
      account: Ref;
      principal: Ref;
      permissionSet: Ref;
      /** A CreateAccountAssignment an interrupted apply left IN_PROGRESS: followed, not sent again. */
      pendingRequestId?: string;
    })
  | (AssignmentNames & {
      action: 'delete';
      accountId: string;
      principalId: string;
      permissionSetArn: string;
      /** A DeleteAccountAssignment an interrupted apply left IN_PROGRESS. */
      pendingRequestId?: string;
    });
