import type { HandlerContext } from '../registry.js';
import type { Store } from '../../store/store.js';
import {
  conflict,
  newResourceId,
  notFound,
  optList,
  paginate,
  readMemberId,
  readResourceId,
  RESOURCE_ID_RE,
  requireStore,
  validation,
} from './common.js';
import { findGroup } from './groups.js';
import type { GroupMembershipRecord } from './tables.js';
import { membershipKey, membershipsByGroup, membershipsByMember, membershipsByPair } from './tables.js';
import { findUser } from './users.js';

const shape = (m: GroupMembershipRecord): Record<string, unknown> => ({
  IdentityStoreId: m.identityStoreId,
  MembershipId: m.membershipId,
  GroupId: m.groupId,
  MemberId: { UserId: m.userId },
  CreatedAt: new Date(m.createdAt),
  UpdatedAt: new Date(m.createdAt),
});

function membershipOf(
  store: Store,
  identityStoreId: string,
  groupId: string,
  userId: string,
): GroupMembershipRecord | undefined {
  for (const m of store.lookup(membershipsByPair, `${identityStoreId}|${groupId}|${userId}`).values()) return m;
  return undefined;
}

function findMembership(store: Store, identityStoreId: string, membershipId: string): GroupMembershipRecord {
  const m = store.get('groupMemberships', membershipKey(identityStoreId, membershipId));
  if (m === undefined) throw notFound('GROUP_MEMBERSHIP', membershipId);
  return m;
}

export function createGroupMembership(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const storeId = instance.identityStoreId;
  const group = findGroup(ctx.store, storeId, readResourceId(input, 'GroupId'));
  const user = findUser(ctx.store, storeId, readMemberId(input));
  if (membershipOf(ctx.store, storeId, group.groupId, user.userId) !== undefined)
    throw conflict('Member is already in the group.');
  const m: GroupMembershipRecord = {
    identityStoreId: storeId,
    membershipId: newResourceId(storeId),
    groupId: group.groupId,
    userId: user.userId,
    createdAt: ctx.now,
  };
  ctx.store.put('groupMemberships', membershipKey(storeId, m.membershipId), m);
  return { MembershipId: m.membershipId, IdentityStoreId: storeId };
}

export function deleteGroupMembership(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const m = findMembership(ctx.store, instance.identityStoreId, readResourceId(input, 'MembershipId'));
  ctx.store.delete('groupMemberships', membershipKey(m.identityStoreId, m.membershipId));
  return {};
}

export function describeGroupMembership(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const m = findMembership(ctx.store, instance.identityStoreId, readResourceId(input, 'MembershipId'));
  const { CreatedAt, UpdatedAt, ...rest } = shape(m);
  return { ...rest, CreatedAt, UpdatedAt };
}

const sorted = (list: GroupMembershipRecord[]): GroupMembershipRecord[] =>
  list.sort((a, b) => a.createdAt - b.createdAt || a.membershipId.localeCompare(b.membershipId));

export function listGroupMemberships(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const group = findGroup(ctx.store, instance.identityStoreId, readResourceId(input, 'GroupId'));
  const list = sorted([...ctx.store.lookup(membershipsByGroup, `${group.identityStoreId}|${group.groupId}`).values()]);
  const { page, NextToken } = paginate(list, `ListGroupMemberships/${group.groupId}`, input);
  return { GroupMemberships: page.map(shape), NextToken };
}

export function listGroupMembershipsForMember(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const user = findUser(ctx.store, instance.identityStoreId, readMemberId(input));
  const list = sorted([...ctx.store.lookup(membershipsByMember, `${user.identityStoreId}|${user.userId}`).values()]);
  const { page, NextToken } = paginate(list, `ListGroupMembershipsForMember/${user.userId}`, input);
  return { GroupMemberships: page.map(shape), NextToken };
}

export function isMemberInGroups(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const userId = readMemberId(input);
  const groupIds = optList(input, 'GroupIds');
  if (groupIds === undefined || groupIds.length < 1 || groupIds.length > 100)
    throw validation('Member GroupIds must have between 1 and 100 items.');
  const results = groupIds.map((g) => {
    if (typeof g !== 'string' || !RESOURCE_ID_RE.test(g)) throw validation(`Invalid GroupId ${String(g)}.`);
    return {
      GroupId: g,
      MemberId: { UserId: userId },
      MembershipExists: membershipOf(ctx.store, instance.identityStoreId, g, userId) !== undefined,
    };
  });
  return { Results: results };
}

export function getGroupMembershipId(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const groupId = readResourceId(input, 'GroupId');
  const userId = readMemberId(input);
  const m = membershipOf(ctx.store, instance.identityStoreId, groupId, userId);
  if (m === undefined) throw notFound('GROUP_MEMBERSHIP');
  return { MembershipId: m.membershipId, IdentityStoreId: instance.identityStoreId };
}
