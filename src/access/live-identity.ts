/**
 * IAM Identity Center as the access questions see it: the observed users, groups, memberships, permission sets and
 * account assignments turned into the identity part of an AccessOrg. Assignments are per account; each becomes a
 * grant row of every environment the account hosts, limited to the accounts it was seen in, so an assignment to one
 * account of an environment is not read as access to the whole environment.
 */
import type { ObservedIdentity, ObservedPermissionSet } from '../model/observed-identity.js';
import type { IdentityUser, PermissionSet } from '../model/organization.js';
import type { AccessGrantRow, AccessIdentity, AccessOrg } from './org-view.js';

export interface LiveIdentity {
  identity: AccessIdentity;
  /** What the answer rests on: assignments that could not be placed, policies that could not be read. */
  notes: string[];
}

/** The managed policy as the catalogue knows it: by ARN, so a path (`job-function/ViewOnlyAccess`) is kept. */
const managedArn = (name: string): string => `arn:aws:iam::aws:policy/${name}`;

function permissionSetOf(ps: ObservedPermissionSet, notes: string[]): PermissionSet {
  const out: PermissionSet = {
    name: ps.name,
    managedPolicies: ps.managedPolicies.map(managedArn),
    customerManagedPolicies: ps.customerManagedPolicies.map((c) => ({ name: c.name, path: c.path })),
    sessionDuration: ps.sessionDuration,
    tags: ps.tags,
  };
  if (ps.description !== undefined) out.description = ps.description;
  if (ps.relayState !== undefined) out.relayState = ps.relayState;
  if (ps.inlinePolicy !== undefined && ps.inlinePolicy.trim() !== '') {
    try {
      out.inlinePolicy = JSON.parse(ps.inlinePolicy) as unknown;
    } catch {
      notes.push(`the inline policy of permission set ${ps.name} is not JSON; it is not evaluated`);
    }
  }
  const b = ps.permissionBoundary;
  if (b !== undefined) {
    out.permissionBoundary =
      b.managedPolicy !== undefined
        ? { managedPolicy: b.managedPolicy.startsWith('arn:') ? b.managedPolicy : managedArn(b.managedPolicy) }
        : {
            ...(b.customerManagedPolicy !== undefined ? { customerManagedPolicy: b.customerManagedPolicy } : {}),
            ...(b.path !== undefined ? { path: b.path } : {}),
          };
  }
  return out;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Identity Center's identity over the organization's accounts (`org.accounts`, which say which environments each
 * account hosts). Rows are sorted (environment, group or user, permission set) so answers are stable.
 */
export function liveIdentity(observed: ObservedIdentity, org: Pick<AccessOrg, 'accounts'>): LiveIdentity {
  const notes: string[] = [];
  const users = new Map<string, IdentityUser>();
  const userById = new Map<string, string>();
  for (const u of observed.users) {
    userById.set(u.userId, u.userName);
    const user: IdentityUser = { userName: u.userName, email: u.email ?? '' };
    if (u.displayName !== undefined) user.displayName = u.displayName;
    if (u.givenName !== undefined) user.givenName = u.givenName;
    if (u.familyName !== undefined) user.familyName = u.familyName;
    users.set(u.userName, user);
  }
  const groups: AccessIdentity['groups'] = new Map();
  const groupById = new Map<string, string>();
  for (const g of observed.groups) {
    groupById.set(g.groupId, g.name);
    groups.set(g.name, {
      name: g.name,
      ...(g.description !== undefined ? { description: g.description } : {}),
      members: [],
    });
  }
  for (const m of observed.memberships) {
    const group = groups.get(groupById.get(m.groupId) ?? m.groupName);
    const user = userById.get(m.userId) ?? m.userName;
    if (group !== undefined && !group.members.includes(user)) group.members.push(user);
  }
  const permissionSets = new Map<string, PermissionSet>();
  const psByArn = new Map<string, string>();
  for (const ps of observed.permissionSets) {
    psByArn.set(ps.arn, ps.name);
    permissionSets.set(ps.name, permissionSetOf(ps, notes));
  }

  const accountById = new Map(org.accounts.map((a) => [a.id, a]));
  const rows = new Map<string, { row: AccessGrantRow; accounts: Set<string> }>();
  const outside = new Set<string>();
  const noEnvironment = new Set<string>();
  let unknownPrincipals = 0;
  for (const a of observed.assignments) {
    const account = accountById.get(a.accountId);
    if (account === undefined) {
      outside.add(a.accountId);
      continue;
    }
    if (account.environments.length === 0) {
      noEnvironment.add(account.name);
      continue;
    }
    const permissionSet = psByArn.get(a.permissionSetArn) ?? a.permissionSetName;
    const name =
      a.principalName ?? (a.principalType === 'GROUP' ? groupById.get(a.principalId) : userById.get(a.principalId));
    if (name === undefined) {
      unknownPrincipals++;
      continue;
    }
    for (const environment of account.environments) {
      const key = [environment, a.principalType, name, permissionSet].join('\u0000');
      let entry = rows.get(key);
      if (entry === undefined) {
        const row: AccessGrantRow =
          a.principalType === 'GROUP'
            ? { environment, permissionSet, group: name }
            : { environment, permissionSet, user: name };
        rows.set(key, (entry = { row, accounts: new Set() }));
      }
      entry.accounts.add(account.name);
    }
  }
  const assignments = [...rows.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([, { row, accounts }]) => {
      const hosting = org.accounts.filter((h) => h.environments.includes(row.environment));
      // Every account of the environment: the row holds environment-wide, as a spec grid cell does.
      return hosting.every((h) => accounts.has(h.name))
        ? row
        : { ...row, accounts: hosting.filter((h) => accounts.has(h.name)).map((h) => h.name) };
    });
  if (outside.size > 0)
    notes.push(
      `IAM Identity Center has assignments to ${plural(outside.size, 'account')} not active in the organization (${[...outside].sort().join(', ')}); they are left out`,
    );
  if (noEnvironment.size > 0)
    notes.push(
      `assignments to accounts that host no environment are left out: ${[...noEnvironment].sort().join(', ')}`,
    );
  if (unknownPrincipals > 0)
    notes.push(
      `${plural(unknownPrincipals, 'assignment')} name a user or group the identity store does not have; they are left out`,
    );
  return { identity: { users, groups, permissionSets, assignments }, notes };
}

/** The AccessOrg with Identity Center's identity in place of the spec's, and a note saying where it came from. */
export function withLiveIdentity(org: AccessOrg, observed: ObservedIdentity): AccessOrg {
  const { identity, notes } = liveIdentity(observed, org);
  const limited = identity.assignments.filter((a) => a.accounts !== undefined).length;
  const center = observed.center;
  const origin =
    `identity (${plural(identity.users.size, 'user')}, ${plural(identity.groups.size, 'group')}, ` +
    `${plural(identity.permissionSets.size, 'permission set')}, ${plural(observed.assignments.length, 'account assignment')}) ` +
    `comes from IAM Identity Center${center ? ` (${center.instanceArn.split('/').pop()} in ${center.region})` : ''}, not the spec`;
  const partial =
    limited > 0
      ? [`${plural(limited, 'grant')} hold in some accounts of an environment only; answers are per account`]
      : [];
  return { ...org, identity, identitySource: 'identity-center', notes: [origin, ...org.notes, ...partial, ...notes] };
}
