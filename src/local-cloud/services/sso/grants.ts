import type { Store } from '../../store/store.js';
import { roleKey } from '../iam/provision.js';
import type { RoleRecord } from '../iam/tables.js';
import { membershipsByMember } from '../identitystore/tables.js';
import { assignmentsByPrincipal } from '../sso-admin/indexes.js';
import type { PermissionSetRecord } from '../sso-admin/tables.js';
import { provisionedKey } from '../sso-admin/tables.js';
import type { SignedInUser } from '../sso-oidc/tables.js';

/** One account × permission set the signed-in user may use, with the AWSReservedSSO_* role it becomes there. */
export interface PortalGrant {
  accountId: string;
  permissionSet: PermissionSetRecord;
  role: RoleRecord;
}

/**
 * What the access portal offers the user: the account assignments to the user or to a group the user belongs to,
 * in active accounts, whose permission set is provisioned there (its reserved role exists). Sorted by account, then
 * permission set name.
 */
export function grantsOf(store: Store, user: SignedInUser): PortalGrant[] {
  const principals = [`USER|${user.userId}`];
  for (const m of store.lookup(membershipsByMember, `${user.identityStoreId}|${user.userId}`).values())
    principals.push(`GROUP|${m.groupId}`);
  const grants = new Map<string, PortalGrant>();
  for (const principal of principals) {
    for (const a of store.lookup(assignmentsByPrincipal, `${user.instanceArn}|${principal}`).values()) {
      const key = `${a.accountId}|${a.permissionSetArn}`;
      if (grants.has(key)) continue;
      const permissionSet = store.get('permissionSets', a.permissionSetArn);
      const provisioned = store.get('provisionedPermissionSets', provisionedKey(a.permissionSetArn, a.accountId));
      const role =
        provisioned === undefined ? undefined : store.get('roles', roleKey(a.accountId, provisioned.roleName));
      if (permissionSet === undefined || role === undefined) continue;
      if (store.get('accounts', a.accountId)?.status !== 'ACTIVE') continue;
      grants.set(key, { accountId: a.accountId, permissionSet, role });
    }
  }
  return [...grants.values()].sort(
    (x, y) => x.accountId.localeCompare(y.accountId) || x.permissionSet.name.localeCompare(y.permissionSet.name),
  );
}
