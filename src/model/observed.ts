import type { Kind, KindMap } from './kinds.js';
import type { ObservedIdentity, PendingAssignmentOp } from './observed-identity.js';

/** The management account's organization and its root, as refreshed. */
export interface ObservedOrganization {
  id: string;
  arn: string;
  managementAccountId: string;
  featureSet: string;
  root: { id: string; arn: string; tags: Record<string, string> };
}

/** A policy type enabled on the root. */
export interface ObservedPolicyType {
  type: string;
  rootId: string;
}

export interface ObservedOu {
  id: string;
  arn: string;
  name: string;
  parentId: string;
  /** Path below the root, `/`-separated. */
  path: string;
  tags: Record<string, string>;
}

export interface ObservedAccount {
  id: string;
  arn: string;
  name: string;
  email: string;
  status: string;
  parentId: string;
  tags: Record<string, string>;
}

export interface ObservedPolicy {
  id: string;
  arn: string;
  name: string;
  description: string;
  awsManaged: boolean;
  content: string;
  tags: Record<string, string>;
}

/** A policy in the tree view, with the ids of the root, OUs and accounts it is attached to. */
export interface ObservedPolicyWithTargets extends ObservedPolicy {
  targetIds: string[];
}

export interface ObservedAttachment {
  policyId: string;
  policyName: string;
  targetId: string;
}

/** A service principal with trusted access to the organization (EnableAWSServiceAccess). */
export interface ObservedServiceAccess {
  principal: string;
  dateEnabled?: string;
}

/** A CreateAccount request still in progress: an apply that was interrupted finds it again. */
export interface PendingCreate {
  requestId: string;
  accountName: string;
  email?: string;
}

/** Everything refresh saw, keyed by kind; each reader fills in the kinds it serves. */
export type ObservedState = { [K in Kind]: KindMap[K]['observed'][] } & {
  /** Asynchronous requests still running, which a plan resumes instead of repeating. */
  pending: { createAccount: PendingCreate[]; assignments: PendingAssignmentOp[] };
};

export const emptyObservedState = (): ObservedState => ({
  organization: [],
  'policy-type': [],
  'organizational-unit': [],
  account: [],
  policy: [],
  'policy-attachment': [],
  'identity-center': [],
  'sso-user': [],
  'sso-group': [],
  'sso-group-membership': [],
  'permission-set': [],
  'account-assignment': [],
  'service-access': [],
  'trail-bucket': [],
  'organization-trail': [],
  'delegated-administrator': [],
  'security-service': [],
  'service-quota': [],
  'quota-template': [],
  'cost-allocation-tag': [],
  budget: [],
  pending: { createAccount: [], assignments: [] },
});

/** Identity Center as one value (for access, import and the plan's words about access). */
export function identityOf(state: ObservedState): ObservedIdentity {
  const center = state['identity-center'][0];
  return {
    ...(center ? { center } : {}),
    users: state['sso-user'],
    groups: state['sso-group'],
    memberships: state['sso-group-membership'],
    permissionSets: state['permission-set'],
    assignments: state['account-assignment'],
    pending: state.pending.assignments,
  };
}

/**
 * The organization as one tree (root, OUs, accounts, policies with their targets): the view that
 * access, show and import read. Derived from the observed state, never stored.
 */
export interface ObservedOrg {
  /** Undefined when the management account has no organization yet. */
  organization?: { id: string; arn: string; managementAccountId: string; featureSet: string };
  root?: { id: string; arn: string; enabledPolicyTypes: string[]; tags: Record<string, string> };
  organizationalUnits: ObservedOu[];
  accounts: ObservedAccount[];
  policies: ObservedPolicyWithTargets[];
  pendingCreates: PendingCreate[];
}

export function organizationTree(state: ObservedState): ObservedOrg {
  const org = state.organization[0];
  return {
    ...(org
      ? {
          organization: {
            id: org.id,
            arn: org.arn,
            managementAccountId: org.managementAccountId,
            featureSet: org.featureSet,
          },
          root: { ...org.root, enabledPolicyTypes: state['policy-type'].map((t) => t.type) },
        }
      : {}),
    organizationalUnits: state['organizational-unit'],
    accounts: state.account,
    policies: state.policy.map((p) => ({
      ...p,
      targetIds: state['policy-attachment'].filter((a) => a.policyId === p.id).map((a) => a.targetId),
    })),
    pendingCreates: state.pending.createAccount,
  };
}

/** The reverse of organizationTree, for callers (tests, benchmarks, import) that build a tree. */
export function stateOfTree(tree: ObservedOrg): ObservedState {
  const state = emptyObservedState();
  if (tree.organization && tree.root) {
    const { enabledPolicyTypes, ...root } = tree.root;
    state.organization.push({ ...tree.organization, root });
    for (const type of enabledPolicyTypes) state['policy-type'].push({ type, rootId: root.id });
  }
  state['organizational-unit'] = tree.organizationalUnits;
  state.account = tree.accounts;
  state.policy = tree.policies.map(({ targetIds: _targets, ...p }) => p);
  state['policy-attachment'] = tree.policies.flatMap((p) =>
    p.targetIds.map((targetId) => ({ policyId: p.id, policyName: p.name, targetId })),
  );
  state.pending.createAccount = tree.pendingCreates;
  return state;
}

/** The tag Bulkhead puts on what it creates; what lacks it and is not in the spec is left alone. */
export const MANAGED_BY_TAG = { key: 'managed-by', value: 'bulkhead' } as const;

export function isManagedByBulkhead(tags: Record<string, string>): boolean {
  return tags[MANAGED_BY_TAG.key] === MANAGED_BY_TAG.value;
}
