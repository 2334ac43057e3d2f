import {
  CostExplorerClient,
  ListCostAllocationTagsCommand,
  UpdateCostAllocationTagsStatusCommand,
} from '@aws-sdk/client-cost-explorer';
import { TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-organizations';
import { BulkheadError } from '../../../core/errors.js';
import {
  costAllocationTagMarker,
  markedCostAllocationTags,
  type ObservedCostAllocationTag,
} from '../../../model/cost-kinds.js';
import { isOrganizationsRetryable } from '../organizations/common.js';
import { allPages } from '../paginate.js';
import type { KindProvider, ServiceReader } from '../provider.js';

export { COST_EXPLORER_LANE, STATUS_BATCH } from '../lanes.js';
import { COST_EXPLORER_LANE, STATUS_BATCH } from '../lanes.js';

/**
 * How long the first update waits for the others: changes that start together each mark the root first, and their
 * TagResource calls end at slightly different times. Only the call count depends on it, never the outcome.
 */
const COLLECT_MS = 50;

type Status = 'Active' | 'Inactive';
interface Pending {
  key: string;
  status: Status;
  done: (error?: unknown) => void;
}

/**
 * Collects the status updates that arrive while the lane's changes start together and sends them in calls of at
 * most STATUS_BATCH entries; a key Cost Explorer refuses (its per-entry `Errors`) fails only its own change.
 */
class StatusBatcher {
  private queue: Pending[] = [];

  constructor(private readonly client: CostExplorerClient) {}

  update(key: string, status: Status): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setTimeout(() => void this.flush(), COLLECT_MS);
      this.queue.push({ key, status, done: (error) => (error === undefined ? resolve() : reject(error)) });
    });
  }

  private async flush(): Promise<void> {
    const all = this.queue.splice(0);
    for (let i = 0; i < all.length; i += STATUS_BATCH) {
      const batch = all.slice(i, i + STATUS_BATCH);
      try {
        const out = await this.client.send(
          new UpdateCostAllocationTagsStatusCommand({
            CostAllocationTagsStatus: batch.map((p) => ({ TagKey: p.key, Status: p.status })),
          }),
        );
        const refused = new Map((out.Errors ?? []).map((e) => [e.TagKey, e]));
        for (const p of batch) {
          const e = refused.get(p.key);
          p.done(
            e &&
              new BulkheadError(
                'E-COST-TAG-UPDATE',
                `Cost Explorer refused to set "${p.key}" ${p.status}: ${e.Code ?? ''} ${e.Message ?? ''}`.trim(),
                {
                  source: 'aws',
                  hint: 'a key billing has not seen yet cannot be activated; plan again after it appears',
                },
              ),
          );
        }
      } catch (error) {
        for (const p of batch) p.done(error);
      }
    }
  }
}

const batchers = new WeakMap<CostExplorerClient, StatusBatcher>();
function batcherFor(client: CostExplorerClient): StatusBatcher {
  let b = batchers.get(client);
  if (!b) batchers.set(client, (b = new StatusBatcher(client)));
  return b;
}

// Cost Explorer's LimitExceededException (called too often) is among the SDK's throttling errors, which the SDK
// retries itself; the walker only repeats what Organizations (the root mark) asks to try again.
const isCostExplorerRetryable = (error: unknown): boolean => isOrganizationsRetryable(error);

/**
 * A cost-allocation tag, in the management account (Cost Explorer is global: us-east-1). Activating marks the root
 * first and then activates, so an apply killed in between leaves a mark without activation, which the next plan
 * activates; deactivating goes the other way round. The root marks are how Bulkhead knows which keys it activated.
 */
export const costAllocationTagProvider: KindProvider<'cost-allocation-tag'> = {
  kind: 'cost-allocation-tag',
  lane: () => COST_EXPLORER_LANE,
  isRetryable: isCostExplorerRetryable,
  async apply({ payload }, { clients, resolve }) {
    const ce = clients.client(CostExplorerClient);
    if (payload.status === 'Active') {
      const Tags = [{ Key: costAllocationTagMarker(payload.key), Value: payload.key }];
      await clients.organizations.send(new TagResourceCommand({ ResourceId: resolve(payload.root), Tags }));
      await batcherFor(ce).update(payload.key, 'Active');
      return { physicalId: payload.key };
    }
    await batcherFor(ce).update(payload.key, 'Inactive');
    await clients.organizations.send(
      new UntagResourceCommand({ ResourceId: payload.rootId, TagKeys: [payload.marker] }),
    );
    return {};
  },
};

/** The user-defined tag keys Cost Explorer knows, with their status. */
export async function listCostAllocationTags(client: CostExplorerClient): Promise<ObservedCostAllocationTag[]> {
  const tags = await allPages((token) =>
    client
      .send(new ListCostAllocationTagsCommand({ Type: 'UserDefined', MaxResults: 1000, NextToken: token }))
      .then((r) => ({ items: r.CostAllocationTags, next: r.NextToken })),
  );
  return tags
    .map((t) => ({
      key: t.TagKey!,
      type: t.Type ?? 'UserDefined',
      status: t.Status ?? 'Inactive',
      ...(t.LastUsedDate ? { lastUsedDate: t.LastUsedDate } : {}),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Reads Cost Explorer only when the spec manages cost-allocation tags or the root says Bulkhead activated some
 * (then it may deactivate them): each Cost Explorer request costs $0.01.
 */
export const costAllocationTagsReader: ServiceReader = {
  service: 'cost-explorer',
  kinds: ['cost-allocation-tag'],
  afterOthers: true,
  async read(clients, _io, context) {
    const marked = markedCostAllocationTags(context?.prior?.organization[0]?.root.tags ?? {}).size > 0;
    if (context?.costAllocationTags !== true && !marked) return { 'cost-allocation-tag': [] };
    return { 'cost-allocation-tag': await listCostAllocationTags(clients.client(CostExplorerClient)) };
  },
};
