import type { TableName } from '../../store/state.js';
import { defineIndex } from '../../store/store.js';

/** The records the Identity Store keeps, declared into the store's `Tables`. */

export interface ExternalIdRecord {
  issuer: string;
  id: string;
}

export interface IdentityStoreUserRecord {
  identityStoreId: string;
  userId: string;
  userName: string;
  displayName?: string;
  name?: Record<string, string>;
  emails?: Record<string, unknown>[];
  /** The other single-valued attributes (NickName, Title, Locale, …), as given. */
  attributes: Record<string, unknown>;
  externalIds: ExternalIdRecord[];
  createdAt: number;
  updatedAt: number;
}

export interface IdentityStoreGroupRecord {
  identityStoreId: string;
  groupId: string;
  displayName: string;
  description?: string;
  externalIds: ExternalIdRecord[];
  createdAt: number;
  updatedAt: number;
}

export interface GroupMembershipRecord {
  identityStoreId: string;
  membershipId: string;
  groupId: string;
  userId: string;
  createdAt: number;
}

declare module '../../store/state.js' {
  interface Tables {
    identityStoreUsers: IdentityStoreUserRecord;
    identityStoreGroups: IdentityStoreGroupRecord;
    groupMemberships: GroupMembershipRecord;
  }
}

export const IDENTITY_STORE_TABLES = [
  'identityStoreUsers',
  'identityStoreGroups',
  'groupMemberships',
] as const satisfies readonly TableName[];

export const userKey = (identityStoreId: string, userId: string): string => `${identityStoreId}|${userId}`;
export const groupKey = (identityStoreId: string, groupId: string): string => `${identityStoreId}|${groupId}`;
export const membershipKey = (identityStoreId: string, membershipId: string): string =>
  `${identityStoreId}|${membershipId}`;

/** Memberships by group, by member and by the pair, kept by the store: lookups cost the answer, not every membership. */
export const membershipsByGroup = defineIndex('groupMemberships', (m) => `${m.identityStoreId}|${m.groupId}`);
export const membershipsByMember = defineIndex('groupMemberships', (m) => `${m.identityStoreId}|${m.userId}`);
export const membershipsByPair = defineIndex(
  'groupMemberships',
  (m) => `${m.identityStoreId}|${m.groupId}|${m.userId}`,
);
