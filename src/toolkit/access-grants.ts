/**
 * The plan's words about access: who gains or loses which permission set in which environment (and accounts),
 * read from the plan's account-assignment changes. Those are diffs of the spec's grid against the live assignments,
 * so the words are about the live organization, not an earlier spec. Production first, then the environments in
 * spec order. Pure.
 */
import type { PrincipalType } from '../model/observed-identity.js';
import type { OrgModel } from '../model/organization.js';

/** What an account-assignment change names (its payload carries these). */
export interface AssignmentChangeNames {
  action: 'create' | 'delete';
  accountName: string;
  /** The environment the grid cell is for; when absent, the spec account's own environment. */
  environment?: string;
  principalType: PrincipalType;
  principalName: string;
  permissionSetName: string;
}

export interface AccessGrantChange {
  change: 'gain' | 'lose';
  principalType: PrincipalType;
  principal: string;
  permissionSet: string;
  /** `(none)` when neither the change nor the spec says which environment the account hosts. */
  environment: string;
  production: boolean;
  /** The accounts where the assignment is created (gain) or deleted (lose), sorted. */
  accounts: string[];
  /** Every (non-management) account of the environment in the spec is among `accounts`. */
  allAccounts: boolean;
}

const NO_ENVIRONMENT = '(none)';

function hostingAccounts(model: OrgModel, environment: string): string[] {
  return [...model.accounts.values()]
    .filter(
      (a) =>
        a.lifecycle === 'active' &&
        a.name !== model.managementAccount.name &&
        (a.environment === environment || a.alsoHosts.includes(environment)),
    )
    .map((a) => a.name);
}

/** Groups the assignment changes by principal, permission set and environment. */
export function grantChanges(changes: readonly AssignmentChangeNames[], model: OrgModel): AccessGrantChange[] {
  const byKey = new Map<string, AccessGrantChange>();
  for (const c of changes) {
    const environment = c.environment ?? model.accounts.get(c.accountName)?.environment ?? NO_ENVIRONMENT;
    const change = c.action === 'create' ? 'gain' : 'lose';
    const key = [change, c.principalType, c.principalName, c.permissionSetName, environment].join('\u0000');
    let entry = byKey.get(key);
    if (entry === undefined)
      byKey.set(
        key,
        (entry = {
          change,
          principalType: c.principalType,
          principal: c.principalName,
          permissionSet: c.permissionSetName,
          environment,
          production: model.environments.get(environment)?.kind === 'production',
          accounts: [],
          allAccounts: false,
        }),
      );
    if (!entry.accounts.includes(c.accountName)) entry.accounts.push(c.accountName);
  }
  const order = [...model.environments.keys()];
  const rank = (e: string): number => (order.includes(e) ? order.indexOf(e) : order.length);
  const out = [...byKey.values()];
  for (const g of out) {
    g.accounts.sort();
    const hosting = hostingAccounts(model, g.environment);
    g.allAccounts = hosting.length > 0 && hosting.every((a) => g.accounts.includes(a));
  }
  return out.sort(
    (x, y) =>
      Number(y.production) - Number(x.production) ||
      rank(x.environment) - rank(y.environment) ||
      x.environment.localeCompare(y.environment) ||
      x.principal.localeCompare(y.principal) ||
      x.permissionSet.localeCompare(y.permissionSet) ||
      x.change.localeCompare(y.change),
  );
}

/** "Developers (group) gain permission set PowerUser in prod: all 2 accounts [production]". */
export function describeGrantChange(g: AccessGrantChange, model?: OrgModel, listLimit = 5): string {
  const who = `${g.principal} (${g.principalType === 'GROUP' ? 'group' : 'user'})`;
  const verb =
    g.change === 'gain'
      ? g.principalType === 'GROUP'
        ? 'gain'
        : 'gains'
      : g.principalType === 'GROUP'
        ? 'lose'
        : 'loses';
  const listed =
    g.accounts.slice(0, listLimit).join(', ') +
    (g.accounts.length > listLimit ? ` and ${g.accounts.length - listLimit} more` : '');
  const total = model === undefined ? undefined : hostingAccounts(model, g.environment).length;
  const where = !g.allAccounts
    ? `${listed} only${total !== undefined && total > 0 ? ` (${g.accounts.length} of ${total} accounts)` : ''}`
    : g.accounts.length === 1
      ? `its one account (${listed})`
      : `all ${g.accounts.length} accounts (${listed})`;
  return `${who} ${verb} permission set ${g.permissionSet} in ${g.environment}: ${where}${g.production ? ' [production]' : ''}`;
}
