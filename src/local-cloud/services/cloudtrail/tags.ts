import type { HandlerContext } from '../registry.js';
import { ctError, findTrail, notManagementAccount, optList, reqString } from './common.js';
import type { TrailRecord } from './tables.js';

/** AWS: 50 tags per trail. */
export const MAX_TAGS_PER_TRAIL = 50;

/** A TagsList member: `{Key, Value?}` items, keys 1..128 and values up to 256 characters. */
export function readTags(input: Record<string, unknown>, name: string): Record<string, string> | undefined {
  const list = optList(input, name);
  if (list === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const item of list) {
    const tag = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const key = tag.Key;
    const value = tag.Value ?? '';
    if (
      typeof key !== 'string' ||
      key.length < 1 ||
      key.length > 128 ||
      typeof value !== 'string' ||
      value.length > 256
    )
      throw ctError(
        'InvalidTagParameterException',
        'The tag key or value is not valid: keys are 1 to 128 characters, values at most 256.',
      );
    if (Object.hasOwn(out, key))
      throw ctError('InvalidTagParameterException', `The tag key ${key} appears more than once.`);
    out[key] = value;
  }
  if (Object.keys(out).length > MAX_TAGS_PER_TRAIL)
    throw ctError('TagsLimitExceededException', `A trail can have at most ${MAX_TAGS_PER_TRAIL} tags.`);
  return out;
}

function taggable(ctx: HandlerContext, resourceId: string): TrailRecord {
  const trail = findTrail(ctx, resourceId);
  if (trail.accountId !== ctx.principal.accountId) throw notManagementAccount();
  return trail;
}

export function addTags(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const trail = taggable(ctx, reqString(input, 'ResourceId'));
  const tags = { ...trail.tags, ...(readTags(input, 'TagsList') ?? {}) };
  if (Object.keys(tags).length > MAX_TAGS_PER_TRAIL)
    throw ctError('TagsLimitExceededException', `A trail can have at most ${MAX_TAGS_PER_TRAIL} tags.`);
  ctx.store.put('cloudtrailTrails', trail.arn, { ...trail, tags });
  return {};
}

export function removeTags(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const trail = taggable(ctx, reqString(input, 'ResourceId'));
  const tags = { ...trail.tags };
  for (const key of Object.keys(readTags(input, 'TagsList') ?? {})) delete tags[key];
  ctx.store.put('cloudtrailTrails', trail.arn, { ...trail, tags });
  return {};
}

export function listTags(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const ids = optList(input, 'ResourceIdList') ?? [];
  if (ids.length === 0) throw ctError('InvalidParameterException', 'You must specify at least one ResourceId.');
  const out = ids.map((id) => {
    if (typeof id !== 'string') throw ctError('InvalidParameterException', 'Each ResourceId must be a string.');
    const trail = findTrail(ctx, id);
    return { ResourceId: trail.arn, TagsList: Object.entries(trail.tags).map(([Key, Value]) => ({ Key, Value })) };
  });
  return { ResourceTagList: out };
}
