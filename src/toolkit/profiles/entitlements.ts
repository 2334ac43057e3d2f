/**
 * What a user of IAM Identity Center may use: every account × permission set an assignment gives her, to
 * her directly or to a group she belongs to. Read from the live organization, or before apply from the
 * access grid of the spec. Pure: the callers bring the model and what refresh read.
 */
import { BulkheadError } from '../../core/errors.js';
import { didYouMeanAmong } from '../../core/suggest.js';
import type { ObservedAccount } from '../../model/observed.js';
import type { ObservedIdentity } from '../../model/observed-identity.js';
import type { Account, OrgModel } from '../../model/organization.js';
import { expandGrid } from '../../plan/identity/expand-grid.js';

/** One account × permission set the user may sign in to. */
export interface Entitlement {
  /** The account's own environment (from the spec), or its name when the spec does not know the account. */
  environment: string;
  /** Other environments the account hosts (`alsoHosts`). */
  alsoHosts: string[];
  accountName: string;
  /** Unknown before the account exists (from the spec, not applied yet). */
  accountId?: string;
  permissionSet: string;
  /** What gives it: `group Developers`, `user alice` (an ownerOnly row or a direct assignment). */
  via: string[];
}

export interface UserEntitlements {
  userName: string;
  entitlements: Entitlement[];
}

function unknownUser(userName: string, known: string[], where: string): BulkheadError {
  return new BulkheadError('unknown-user', `${where} has no user "${userName}"`, {
    hint:
      didYouMeanAmong(userName, known) ??
      (known.length > 0 ? `known users: ${known.slice(0, 10).join(', ')}` : 'the identity has no users yet'),
  });
}

/** Sorted as the spec lists its accounts, then by permission set; accounts the spec lacks come last. */
function sorted(model: OrgModel, list: Entitlement[]): Entitlement[] {
  const order = [...model.accounts.keys()];
  const rank = (e: Entitlement) => {
    const i = order.indexOf(e.accountName);
    return i === -1 ? order.length : i;
  };
  return list.sort(
    (a, b) =>
      rank(a) - rank(b) || a.accountName.localeCompare(b.accountName) || a.permissionSet.localeCompare(b.permissionSet),
  );
}

function add(
  into: Map<string, Entitlement>,
  account: { name: string; id?: string; environment: string; alsoHosts: string[] },
  permissionSet: string,
  via: string,
): void {
  const key = `${account.name}\u0000${permissionSet}`;
  const found = into.get(key);
  if (found) {
    if (!found.via.includes(via)) found.via.push(via);
    return;
  }
  into.set(key, {
    environment: account.environment,
    alsoHosts: [...account.alsoHosts],
    accountName: account.name,
    ...(account.id !== undefined ? { accountId: account.id } : {}),
    permissionSet,
    via: [via],
  });
}

/** From the spec's access grid (before apply): the grid's rows expanded over the accounts. */
export function entitlementsFromSpec(model: OrgModel, userName: string): UserEntitlements {
  const { identity } = model;
  if (identity.source === 'external')
    throw new BulkheadError(
      'identity-external',
      'the spec leaves users and groups to an external identity provider, so it cannot say who belongs to which group',
      { hint: 'read the assignments from the live organization with --from live' },
    );
  if (!identity.users.has(userName)) throw unknownUser(userName, [...identity.users.keys()], 'the spec');
  const groups = new Set([...identity.groups.values()].filter((g) => g.members.includes(userName)).map((g) => g.name));
  const out = new Map<string, Entitlement>();
  for (const a of expandGrid(model)) {
    const mine = a.principalType === 'USER' ? a.principalName === userName : groups.has(a.principalName);
    if (!mine) continue;
    const account = model.accounts.get(a.accountName);
    if (account === undefined) continue;
    add(out, account, a.permissionSet, `${a.principalType === 'USER' ? 'user' : 'group'} ${a.principalName}`);
  }
  return { userName, entitlements: sorted(model, [...out.values()]) };
}

/** The spec's account for a live one: by id when the spec pins it, else by email (the natural key). */
function specAccount(model: OrgModel, live: ObservedAccount): Account | undefined {
  const accounts = [...model.accounts.values()];
  return (
    accounts.find((a) => a.id !== undefined && a.id === live.id) ??
    accounts.find((a) => a.email.toLowerCase() === live.email.toLowerCase())
  );
}

/** From IAM Identity Center as refresh read it: assignments to the user or to her groups, in live accounts. */
export function entitlementsFromLive(
  model: OrgModel,
  identity: ObservedIdentity,
  accounts: readonly ObservedAccount[],
  userName: string,
): UserEntitlements {
  const user = identity.users.find((u) => u.userName === userName);
  if (user === undefined)
    throw unknownUser(
      userName,
      identity.users.map((u) => u.userName),
      'IAM Identity Center',
    );
  const groupIds = new Map(
    identity.memberships.filter((m) => m.userId === user.userId).map((m) => [m.groupId, m.groupName]),
  );
  const out = new Map<string, Entitlement>();
  for (const a of identity.assignments) {
    const via =
      a.principalType === 'USER'
        ? a.principalId === user.userId
          ? `user ${userName}`
          : undefined
        : groupIds.has(a.principalId)
          ? `group ${groupIds.get(a.principalId) ?? a.principalName ?? a.principalId}`
          : undefined;
    if (via === undefined) continue;
    const live = accounts.find((x) => x.id === a.accountId);
    const spec = live ? specAccount(model, live) : undefined;
    add(
      out,
      {
        name: spec?.name ?? live?.name ?? a.accountId,
        id: a.accountId,
        // Bulkhead tags the accounts it creates with their environment.
        environment: spec?.environment ?? live?.tags['environment'] ?? live?.name ?? a.accountId,
        alsoHosts: spec?.alsoHosts ?? [],
      },
      a.permissionSetName,
      via,
    );
  }
  return { userName, entitlements: sorted(model, [...out.values()]) };
}
