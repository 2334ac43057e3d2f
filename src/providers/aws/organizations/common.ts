import {
  DescribeAccountCommand,
  ListCreateAccountStatusCommand,
  ListParentsCommand,
  MoveAccountCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { allPages } from '../paginate.js';

export const toTags = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** A failure AWS reported for one change, with AWS's own code and reason. */
export class ChangeFailedError extends Error {
  constructor(
    readonly changeId: string,
    readonly awsCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChangeFailedError';
  }
}

export function errorName(err: unknown): string {
  return (err as { name?: string }).name ?? '';
}

/**
 * Errors on which Organizations asks to try the change again: another change of the same resource
 * is in flight, the organization is still being set up. Throttling (TooManyRequestsException
 * included), 5xx and network errors are the SDK's to retry, once: one retry policy, never two
 * multiplied.
 */
const ORGANIZATIONS_RETRYABLE = new Set(['ConcurrentModificationException', 'FinalizingOrganizationException']);

export const isOrganizationsRetryable = (err: unknown): boolean => ORGANIZATIONS_RETRYABLE.has(errorName(err));

/**
 * Sends a request whose only "failure" on a re-run is that it already happened (an interrupted
 * apply, or a retried request whose answer was lost): that AWS error counts as done.
 */
export async function unlessDone(send: () => Promise<unknown>, alreadyDone: string): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (errorName(err) !== alreadyDone) throw err;
  }
}

export async function parentOf(org: OrganizationsClient, accountId: string): Promise<string | undefined> {
  return (await org.send(new ListParentsCommand({ ChildId: accountId }))).Parents?.[0]?.Id;
}

/**
 * A MoveAccount sent again because its answer was lost finds the account gone from the source
 * (AccountNotFoundException) or already there (DuplicateAccountException): done if it is.
 */
export async function moveAccount(
  org: OrganizationsClient,
  accountId: string,
  source: string,
  destination: string,
): Promise<void> {
  try {
    await org.send(
      new MoveAccountCommand({ AccountId: accountId, SourceParentId: source, DestinationParentId: destination }),
    );
  } catch (err) {
    if (errorName(err) !== 'AccountNotFoundException' && errorName(err) !== 'DuplicateAccountException') throw err;
    if ((await parentOf(org, accountId)) !== destination) throw err;
  }
}

/**
 * A CreateAccount sent again because its answer was lost (a timeout or 5xx that was retried)
 * fails EMAIL_ALREADY_EXISTS while the first request creates the account: the first request for
 * this name, still running or done with this email, is the one to follow.
 */
export async function earlierRequest(
  org: OrganizationsClient,
  name: string,
  email: string,
  failedId: string,
): Promise<string | undefined> {
  const requests = await allPages((token) =>
    org
      .send(new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS', 'SUCCEEDED'], NextToken: token }))
      .then((r) => ({ items: r.CreateAccountStatuses, next: r.NextToken })),
  );
  for (const r of requests.filter((q) => q.AccountName === name && q.Id !== failedId)) {
    if (r.State === 'IN_PROGRESS') return r.Id;
    const account = (await org.send(new DescribeAccountCommand({ AccountId: r.AccountId! }))).Account;
    if (account?.Email?.toLowerCase() === email.toLowerCase()) return r.Id;
  }
  return undefined;
}
