import type { AuditModel } from './audit.js';
import type { CostModel } from './cost.js';
import type { QuotaRequestModel } from './quotas.js';
import type { Environment } from './environment.js';

/** The validated, normalized organization that planning, access and rendering work from. */
export interface OrgModel {
  name: string;
  homeRegion: string;
  allowedRegions: string[];
  defaultTags: Record<string, string>;
  managementAccount: { name: string; email: string; id?: string };
  environments: Map<string, Environment>;
  /** Every OU, keyed by its path below the root, e.g. `Workloads/Prod`. */
  organizationalUnits: Map<string, OrganizationalUnit>;
  accounts: Map<string, Account>;
  serviceControlPolicies: Map<string, ServiceControlPolicy>;
  identity: Identity;
  /** `audit:`: the organization trail and the security services (absent when the spec has none). */
  audit?: AuditModel;
  /** `budgets:` and cost-allocation tags (absent when the model was built without them, e.g. from the live org). */
  cost?: CostModel;
  /** `quotas:` (absent or empty when the spec asks for none). */
  quotas?: QuotaRequestModel[];
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
  /** Set when Bulkhead packed the policy from `guardrails:`: which it holds, and its size against AWS's limit. */
  origin?: PolicyOrigin;
}

export interface PolicyOrigin {
  /** The guardrails it holds, in spec order. */
  guardrails: string[];
  /** Characters of the minified document, as AWS counts them. */
  size: number;
  maxSize: number;
}

export interface Identity {
  /** `bulkhead`: users and groups are planned; `external`: an IdP provisions them and they are resolved by name. */
  source: 'bulkhead' | 'external';
  users: Map<string, IdentityUser>;
  groups: Map<string, { name: string; description?: string; members: string[] }>;
  permissionSets: Map<string, PermissionSet>;
  /** Resolved access grid: one row per group × environment × permission set. */
  assignments: AccessAssignment[];
}

export interface IdentityUser {
  userName: string;
  email: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
}

/** A customer managed policy referenced by name and path; it lives in each account, not in the spec. */
export interface CustomerManagedPolicyRef {
  name: string;
  path: string;
}

export interface PermissionSet {
  name: string;
  description?: string;
  managedPolicies: string[];
  customerManagedPolicies: CustomerManagedPolicyRef[];
  inlinePolicy?: unknown;
  sessionDuration: string;
  relayState?: string;
  permissionBoundary?: { managedPolicy?: string; customerManagedPolicy?: string; path?: string };
  tags: Record<string, string>;
}

export interface AccessAssignment {
  group: string;
  environment: string;
  permissionSet: string;
  /** Set when the grant is for the environment's owner only. */
  user?: string;
  /** The grant also assigns in the management account when it hosts the environment. */
  includeManagementAccount?: boolean;
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
