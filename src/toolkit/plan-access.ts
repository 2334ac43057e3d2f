import type { ObservedOrg } from '../model/observed.js';
import type { ObservedIdentity } from '../model/observed-identity.js';
import { withLiveIdentity } from '../access/live-identity.js';
import { accessOrgFromSpec, type AccessOrg } from '../access/org-view.js';
import { PermissionSetResolver } from '../access/permission-set-policies.js';
import { awsManagedPolicies } from './managed-policies.js';
import type {
  Account,
  OrgModel,
  OrganizationalUnit,
  PolicyTarget,
  ServiceControlPolicy,
} from '../model/organization.js';
import type { Plan } from '../plan/types.js';
import { accessDiff, type AccessDiff } from './access-diff.js';
import {
  describeGrantChange,
  grantChanges,
  type AccessGrantChange,
  type AssignmentChangeNames,
} from './access-grants.js';

/**
 * The organization as it is now, in the spec's terms: OUs, account placement and SCPs from the live
 * organization; environments and identity from the spec (Bulkhead does not apply identity yet).
 * Accounts the spec has but AWS does not yet are left out: nobody has access to them today.
 */
export function modelFromObserved(observed: ObservedOrg, spec: OrgModel): OrgModel {
  const ouPathById = new Map(observed.organizationalUnits.map((o) => [o.id, o.path]));
  const organizationalUnits = new Map<string, OrganizationalUnit>(
    observed.organizationalUnits.map((o) => {
      const parentPath = ouPathById.get(o.parentId) ?? null;
      return [o.path, { name: o.name, path: o.path, parentPath, depth: o.path.split('/').length, tags: o.tags }];
    }),
  );
  const accounts = new Map<string, Account>();
  const nameById = new Map<string, string>();
  for (const a of spec.accounts.values()) {
    const live = observed.accounts.find((o) =>
      a.id ? o.id === a.id : o.email.toLowerCase() === a.email.toLowerCase(),
    );
    if (!live || live.status !== 'ACTIVE') continue;
    nameById.set(live.id, a.name);
    accounts.set(a.name, { ...a, id: live.id, ouPath: ouPathById.get(live.parentId) ?? null });
  }
  const targetOf = (id: string): PolicyTarget | undefined => {
    if (id === observed.root?.id) return { type: 'root' };
    const path = ouPathById.get(id);
    if (path !== undefined) return { type: 'ou', path };
    const name = nameById.get(id);
    return name ? { type: 'account', name } : undefined;
  };
  const serviceControlPolicies = new Map<string, ServiceControlPolicy>();
  for (const p of observed.policies) {
    if (p.awsManaged) continue;
    let document: unknown;
    try {
      document = JSON.parse(p.content);
    } catch {
      continue;
    }
    serviceControlPolicies.set(p.name, {
      name: p.name,
      document,
      targets: p.targetIds.map(targetOf).filter((t): t is PolicyTarget => t !== undefined),
      tags: p.tags,
    });
  }
  return { ...spec, organizationalUnits, accounts, serviceControlPolicies };
}

const ACCESS_KINDS = new Set([
  'policy',
  'policy-attachment',
  'account',
  'organizational-unit',
  'organization',
  'permission-set',
  'account-assignment',
  'sso-group-membership',
]);

/** The plan's account-assignment changes, by the names their payloads carry. */
export function assignmentChanges(plan: Plan): AssignmentChangeNames[] {
  const out: AssignmentChangeNames[] = [];
  for (const c of plan.changes) {
    if ((c.kind as string) !== 'account-assignment') continue;
    const p = c.payload as unknown as AssignmentChangeNames & { action: string };
    if (p.action !== 'create' && p.action !== 'delete') continue;
    out.push({
      action: p.action,
      accountName: p.accountName,
      ...(p.environment ? { environment: p.environment } : {}),
      principalType: p.principalType,
      principalName: p.principalName,
      permissionSetName: p.permissionSetName,
    });
  }
  return out;
}

/**
 * A live USER assignment is the one the spec's ownerOnly grant makes when user, environment and permission set
 * match: it is counted under that grant's group, as the spec side counts it, so an unchanged grant shows no change.
 */
function alignOwnerOnly(org: AccessOrg, model: OrgModel): AccessOrg {
  const ownerOnly = model.identity.assignments.filter((a) => a.user !== undefined);
  const assignments = org.identity.assignments.map((row) => {
    if (row.group !== undefined || row.user === undefined) return row;
    const rule = ownerOnly.find(
      (a) => a.user === row.user && a.environment === row.environment && a.permissionSet === row.permissionSet,
    );
    return rule === undefined ? row : { ...row, group: rule.group };
  });
  return { ...org, identity: { ...org.identity, assignments } };
}

function withGrants(diff: AccessDiff, grants: AccessGrantChange[], model: OrgModel): AccessDiff {
  if (grants.length === 0) return diff;
  return { ...diff, grants, grantLines: grants.map((g) => describeGrantChange(g, model)) };
}

/**
 * What the plan changes in who can do what. Before is the live organization with, as its identity,
 * IAM Identity Center as refreshed (`identity`, when it has an instance), else the access grid of
 * `gridBefore` — the spec at git HEAD when the caller found one; or a baseline spec, which replaces
 * the live organization too. Without any of them, the grid is the spec's on both sides and the
 * result says so (`gridCompared: false`). Undefined when nothing can change access.
 */
export async function planAccessDiff(
  plan: Plan,
  model: OrgModel,
  observed: ObservedOrg,
  baseline?: OrgModel,
  gridBefore?: OrgModel,
  identity?: ObservedIdentity,
): Promise<AccessDiff | undefined> {
  // Who gains or loses which permission set: the assignment changes, which are diffs against the live assignments.
  const grants = grantChanges(assignmentChanges(plan), model);
  if (baseline) return withGrants({ ...(await accessDiff(baseline, model)), gridCompared: true }, grants, model);
  if (identity?.center !== undefined) {
    // Identity is applied: the live assignments are the before side, whatever an earlier spec said.
    const org = alignOwnerOnly(
      withLiveIdentity(accessOrgFromSpec(modelFromObserved(observed, model)), identity),
      model,
    );
    const before = { org, resolver: new PermissionSetResolver(org.identity, awsManagedPolicies()) };
    return withGrants({ ...(await accessDiff(before, model)), gridCompared: true }, grants, model);
  }
  if (!gridBefore && !plan.changes.some((c) => ACCESS_KINDS.has(c.kind))) {
    // Nothing in AWS changes; whether the grid did cannot be told without an earlier spec.
    return model.identity.assignments.length > 0
      ? { changes: [], lines: [], actionsCompared: 0, gridCompared: false }
      : undefined;
  }
  const before = modelFromObserved(observed, gridBefore ?? model);
  return withGrants({ ...(await accessDiff(before, model)), gridCompared: gridBefore !== undefined }, grants, model);
}
