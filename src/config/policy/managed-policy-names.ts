/**
 * Permission sets name AWS managed policies (`PowerUserAccess`); a name AWS does not have fails at
 * CreatePermissionSet/AttachManagedPolicyToPermissionSet, half-way through an apply. `validate` checks every name
 * against the IAM reference's catalogue (names are case-sensitive, as in IAM) with a did-you-mean.
 */
import { didYouMean } from '../../core/suggest.js';
import type { ManagedPolicyCatalogue } from '../../iam/managed-policies.js';

export type NamePath = (string | number)[];

export interface ManagedPolicyNameRef {
  name: string;
  path: NamePath;
}

export interface UnknownManagedPolicyName {
  code: 'E-UNKNOWN-MANAGED-POLICY';
  path: NamePath;
  message: string;
  hint: string;
}

interface PermissionSetLike {
  name: string;
  managedPolicies?: readonly string[] | undefined;
  permissionBoundary?: { managedPolicy?: string | undefined } | undefined;
}

/** Every AWS managed policy name the permission sets use, with its path in the spec. */
export function managedPolicyNameRefs(sets: readonly PermissionSetLike[]): ManagedPolicyNameRef[] {
  const refs: ManagedPolicyNameRef[] = [];
  sets.forEach((set, i) => {
    set.managedPolicies?.forEach((name, j) =>
      refs.push({ name, path: ['identity', 'permissionSets', i, 'managedPolicies', j] }),
    );
    const boundary = set.permissionBoundary?.managedPolicy;
    if (boundary !== undefined)
      refs.push({ name: boundary, path: ['identity', 'permissionSets', i, 'permissionBoundary', 'managedPolicy'] });
  });
  return refs;
}

/** The names the catalogue does not have, each with close alternatives. */
export function checkManagedPolicyNames(
  refs: readonly ManagedPolicyNameRef[],
  catalogue: ManagedPolicyCatalogue,
): UnknownManagedPolicyName[] {
  return refs
    .filter((ref) => catalogue.get(ref.name) === undefined)
    .map((ref) => ({
      code: 'E-UNKNOWN-MANAGED-POLICY',
      path: ref.path,
      message: `AWS has no managed policy ${JSON.stringify(ref.name)}`,
      hint:
        didYouMean(catalogue.suggest(ref.name)) ??
        'managed policy names are case-sensitive, as in IAM (e.g. PowerUserAccess, ReadOnlyAccess, ViewOnlyAccess, SecurityAudit)',
    }));
}
