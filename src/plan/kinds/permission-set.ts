import type { PermissionSetDelta, PermissionSetFields } from '../../model/identity-payloads.js';
import type { ObservedPermissionSet } from '../../model/observed-identity.js';
import { isManagedByBulkhead, MANAGED_BY_TAG } from '../../model/observed.js';
import type { CustomerManagedPolicyRef, PermissionSet } from '../../model/organization.js';
import { canonicalJson } from '../../core/canonical-json.js';
import type { PlanContext } from '../context.js';
import type { KindPlanner } from '../planner.js';
import { minifyPolicy, samePolicy } from '../policy-content.js';
import { tagChanges } from '../tags.js';
import type { PropertyChange } from '../types.js';
import { centerDeps, identityIds, wantsIdentity } from '../identity/ids.js';

export function permissionSetFields(ps: PermissionSet): PermissionSetFields {
  return {
    name: ps.name,
    ...(ps.description !== undefined ? { description: ps.description } : {}),
    sessionDuration: ps.sessionDuration,
    ...(ps.relayState !== undefined ? { relayState: ps.relayState } : {}),
    managedPolicies: ps.managedPolicies.map(policyPathName).sort(),
    customerManagedPolicies: ps.customerManagedPolicies.map((c) => ({ name: c.name, path: c.path || '/' })),
    ...(ps.inlinePolicy !== undefined ? { inlinePolicy: minifyPolicy(ps.inlinePolicy) } : {}),
    ...(ps.permissionBoundary !== undefined ? { permissionBoundary: boundaryFields(ps.permissionBoundary) } : {}),
    tags: { ...ps.tags, [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value },
  };
}

const boundaryFields = (b: NonNullable<PermissionSet['permissionBoundary']>) =>
  b.managedPolicy === undefined ? b : { ...b, managedPolicy: policyPathName(b.managedPolicy) };

/** An AWS managed policy as the spec gives it (a name or an ARN) in the form refresh reads: `job-function/ViewOnlyAccess`. */
export const policyPathName = (m: string): string => (m.startsWith('arn:') ? m.slice(m.indexOf(':policy/') + 8) : m);

/** Observed managed policies named as the spec names them: a path-less name stands for the policy of any path. */
function asSpecNames(observed: string[], desired: string[]): string[] {
  const want = new Set(desired);
  return observed.map((o) => {
    const base = o.slice(o.lastIndexOf('/') + 1);
    return want.has(o) || !want.has(base) ? o : base;
  });
}

const cmKey = (c: CustomerManagedPolicyRef) => `${c.path || '/'}${c.name}`;
const boundaryText = (b: PermissionSetFields['permissionBoundary']) =>
  b === undefined ? undefined : canonicalJson({ ...b, ...(b.customerManagedPolicy ? { path: b.path || '/' } : {}) });

/** What differs between the observed permission set and the spec's, as property lines and a delta. */
function compare(observed: ObservedPermissionSet, desired: PermissionSetFields) {
  const props: PropertyChange[] = [];
  const setting = (name: string, before: string | undefined, after: string | undefined) => {
    if (after === undefined || before === after) return false;
    props.push({ name, ...(before !== undefined ? { before } : {}), after });
    return true;
  };
  const settings = [
    setting('description', observed.description, desired.description),
    setting('sessionDuration', observed.sessionDuration, desired.sessionDuration),
    setting('relayState', observed.relayState, desired.relayState),
  ].some(Boolean);
  const haveList = asSpecNames(observed.managedPolicies, desired.managedPolicies);
  const have = new Set(haveList);
  const want = new Set(desired.managedPolicies);
  const attachManaged = desired.managedPolicies.filter((m) => !have.has(m));
  // Detached by the name AWS has it under (path included).
  const detachManaged = observed.managedPolicies.filter((_, i) => !want.has(haveList[i]!)).sort();
  if (attachManaged.length + detachManaged.length > 0)
    props.push({
      name: 'managedPolicies',
      before: [...haveList].sort(),
      after: desired.managedPolicies,
    });
  const haveCm = new Set(observed.customerManagedPolicies.map(cmKey));
  const wantCm = new Set(desired.customerManagedPolicies.map(cmKey));
  const attachCustomer = desired.customerManagedPolicies.filter((c) => !haveCm.has(cmKey(c)));
  const detachCustomer = observed.customerManagedPolicies.filter((c) => !wantCm.has(cmKey(c)));
  if (attachCustomer.length + detachCustomer.length > 0)
    props.push({
      name: 'customerManagedPolicies',
      before: observed.customerManagedPolicies.map(cmKey).sort(),
      after: desired.customerManagedPolicies.map(cmKey).sort(),
    });
  let inline: PermissionSetDelta['inline'] = 'keep';
  if (
    desired.inlinePolicy !== undefined &&
    !(observed.inlinePolicy && samePolicy(observed.inlinePolicy, desired.inlinePolicy))
  ) {
    inline = 'put';
    props.push({
      name: 'inlinePolicy',
      ...(observed.inlinePolicy ? { before: minifyPolicy(observed.inlinePolicy) } : {}),
      after: desired.inlinePolicy,
    });
  } else if (desired.inlinePolicy === undefined && observed.inlinePolicy) {
    inline = 'delete';
    props.push({ name: 'inlinePolicy', before: minifyPolicy(observed.inlinePolicy) });
  }
  let boundary: PermissionSetDelta['boundary'] = 'keep';
  const [bBefore, bAfter] = [boundaryText(observed.permissionBoundary), boundaryText(desired.permissionBoundary)];
  if (bBefore !== bAfter) {
    boundary = bAfter === undefined ? 'delete' : 'put';
    props.push({
      name: 'permissionBoundary',
      ...(bBefore ? { before: bBefore } : {}),
      ...(bAfter ? { after: bAfter } : {}),
    });
  }
  const tagProps = tagChanges(observed.tags, desired.tags);
  const policyChanged = props.some((p) => p.name !== 'description');
  const reprovision = policyChanged && observed.provisionedAccountIds.length > 0;
  const delta: PermissionSetDelta = {
    settings,
    attachManaged,
    detachManaged,
    attachCustomer,
    detachCustomer,
    inline,
    boundary,
    reprovision,
  };
  if (reprovision) props.push({ name: 're-provision', after: `${observed.provisionedAccountIds.length} accounts` });
  return { properties: [...props, ...tagProps], delta };
}

function createProperties(f: PermissionSetFields): PropertyChange[] {
  return [
    { name: 'sessionDuration', after: f.sessionDuration },
    ...(f.managedPolicies.length > 0 ? [{ name: 'managedPolicies', after: f.managedPolicies }] : []),
    ...(f.customerManagedPolicies.length > 0
      ? [{ name: 'customerManagedPolicies', after: f.customerManagedPolicies.map(cmKey) }]
      : []),
    ...(f.inlinePolicy !== undefined ? [{ name: 'inlinePolicy', after: `${f.inlinePolicy.length} characters` }] : []),
  ];
}

/** Permission sets Bulkhead created that the spec no longer has. */
export function removedPermissionSets(ctx: PlanContext): ObservedPermissionSet[] {
  return ctx.observed['permission-set'].filter(
    (p) => !ctx.desired.identity.permissionSets.has(p.name) && isManagedByBulkhead(p.tags),
  );
}

/**
 * Permission sets by name: created, updated part by part (then re-provisioned to every account
 * that has it), deleted when Bulkhead made them and the spec dropped them (destructive if provisioned).
 */
export const permissionSetPlanner: KindPlanner<'permission-set'> = {
  kind: 'permission-set',
  after: ['identity-center'],
  diff(ctx) {
    const observed = new Map(ctx.observed['permission-set'].map((p) => [p.name, p]));
    for (const ps of ctx.desired.identity.permissionSets.values()) {
      const fields = permissionSetFields(ps);
      const found = observed.get(ps.name);
      const common = { kind: 'permission-set', key: ps.name, label: ps.name } as const;
      if (!found) {
        ctx.add({
          ...common,
          id: identityIds.permissionSet(ps.name),
          action: 'create',
          properties: createProperties(fields),
          payload: { action: 'create', ...fields },
          dependsOn: centerDeps(ctx),
          destructive: false,
        });
        continue;
      }
      const { properties, delta } = compare(found, fields);
      if (properties.length === 0) continue;
      ctx.add({
        ...common,
        id: identityIds.updatePermissionSet(ps.name),
        action: 'update',
        properties,
        payload: { action: 'update', arn: found.arn, delta, ...fields },
        dependsOn: [],
        destructive: false,
      });
    }
  },
  removals(ctx) {
    if (!wantsIdentity(ctx)) return; // a spec without `identity:` leaves Identity Center alone
    for (const p of removedPermissionSets(ctx)) {
      const dependsOn = ctx.changes
        .filter(
          (c) =>
            c.kind === 'account-assignment' && c.payload.action === 'delete' && c.payload.permissionSetArn === p.arn,
        )
        .map((c) => c.id);
      ctx.add({
        id: `delete-${identityIds.permissionSet(p.name)}`,
        kind: 'permission-set',
        key: p.name,
        label: p.name,
        action: 'delete',
        properties:
          p.provisionedAccountIds.length > 0
            ? [{ name: 'provisioned to', before: `${p.provisionedAccountIds.length} accounts` }]
            : [],
        payload: { action: 'delete', arn: p.arn, name: p.name, provisionedAccountIds: p.provisionedAccountIds },
        dependsOn,
        destructive: p.provisionedAccountIds.length > 0,
      });
    }
  },
};
