import { typeError } from '../json-input.js';
import type { HandlerContext } from '../registry.js';
import type { Store } from '../../store/store.js';
import {
  conflict,
  externalIdsShape,
  hasExternalId,
  newResourceId,
  notFound,
  optList,
  optString,
  paginate,
  readAlternateIdentifier,
  readFilter,
  readResourceId,
  reqString,
  requireStore,
  TEXT_RULE,
  validation,
} from './common.js';
import type { IdentityStoreGroupRecord } from './tables.js';
import { groupKey, membershipKey, membershipsByGroup } from './tables.js';

const DISPLAY_NAME_RULE = { min: 1, max: 1024, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \u00A0]+$/u };

function groupByName(store: Store, identityStoreId: string, displayName: string): IdentityStoreGroupRecord | undefined {
  for (const g of store.values('identityStoreGroups'))
    if (g.identityStoreId === identityStoreId && g.displayName === displayName) return g;
  return undefined;
}

function requireUniqueName(store: Store, identityStoreId: string, displayName: string, except?: string): void {
  const other = groupByName(store, identityStoreId, displayName);
  if (other !== undefined && other.groupId !== except) throw conflict('Duplicate GroupDisplayName');
}

export function groupShape(g: IdentityStoreGroupRecord): Record<string, unknown> {
  return {
    GroupId: g.groupId,
    DisplayName: g.displayName,
    ExternalIds: externalIdsShape(g.externalIds),
    Description: g.description,
    CreatedAt: new Date(g.createdAt),
    UpdatedAt: new Date(g.updatedAt),
    IdentityStoreId: g.identityStoreId,
  };
}

export function findGroup(store: Store, identityStoreId: string, groupId: string): IdentityStoreGroupRecord {
  const g = store.get('identityStoreGroups', groupKey(identityStoreId, groupId));
  if (g === undefined) throw notFound('GROUP', groupId);
  return g;
}

/** AWS requires a DisplayName, unique in the identity store. */
export function createGroup(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const displayName = reqString(input, 'DisplayName', DISPLAY_NAME_RULE);
  const description = optString(input, 'Description', TEXT_RULE);
  requireUniqueName(ctx.store, instance.identityStoreId, displayName);
  const group: IdentityStoreGroupRecord = {
    identityStoreId: instance.identityStoreId,
    groupId: newResourceId(instance.identityStoreId),
    displayName,
    externalIds: [],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    ...(description === undefined ? {} : { description }),
  };
  ctx.store.put('identityStoreGroups', groupKey(group.identityStoreId, group.groupId), group);
  return { GroupId: group.groupId, IdentityStoreId: group.identityStoreId };
}

export function describeGroup(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  return groupShape(findGroup(ctx.store, instance.identityStoreId, readResourceId(input, 'GroupId')));
}

export function updateGroup(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const group = { ...findGroup(ctx.store, instance.identityStoreId, readResourceId(input, 'GroupId')) };
  const ops = optList(input, 'Operations');
  if (ops === undefined || ops.length < 1 || ops.length > 100)
    throw validation('Member Operations must have between 1 and 100 items.');
  for (const item of ops) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw typeError('Operations member', 'a structure');
    const o = item as Record<string, unknown>;
    const path = reqString(o, 'AttributePath', { min: 1, max: 255 }).toLowerCase();
    const value = o.AttributeValue;
    if (path === 'displayname') {
      if (typeof value !== 'string') throw validation('The value for displayName must be a string.');
      group.displayName = reqString({ DisplayName: value }, 'DisplayName', DISPLAY_NAME_RULE);
    } else if (path === 'description') {
      if (value === undefined || value === null) delete group.description;
      else if (typeof value === 'string')
        group.description = reqString({ Description: value }, 'Description', TEXT_RULE);
      else throw validation('The value for description must be a string.');
    } else throw validation(`Unknown attribute path ${String(o.AttributePath)}.`);
  }
  requireUniqueName(ctx.store, instance.identityStoreId, group.displayName, group.groupId);
  ctx.store.put('identityStoreGroups', groupKey(group.identityStoreId, group.groupId), {
    ...group,
    updatedAt: ctx.now,
  });
  return {};
}

/** Deleting a group also deletes its memberships, as AWS does. */
export function deleteGroup(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const group = findGroup(ctx.store, instance.identityStoreId, readResourceId(input, 'GroupId'));
  for (const m of [...ctx.store.lookup(membershipsByGroup, `${group.identityStoreId}|${group.groupId}`).values()])
    ctx.store.delete('groupMemberships', membershipKey(m.identityStoreId, m.membershipId));
  ctx.store.delete('identityStoreGroups', groupKey(group.identityStoreId, group.groupId));
  return {};
}

export function listGroups(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const displayName = readFilter(input, 'DisplayName');
  const groups = [...ctx.store.values('identityStoreGroups')]
    .filter(
      (g) =>
        g.identityStoreId === instance.identityStoreId && (displayName === undefined || g.displayName === displayName),
    )
    .sort((a, b) => a.createdAt - b.createdAt || a.groupId.localeCompare(b.groupId));
  const { page, NextToken } = paginate(groups, `ListGroups/${instance.identityStoreId}/${displayName ?? ''}`, input);
  return { Groups: page.map(groupShape), NextToken };
}

/** GetGroupId by the unique attribute `DisplayName`, or by an external id. */
export function getGroupId(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const alt = readAlternateIdentifier(input);
  let group: IdentityStoreGroupRecord | undefined;
  if (alt.kind === 'external') {
    for (const g of ctx.store.values('identityStoreGroups'))
      if (g.identityStoreId === instance.identityStoreId && hasExternalId(g.externalIds, alt.externalId)) group = g;
  } else if (alt.path.toLowerCase() === 'displayname')
    group = groupByName(ctx.store, instance.identityStoreId, alt.value);
  else throw validation(`${alt.path} is not a unique attribute of a group; use DisplayName.`);
  if (group === undefined) throw notFound('GROUP');
  return { GroupId: group.groupId, IdentityStoreId: instance.identityStoreId };
}
