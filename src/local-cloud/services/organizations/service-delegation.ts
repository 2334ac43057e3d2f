import type { Store } from '../../store/store.js';
import type { OrganizationRecord } from './tables.js';

/*
 * What other services (GuardDuty, Security Hub, Config) do to Organizations on the caller's behalf, as AWS does: a
 * service's own EnableOrganizationAdminAccount enables trusted access for its principal and registers the delegated
 * administrator, so `organizations list-delegated-administrators` shows it; Config asks whether the caller is one.
 */

const key = (accountId: string, sp: string): string => `${accountId}|${sp}`;

/** The organization an account belongs to, if any (no error: each service words "no organization" its own way). */
export function organizationOfAccount(store: Store, accountId: string): OrganizationRecord | undefined {
  const orgId = store.get('accounts', accountId)?.organizationId;
  return orgId === null || orgId === undefined ? undefined : store.get('organizations', orgId);
}

/** Enables trusted access for `sp` in the organization, when not yet (what EnableAWSServiceAccess records). */
export function enableTrustedAccess(store: Store, org: OrganizationRecord, sp: string, now: number): void {
  if (org.serviceAccess[sp] === undefined)
    store.put('organizations', org.id, { ...org, serviceAccess: { ...org.serviceAccess, [sp]: now } });
}

/** Enables trusted access for `sp` (when not yet) and registers `accountId` as its delegated administrator. */
export function delegateServiceAdmin(
  store: Store,
  org: OrganizationRecord,
  accountId: string,
  sp: string,
  now: number,
): void {
  enableTrustedAccess(store, org, sp, now);
  if (!store.has('delegatedAdmins', key(accountId, sp)))
    store.put('delegatedAdmins', key(accountId, sp), { accountId, servicePrincipal: sp, enabledAt: now });
}

/** Deregisters `accountId` as the delegated administrator for `sp` (trusted access stays, as in AWS). */
export function undelegateServiceAdmin(store: Store, accountId: string, sp: string): void {
  if (store.has('delegatedAdmins', key(accountId, sp))) store.delete('delegatedAdmins', key(accountId, sp));
}

/** Whether `accountId` is a registered delegated administrator for `sp`. */
export function isDelegatedAdmin(store: Store, accountId: string, sp: string): boolean {
  return store.has('delegatedAdmins', key(accountId, sp));
}

/** A service's regional designation of its organization's administrator (GuardDuty's, Security Hub's). */
export interface RegionalAdminRecord {
  organizationId: string;
  region: string;
  adminAccountId: string;
}

/**
 * After a service drops its administrator in one region: the Organizations delegation goes too, unless the account
 * is still that service's administrator in another region (AWS keeps one delegation per service principal).
 */
export function undelegateUnlessAdminElsewhere(
  store: Store,
  regional: Iterable<RegionalAdminRecord>,
  organizationId: string,
  adminId: string,
  sp: string,
): void {
  for (const a of regional) if (a.organizationId === organizationId && a.adminAccountId === adminId) return;
  undelegateServiceAdmin(store, adminId, sp);
}
