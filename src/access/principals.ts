/**
 * Who asks: a group, a user (the union of what her groups get, plus ownerOnly grants of her own) or the role a
 * permission set creates in each account (`AWSReservedSSO_<PermissionSet>_<hash>`), and what the access grid
 * gives them in an environment.
 */
import type { AccessGrantRow, AccessOrg } from './org-view.js';
import { suggest } from '../core/suggest.js';

export type Principal =
  { kind: 'group'; name: string } | { kind: 'user'; name: string } | { kind: 'permission-set'; name: string };

/**
 * One way in: a group's permission set in an environment; `user` is set for ownerOnly grants, and alone (no
 * `group`) for a permission set assigned to a user directly in Identity Center. `accounts`: only in those accounts
 * of the environment (live assignments), else in all of them.
 */
export interface Grant {
  group?: string;
  permissionSet: string;
  user?: string;
  accounts?: string[];
}

export interface PrincipalProblem {
  message: string;
  suggestions: string[];
}

const SSO_ROLE = /^AWSReservedSSO_(.+)_[0-9a-f]+$/;

/** The permission set behind an IAM Identity Center role name or ARN, or undefined. */
export function permissionSetOfRole(roleNameOrArn: string): string | undefined {
  const name = roleNameOrArn
    .replace(
      /^arn:[^:]+:(?:iam|sts)::\d*:(?:assumed-)?role\/(?:aws-reserved\/sso\.amazonaws\.com\/(?:[a-z0-9-]+\/)?)?/,
      '',
    )
    .split('/')[0]!;
  return SSO_ROLE.exec(name)?.[1];
}

export function resolvePrincipal(org: AccessOrg, text: string): Principal | PrincipalProblem {
  const { groups, users, permissionSets } = org.identity;
  if (groups.has(text)) return { kind: 'group', name: text };
  if (users.has(text)) return { kind: 'user', name: text };
  const byEmail = [...users.values()].find((u) => u.email.toLowerCase() === text.toLowerCase());
  if (byEmail !== undefined) return { kind: 'user', name: byEmail.userName };
  const ps =
    permissionSetOfRole(text) ??
    (text.startsWith('permission-set:') ? text.slice('permission-set:'.length) : undefined);
  if (ps !== undefined) {
    if (permissionSets.has(ps)) return { kind: 'permission-set', name: ps };
    return {
      message: `principal "${text}" is the role of permission set "${ps}", which the spec does not define`,
      suggestions: suggest(ps, [...permissionSets.keys()]).map((p) => `permission-set:${p}`),
    };
  }
  const names = [...groups.keys(), ...users.keys()];
  const isRole = /^arn:[^:]+:(iam|sts)::\d{12}:(assumed-)?role\//.test(text);
  const what = isRole
    ? `role "${text}" is not defined in the spec: the spec defines groups, users and permission sets (whose roles are AWSReservedSSO_<PermissionSet>_<hash>), not other IAM roles`
    : `principal "${text}" is neither a group nor a user ${org.identitySource === 'spec' ? 'of the spec' : 'in IAM Identity Center'} (groups: ${[...groups.keys()].join(', ') || 'none'}; users: ${[...users.keys()].join(', ') || 'none'})`;
  return { message: what, suggestions: isRole ? [] : suggest(text, names) };
}

export function isPrincipalProblem(value: Principal | PrincipalProblem): value is PrincipalProblem {
  return 'message' in value;
}

export function grantOf(a: AccessGrantRow): Grant {
  const grant: Grant = { permissionSet: a.permissionSet };
  if (a.group !== undefined) grant.group = a.group;
  if (a.user !== undefined) grant.user = a.user;
  if (a.accounts !== undefined) grant.accounts = a.accounts;
  return grant;
}

/**
 * What the access grid gives the principal in an environment. A group gets its group-wide grants (ownerOnly
 * grants go to one member, see `ownerOnlyGrants`); a user gets her groups' grants and the ownerOnly grants made to
 * her; a permission set's role exists where the permission set is assigned.
 */
export function grantsIn(org: AccessOrg, principal: Principal, environment: string): Grant[] {
  const rows = org.identity.assignments.filter((a) => a.environment === environment);
  switch (principal.kind) {
    case 'group':
      return rows.filter((a) => a.group === principal.name && a.user === undefined).map(grantOf);
    case 'user': {
      const mine = new Set(
        [...org.identity.groups.values()].filter((g) => g.members.includes(principal.name)).map((g) => g.name),
      );
      return rows
        .filter((a) =>
          a.group === undefined
            ? a.user === principal.name
            : mine.has(a.group) && (a.user === undefined || a.user === principal.name),
        )
        .map(grantOf);
    }
    case 'permission-set': {
      const rowsFor = rows.filter((a) => a.permissionSet === principal.name);
      return rowsFor.length === 0
        ? []
        : [{ group: rowsFor.map((r) => r.group ?? `user ${r.user}`).join(', '), permissionSet: principal.name }];
    }
  }
}

/** The ownerOnly grants of a group in an environment (for a note when a group is asked about). */
export function ownerOnlyGrants(org: AccessOrg, group: string, environment: string): Grant[] {
  return org.identity.assignments
    .filter((a) => a.environment === environment && a.group === group && a.user !== undefined)
    .map(grantOf);
}

/** The groups and the users of the spec, in spec order. */
export function allPrincipals(org: AccessOrg): Principal[] {
  return [
    ...[...org.identity.groups.keys()].map((name) => ({ kind: 'group' as const, name })),
    ...[...org.identity.users.keys()].map((name) => ({ kind: 'user' as const, name })),
  ];
}

export function describePrincipalRef(p: Principal): string {
  return p.kind === 'permission-set' ? `the role of permission set ${p.name}` : `${p.kind} ${p.name}`;
}
