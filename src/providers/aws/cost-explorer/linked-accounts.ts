import { ListTagsForResourceCommand } from '@aws-sdk/client-organizations';
import type { AwsClients } from '../clients.js';
import { allPages, mapLimit } from '../paginate.js';
import { listOrganizationAccounts } from '../organizations/list-accounts.js';

export interface LinkedAccount {
  id: string;
  name: string;
  email: string;
  tags?: Record<string, string>;
}

/**
 * The organization's accounts (ListAccounts), with their tags read only for those `wantTags` picks (one
 * ListTagsForResource each): a spec that places every account costs no tag reads at all. Without management
 * credentials (a member account) the list is empty: Cost Explorer then reports that account alone.
 */
export async function readLinkedAccounts(
  clients: AwsClients,
  wantTags: (a: { id: string; name: string; email: string }) => boolean,
  concurrency = 8,
): Promise<LinkedAccount[]> {
  const accounts = await listOrganizationAccounts(clients).catch(() => []);
  return mapLimit(accounts, concurrency, async (a) => {
    if (!wantTags(a)) return a;
    const tags = await allPages((token) =>
      clients.organizations
        .send(new ListTagsForResourceCommand({ ResourceId: a.id, NextToken: token }))
        .then((r) => ({ items: r.Tags, next: r.NextToken })),
    ).catch(() => []);
    return { ...a, tags: Object.fromEntries(tags.map((t) => [t.Key ?? '', t.Value ?? ''])) };
  });
}
