import type { PrincipalType } from './observed-identity.js';

/** The organization instance: wanted whenever the spec has `identity:`; it lives in the home region. */
export interface DesiredIdentityCenter {
  homeRegion: string;
}

/** A user of a group, by names (`<group>/<userName>` is its key). */
export interface DesiredMembership {
  group: string;
  userName: string;
}

/**
 * One account assignment the access grid asks for: a principal gets a permission set in one
 * account. Expanded from the grid by src/plan/identity/expand-grid.ts.
 */
export interface DesiredAssignment {
  accountName: string;
  accountEmail: string;
  /** The environment the grant was made for (the account's own, or one it also hosts). */
  environment: string;
  principalType: PrincipalType;
  principalName: string;
  permissionSet: string;
}

/** `<accountEmail>/<GROUP or USER>:<principalName>/<permissionSet>`: the assignment's address key. */
export const assignmentKey = (a: {
  accountEmail: string;
  principalType: PrincipalType;
  principalName: string;
  permissionSet: string;
}): string => `${a.accountEmail.toLowerCase()}/${a.principalType}:${a.principalName}/${a.permissionSet}`;

export const membershipKey = (m: DesiredMembership): string => `${m.group}/${m.userName}`;
