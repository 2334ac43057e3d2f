import type { HandlerContext } from '../registry.js';
import {
  INSTANCE_ARN_RE,
  notFound,
  optString,
  optStringList,
  paginate,
  PERMISSION_SET_ARN_RE,
  quotaExceeded,
  readTags,
  reqString,
  tagList,
  validation,
  visibleInstance,
} from './common.js';

const TAGGABLE_RE = new RegExp(
  `^(?:${INSTANCE_ARN_RE.source.slice(1, -1)}|${PERMISSION_SET_ARN_RE.source.slice(1, -1)})$`,
);

/** The tags of a taggable resource (the instance or one of its permission sets) and how to save them. */
function taggable(
  input: Record<string, unknown>,
  ctx: HandlerContext,
): { tags: Record<string, string>; save: (tags: Record<string, string>) => void } {
  optString(input, 'InstanceArn', { min: 10, max: 1224, pattern: INSTANCE_ARN_RE });
  const arn = reqString(input, 'ResourceArn', { min: 10, max: 2048 });
  if (!TAGGABLE_RE.test(arn))
    throw validation(`The ResourceArn ${arn} is not a taggable IAM Identity Center resource.`);
  const instance = visibleInstance(ctx, true);
  if (instance !== undefined && arn === instance.arn)
    return { tags: instance.tags, save: (tags) => ctx.store.put('ssoInstances', instance.arn, { ...instance, tags }) };
  const ps = ctx.store.get('permissionSets', arn);
  if (instance === undefined || ps?.instanceArn !== instance.arn) throw notFound(`Resource ${arn} does not exist.`);
  return { tags: ps.tags, save: (tags) => ctx.store.put('permissionSets', ps.arn, { ...ps, tags }) };
}

/** AWS: at most 50 tags per resource (ServiceQuotaExceededException). */
const MAX_TAGS = 50;

export function tagResource(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { tags, save } = taggable(input, ctx);
  if (input.Tags === undefined || input.Tags === null) throw validation('You must specify a value for Tags.');
  const next = { ...tags, ...readTags(input) };
  if (Object.keys(next).length > MAX_TAGS) throw quotaExceeded(`A resource can have at most ${MAX_TAGS} tags.`);
  save(next);
  return {};
}

export function untagResource(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { tags, save } = taggable(input, ctx);
  const keys = optStringList(input, 'TagKeys');
  if (keys === undefined || keys.length === 0) throw validation('You must specify a value for TagKeys.');
  const next = { ...tags };
  for (const k of keys) delete next[k];
  save(next);
  return {};
}

export function listTagsForResource(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { tags } = taggable(input, ctx);
  const { page, NextToken } = paginate(tagList(tags), `ListTagsForResource/${String(input.ResourceArn)}`, input);
  return { Tags: page, NextToken };
}
