import type { Environment } from './environment.js';

/** The validated, normalized organization that planning, access and rendering work from. */
export interface OrgModel {
  name: string;
  homeRegion: string;
  allowedRegions: string[];
  defaultTags: Record<string, string>;
  managementAccount: { name: string; email: string; id?: string };
  trail?: { name: string; bucketAccount?: string; bucketName?: string };
  environments: Map<string, Environment>;
  /** Every OU, keyed by its path below the root, e.g. `Workloads/Prod`. */
  organizationalUnits: Map<string, OrganizationalUnit>;
  accounts: Map<string, Account>;
  serviceControlPolicies: Map<string, ServiceControlPolicy>;
  identity: Identity;
}

export interface OrganizationalUnit {
  name: string;
  /** Path below the root, `/`-separated. */
  path: string;
  parentPath: string | null;
  depth: number;
  description?: string;
  tags: Record<string, string>;
  renamedFrom?: string;
}

export interface Account {
  name: string;
  email: string;
  environment: string;
  alsoHosts: string[];
  /** OU path, or null for the root. */
  ouPath: string | null;
  owner?: string;
  tags: Record<string, string>;
  protect: boolean;
  id?: string;
  lifecycle: 'active' | 'close';
}

/** Where a policy is attached: the root, an OU by path, or an account by name. */
export type PolicyTarget = { type: 'root' } | { type: 'ou'; path: string } | { type: 'account'; name: string };

export interface ServiceControlPolicy {
  name: string;
  description?: string;
  document: unknown;
  targets: PolicyTarget[];
  tags: Record<string, string>;
}

export interface Identity {
  users: Map<string, { userName: string; email: string; displayName?: string }>;
  groups: Map<string, { name: string; description?: string; members: string[] }>;
  permissionSets: Map<string, PermissionSet>;
  /** Resolved access grid: one row per group × environment × permission set. */
  assignments: AccessAssignment[];
}

export interface PermissionSet {
  name: string;
  description?: string;
  managedPolicies: string[];
  inlinePolicy?: unknown;
  sessionDuration: string;
  permissionBoundary?: { managedPolicy?: string; customerManagedPolicy?: string };
}

export interface AccessAssignment {
  group: string;
  environment: string;
  permissionSet: string;
  /** Set when the grant is for the environment's owner only. */
  user?: string;
}

export function formatTarget(target: PolicyTarget): string {
  switch (target.type) {
    case 'root':
      return 'root';
    case 'ou':
      return `ou:${target.path}`;
    case 'account':
      return `account:${target.name}`;
  }
}
