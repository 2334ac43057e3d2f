import { defineIndex } from '../../store/store.js';

/**
 * The lookups sso-admin's hot paths make, kept by the store (see `defineIndex`) so that each call costs the size of
 * its answer: a no-change plan of 20,000 assignments lists them per account × permission set or per principal.
 */

/** Assignments of one permission set in one account (the permission set names its instance). */
export const assignmentsByAccountAndSet = defineIndex(
  'accountAssignments',
  (a) => `${a.permissionSetArn}|${a.accountId}`,
);

/** Assignments of one principal in one instance. */
export const assignmentsByPrincipal = defineIndex(
  'accountAssignments',
  (a) => `${a.instanceArn}|${a.principalType}|${a.principalId}`,
);

/** Where a permission set is provisioned. */
export const provisionedBySet = defineIndex('provisionedPermissionSets', (p) => p.permissionSetArn);

/** What is provisioned to one account of one instance. */
export const provisionedByAccount = defineIndex('provisionedPermissionSets', (p) => `${p.instanceArn}|${p.accountId}`);

/** Requests of one kind in one instance (the status lists). */
export const operationsByKind = defineIndex('ssoOperations', (o) => `${o.instanceArn}|${o.kind}`);

/** Requests of one kind and status in one instance (the status lists' `Filter.Status`). */
export const operationsByKindAndStatus = defineIndex('ssoOperations', (o) => `${o.instanceArn}|${o.kind}|${o.status}`);

/** Assignment creations and deletions in progress, per instance (AWS's outstanding-operation limit). */
export const outstandingAssignmentOperations = defineIndex('ssoOperations', (o) =>
  o.kind !== 'provision' && o.status === 'IN_PROGRESS' ? o.instanceArn : undefined,
);

/** Provisionings in progress, per permission set (ConflictException while one runs). */
export const provisioningInProgress = defineIndex('ssoOperations', (o) =>
  o.kind === 'provision' && o.status === 'IN_PROGRESS' ? o.permissionSetArn : undefined,
);

/** Permission sets of one instance. */
export const permissionSetsByInstance = defineIndex('permissionSets', (p) => p.instanceArn);

/** IAM roles of one account (the role quota checked when a reserved role is created). */
export const rolesByAccount = defineIndex('roles', (r) => r.accountId);
