import { AwsApiError } from '../../errors.js';
import { constraintViolation } from './errors.js';
import type { OrganizationRecord } from './tables.js';
import type { Store } from '../../store/store.js';
import { optStringList, paginateOrg, readTags, reqString } from './input.js';
import type { HandlerContext } from '../registry.js';
import { findEntity, managedOrganization } from './common.js';

export function getTags(store: Store, resourceId: string): Record<string, string> {
  return store.get('tags', resourceId)?.tags ?? {};
}

export function setTags(store: Store, resourceId: string, tags: Record<string, string>): void {
  if (Object.keys(tags).length === 0) store.delete('tags', resourceId);
  else store.put('tags', resourceId, { resourceId, tags });
}

/** Taggable: the root, OUs, accounts and customer managed policies of the caller's organization. */
function taggable(store: Store, org: OrganizationRecord, id: string): void {
  if (id.startsWith('p-')) {
    const p = store.get('policies', id);
    if (p !== undefined && p.organizationId === org.id) return;
  } else if (findEntity(store, org, id) !== undefined) return;
  throw new AwsApiError(
    'TargetNotFoundException',
    `We can't find a root, OU, account, or policy with the ResourceId that you specified: ${id}.`,
  );
}

const RESOURCE_ID_RE = /^(?:r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|p-[0-9a-zA-Z_]{8,128})$/;

function readResourceId(input: Record<string, unknown>): string {
  return reqString(input, 'ResourceId', {
    max: 130,
    pattern: RESOURCE_ID_RE,
    patternReason: 'INVALID_PATTERN_TARGET_ID',
  });
}

export function tagResource(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const id = readResourceId(input);
  if (input.Tags === undefined) reqString(input, 'Tags');
  const tags = readTags(input);
  taggable(ctx.store, org, id);
  const merged = { ...getTags(ctx.store, id), ...tags };
  if (Object.keys(merged).length > ctx.config.quotas.maxTagsPerResource) {
    throw constraintViolation(
      'MAX_TAG_LIMIT_EXCEEDED',
      'You have exceeded the number of tags allowed on this resource.',
    );
  }
  setTags(ctx.store, id, merged);
  return {};
}

export function untagResource(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const id = readResourceId(input);
  const keys = optStringList(input, 'TagKeys');
  if (keys === undefined) reqString(input, 'TagKeys');
  taggable(ctx.store, org, id);
  const tags = { ...getTags(ctx.store, id) };
  for (const k of keys ?? []) delete tags[k];
  setTags(ctx.store, id, tags);
  return {};
}

export function listTagsForResource(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const id = readResourceId(input);
  taggable(ctx.store, org, id);
  const tags = Object.entries(getTags(ctx.store, id)).map(([Key, Value]) => ({ Key, Value }));
  const { page, NextToken } = paginateOrg(tags, `ListTagsForResource/${id}`, input);
  return { Tags: page, NextToken };
}
