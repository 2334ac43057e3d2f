import {
  ListRootsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { ObservedState } from '../../model/observed.js';
import { allPages } from './paginate.js';

/**
 * The apply mark: a tag on the organization's root that every apply which held the lock rewrites (with its lock's
 * token) before it lets the lock go, and `bulkhead unlock` before it breaks one. An apply that reads the same mark
 * before its refresh and again once it holds the lock knows no other apply changed the organization in between,
 * and does not read the whole organization a second time.
 */
export const APPLY_MARK_TAG = 'bulkhead:last-apply';

/** The mark a refresh saw (undefined: none yet, or no organization). */
export function applyMarkOf(observed: ObservedState): string | undefined {
  return observed.organization[0]?.root.tags[APPLY_MARK_TAG];
}

/** The mark as it is now; the root's tags have at most 50 entries, but they are paged like any list. */
export async function readApplyMark(org: OrganizationsClient, rootId: string): Promise<string | undefined> {
  const tags = await allPages((token) =>
    org
      .send(new ListTagsForResourceCommand({ ResourceId: rootId, NextToken: token }))
      .then((r) => ({ items: r.Tags, next: r.NextToken })),
  );
  return tags.find((t) => t.Key === APPLY_MARK_TAG)?.Value;
}

/** The root's id, for a mark written without a refresh (a first apply, `unlock`); undefined without a root. */
export async function rootIdOf(
  org: OrganizationsClient,
  options: { abortSignal?: AbortSignal } = {},
): Promise<string | undefined> {
  return (await org.send(new ListRootsCommand({}), options)).Roots?.[0]?.Id;
}

/**
 * The mark could not be written. It keeps the AWS error's name (so that retry rules still see what AWS said) and
 * says what was being written: a missing organizations:TagResource permission on the root, or a root that already
 * has AWS's 50 tags, refuses it for good.
 */
export class ApplyMarkError extends Error {
  constructor(override readonly cause: unknown) {
    const e = cause as { name?: string; message?: string; Reason?: string } | undefined;
    const why = `${e?.message ?? String(cause)}${e?.Reason ? ` (${e.Reason})` : ''}`;
    super(`could not write the apply mark (the tag ${APPLY_MARK_TAG} on the root): ${why}`);
    this.name = e?.name ?? 'ApplyMarkError';
  }
}

/** Rewrites the mark on the root; without a root there is no organization anyone could have planned from. */
export async function writeApplyMark(
  org: OrganizationsClient,
  value: string,
  rootId: string | undefined,
  options: { abortSignal?: AbortSignal } = {},
): Promise<void> {
  if (rootId === undefined) return;
  try {
    await org.send(
      new TagResourceCommand({ ResourceId: rootId, Tags: [{ Key: APPLY_MARK_TAG, Value: value }] }),
      options,
    );
  } catch (err) {
    throw new ApplyMarkError(err);
  }
}
