import type { TableName } from '../../store/state.js';

/**
 * The records IAM keeps, one interface per table. Each table is declared into the store's `Tables`
 * map from here, so adding a service needs no central table list.
 */

export interface RoleRecord {
  accountId: string;
  roleId: string;
  name: string;
  path: string;
  description: string;
  assumeRolePolicyDocument: string;
  maxSessionDuration: number;
  createdAt: number;
  tags: Record<string, string>;
  inlinePolicies: Record<string, string>;
  attachedPolicyArns: string[];
  /** The managed policy that caps the role's permissions (PutRolePermissionsBoundary). */
  permissionsBoundaryArn?: string;
}

/** An IAM user; users have no credentials in the local cloud (no CreateAccessKey), only an identity. */
export interface UserRecord {
  accountId: string;
  userId: string;
  name: string;
  path: string;
  createdAt: number;
  tags: Record<string, string>;
}

export interface PolicyVersionRecord {
  versionId: string;
  document: string;
  createdAt: number;
}

export interface ManagedPolicyRecord {
  accountId: string;
  arn: string;
  policyId: string;
  name: string;
  path: string;
  description: string;
  createdAt: number;
  updatedAt: number;
  defaultVersionId: string;
  versions: PolicyVersionRecord[];
  nextVersion: number;
  tags: Record<string, string>;
}

declare module '../../store/state.js' {
  interface Tables {
    roles: RoleRecord;
    users: UserRecord;
    managedPolicies: ManagedPolicyRecord;
  }
}

/** The tables IAM owns (its service definition lists them; the store creates them). */
export const IAM_TABLES = ['roles', 'users', 'managedPolicies'] as const satisfies readonly TableName[];
