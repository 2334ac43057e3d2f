/**
 * `import` of IAM Identity Center: users, groups with their members, permission sets, and the access grid rebuilt
 * from the account assignments. A grid cell is group × environment → permission set, so an assignment fits only
 * when the group holds that one permission set in every account of the environment; a USER assignment fits when
 * it is an ownerOnly grant (the user holds it in every account of the environment and is in a group that can carry it).
 * Whatever does not fit is returned as a warning (and written as a comment), so nothing is silently lost. Pure.
 */
import type { ObservedIdentity, ObservedPermissionSet } from '../model/observed-identity.js';
import { MANAGED_BY_TAG } from '../model/observed.js';
import type { YamlPath } from '../templates/render.js';

/** An account of the imported spec: which environment it was given. */
export interface ImportedAccount {
  id: string;
  name: string;
  environment: string;
}

export interface IdentityImport {
  /** The spec's `identity:` value; undefined when the organization has no Identity Center instance. */
  identity?: Record<string, unknown>;
  /** Environments whose owner the ownerOnly grants need: environment → userName. */
  owners: Record<string, string>;
  /** Assignments (and values) the spec cannot express, in words. */
  warnings: string[];
  comments: [YamlPath, string][];
}

/** AWS's default session duration, which the spec leaves out. */
const DEFAULT_SESSION = 'PT1H';

function permissionSetValue(ps: ObservedPermissionSet, warnings: string[]): Record<string, unknown> {
  const tags = Object.fromEntries(Object.entries(ps.tags).filter(([k]) => k !== MANAGED_BY_TAG.key));
  let inline: unknown;
  if (ps.inlinePolicy !== undefined && ps.inlinePolicy.trim() !== '') {
    try {
      inline = JSON.parse(ps.inlinePolicy) as unknown;
    } catch {
      warnings.push(`permission set ${ps.name}: its inline policy is not JSON and was left out`);
    }
  }
  const b = ps.permissionBoundary;
  const boundary =
    b === undefined
      ? undefined
      : b.managedPolicy !== undefined
        ? {
            managedPolicy: b.managedPolicy
              .replace(/^arn:[^:]+:iam::aws:policy\//, '')
              .split('/')
              .pop()!,
          }
        : {
            ...(b.customerManagedPolicy !== undefined ? { customerManagedPolicy: b.customerManagedPolicy } : {}),
            ...(b.path !== undefined && b.path !== '/' ? { path: b.path } : {}),
          };
  return {
    name: ps.name,
    ...(ps.description ? { description: ps.description } : {}),
    // By name: the spec names AWS managed policies without their path (job-function/ViewOnlyAccess → ViewOnlyAccess).
    ...(ps.managedPolicies.length ? { managedPolicies: ps.managedPolicies.map((m) => m.split('/').pop()!) } : {}),
    ...(ps.customerManagedPolicies.length
      ? {
          customerManagedPolicies: ps.customerManagedPolicies.map((c) =>
            c.path === '/' || c.path === '' ? c.name : { name: c.name, path: c.path },
          ),
        }
      : {}),
    ...(inline !== undefined ? { inlinePolicy: inline } : {}),
    ...(ps.sessionDuration !== DEFAULT_SESSION ? { sessionDuration: ps.sessionDuration } : {}),
    ...(ps.relayState ? { relayState: ps.relayState } : {}),
    ...(boundary !== undefined ? { permissionBoundary: boundary } : {}),
    ...(Object.keys(tags).length ? { tags } : {}),
  };
}

export function importIdentity(
  observed: ObservedIdentity,
  accounts: readonly ImportedAccount[],
  management: { id: string; name: string },
): IdentityImport {
  const warnings: string[] = [];
  if (observed.center === undefined) return { owners: {}, warnings, comments: [] };
  const userName = new Map(observed.users.map((u) => [u.userId, u.userName]));
  const groupName = new Map(observed.groups.map((g) => [g.groupId, g.name]));
  const psName = new Map(observed.permissionSets.map((p) => [p.arn, p.name]));
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const hosting = new Map<string, string[]>();
  for (const a of accounts) hosting.set(a.environment, [...(hosting.get(a.environment) ?? []), a.id]);

  const users = observed.users.map((u) => {
    if (!u.email) warnings.push(`user ${u.userName} has no email in Identity Center: set one in the spec`);
    return {
      userName: u.userName,
      email: u.email ?? '',
      ...(u.displayName ? { displayName: u.displayName } : {}),
      ...(u.givenName ? { givenName: u.givenName } : {}),
      ...(u.familyName ? { familyName: u.familyName } : {}),
    };
  });
  const members = new Map<string, string[]>();
  for (const m of observed.memberships) {
    const g = groupName.get(m.groupId) ?? m.groupName;
    const u = userName.get(m.userId) ?? m.userName;
    members.set(g, [...(members.get(g) ?? []), u]);
  }
  const groups = observed.groups.map((g) => ({
    name: g.name,
    ...(g.description ? { description: g.description } : {}),
    ...(members.get(g.name)?.length ? { members: [...new Set(members.get(g.name))].sort() } : {}),
  }));
  const permissionSets = observed.permissionSets.map((p) => permissionSetValue(p, warnings));

  // principal → environment → permission set → account ids
  type Held = Map<string, Map<string, Set<string>>>;
  const held = { GROUP: new Map<string, Held>(), USER: new Map<string, Held>() };
  const left: string[] = [];
  const describe = (type: string, name: string, ps: string, accountNames: string[]): string =>
    `${type === 'GROUP' ? 'group' : 'user'} ${name} has ${ps} in ${accountNames.join(', ')}`;
  for (const a of observed.assignments) {
    const ps = psName.get(a.permissionSetArn) ?? a.permissionSetName;
    const name =
      a.principalName ?? (a.principalType === 'GROUP' ? groupName.get(a.principalId) : userName.get(a.principalId));
    const account = accountById.get(a.accountId);
    if (name === undefined) {
      left.push(
        `${a.principalType} ${a.principalId} (not in the identity store) has ${ps} in ${account?.name ?? a.accountId}`,
      );
      continue;
    }
    if (account === undefined) {
      const where =
        a.accountId === management.id ? `the management account ${management.name}` : `account ${a.accountId}`;
      left.push(
        `${describe(a.principalType, name, ps, [where])}: the spec grants by environment, and no environment holds it`,
      );
      continue;
    }
    const byEnv = held[a.principalType].get(name) ?? new Map<string, Map<string, Set<string>>>();
    held[a.principalType].set(name, byEnv);
    const byPs = byEnv.get(account.environment) ?? new Map<string, Set<string>>();
    byEnv.set(account.environment, byPs);
    byPs.set(ps, (byPs.get(ps) ?? new Set()).add(a.accountId));
  }
  const nameOf = (id: string): string => accountById.get(id)?.name ?? id;
  const everywhere = (environment: string, ids: Set<string>): boolean =>
    (hosting.get(environment) ?? []).every((id) => ids.has(id));

  const access: Record<string, Record<string, unknown>> = {};
  for (const [group, byEnv] of [...held.GROUP].sort(([x], [y]) => x.localeCompare(y))) {
    for (const [environment, byPs] of [...byEnv].sort(([x], [y]) => x.localeCompare(y))) {
      const full = [...byPs].filter(([, ids]) => everywhere(environment, ids));
      if (byPs.size === 1 && full.length === 1) {
        (access[group] ??= {})[environment] = full[0]![0];
        continue;
      }
      for (const [ps, ids] of byPs) {
        const why =
          byPs.size > 1
            ? `the group holds ${byPs.size} permission sets in ${environment}, a grid cell holds one`
            : `not in every account of ${environment}`;
        left.push(`${describe('GROUP', group, ps, [...ids].map(nameOf).sort())}: ${why}`);
      }
    }
  }
  // USER assignments: an ownerOnly grant of a group she is in, when that group has no cell there yet.
  const owners: Record<string, string> = {};
  for (const [user, byEnv] of [...held.USER].sort(([x], [y]) => x.localeCompare(y))) {
    for (const [environment, byPs] of [...byEnv].sort(([x], [y]) => x.localeCompare(y))) {
      for (const [ps, ids] of byPs) {
        const group = [...members]
          .filter(([g, us]) => us.includes(user) && access[g]?.[environment] === undefined)
          .map(([g]) => g)
          .sort()[0];
        const fits =
          byPs.size === 1 &&
          everywhere(environment, ids) &&
          group !== undefined &&
          (owners[environment] ?? user) === user;
        if (fits) {
          owners[environment] = user;
          (access[group] ??= {})[environment] = { permissionSet: ps, ownerOnly: true };
          continue;
        }
        const why = !everywhere(environment, ids)
          ? `not in every account of ${environment}`
          : group === undefined
            ? `no group of the user's is free in ${environment} to carry it as an ownerOnly grant`
            : byPs.size > 1
              ? `the user holds ${byPs.size} permission sets in ${environment} directly`
              : `${environment} already has owner ${owners[environment]}`;
        left.push(`${describe('USER', user, ps, [...ids].map(nameOf).sort())}: ${why}`);
      }
    }
  }
  for (const l of left) warnings.push(`assignment not imported: ${l}`);
  const identity: Record<string, unknown> = {
    ...(users.length ? { users } : {}),
    ...(groups.length ? { groups } : {}),
    ...(permissionSets.length ? { permissionSets } : {}),
    ...(Object.keys(access).length ? { access } : {}),
  };
  const comments: [YamlPath, string][] = [
    [
      ['identity'],
      `Imported from IAM Identity Center ${observed.center.instanceArn.split('/').pop()} (${observed.center.region}).` +
        (left.length
          ? `\n${left.length} assignment(s) did not fit the access grid and were not imported:\n- ${left.join('\n- ')}`
          : ''),
    ],
  ];
  return { identity, owners, warnings, comments };
}
