import { assignmentKey, type DesiredAssignment } from '../../model/identity-desired.js';
import type { Account, OrgModel } from '../../model/organization.js';

/** Whether a spec account is the management account (by id, else by email). */
export function isManagementAccount(model: OrgModel, account: Account, managementId?: string): boolean {
  const id = model.managementAccount.id ?? managementId;
  if (account.id !== undefined && id !== undefined) return account.id === id;
  return account.email.toLowerCase() === model.managementAccount.email.toLowerCase();
}

/**
 * The access grid as account assignments: each row (group × environment × permission set) is one
 * GROUP assignment in every account that hosts the environment (its own `environment` or one of
 * `alsoHosts`); an ownerOnly row is a USER assignment of the environment's owner instead. The
 * management account gets one only when the row asks for it; accounts being closed get none.
 * Pure; sorted by key, each assignment once (two rows may reach the same account).
 */
export function expandGrid(model: OrgModel, managementId?: string): DesiredAssignment[] {
  const out = new Map<string, DesiredAssignment>();
  const accounts = [...model.accounts.values()].filter((a) => a.lifecycle !== 'close');
  for (const row of model.identity.assignments) {
    for (const account of accounts) {
      if (account.environment !== row.environment && !account.alsoHosts.includes(row.environment)) continue;
      if (isManagementAccount(model, account, managementId) && row.includeManagementAccount !== true) continue;
      const assignment: DesiredAssignment = {
        accountName: account.name,
        accountEmail: account.email,
        environment: row.environment,
        principalType: row.user === undefined ? 'GROUP' : 'USER',
        principalName: row.user ?? row.group,
        permissionSet: row.permissionSet,
      };
      const key = assignmentKey(assignment);
      // The account's own environment names the assignment when it also hosts another that grants the same.
      if (!out.has(key) || row.environment === account.environment) out.set(key, assignment);
    }
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
}
