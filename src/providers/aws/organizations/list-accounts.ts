import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import type { AwsClients } from '../clients.js';
import { allPages } from '../paginate.js';

/** The organization's accounts (id, name, email) from ListAccounts: management-account credentials only. */
export async function listOrganizationAccounts(
  clients: AwsClients,
): Promise<{ id: string; name: string; email: string }[]> {
  const accounts = await allPages((token) =>
    clients.organizations
      .send(new ListAccountsCommand({ NextToken: token }))
      .then((r) => ({ items: r.Accounts, next: r.NextToken })),
  );
  return accounts.flatMap((a) => (a.Id ? [{ id: a.Id, name: a.Name ?? '', email: a.Email ?? '' }] : []));
}
