import { ListInstancesCommand } from '@aws-sdk/client-sso-admin';
import { BulkheadError } from '../../../core/errors.js';
import type { AwsClients } from '../clients.js';
import { errorName } from '../organizations/common.js';
import { ssoAdminOf } from './clients.js';

export interface Instance {
  instanceArn: string;
  identityStoreId: string;
  ownerAccountId: string;
}

const found = new WeakMap<AwsClients, Map<string, Instance>>();

/** The organization instance in the home region, or undefined (asked each time until there is one). */
export async function findInstance(clients: AwsClients): Promise<Instance | undefined> {
  const cached = found.get(clients.origin)?.get(clients.homeRegion);
  if (cached) return cached;
  const r = await ssoAdminOf(clients).send(new ListInstancesCommand({}));
  const i = r.Instances?.find((x) => x.InstanceArn && x.IdentityStoreId);
  if (!i) return undefined;
  const instance = {
    instanceArn: i.InstanceArn!,
    identityStoreId: i.IdentityStoreId!,
    ownerAccountId: i.OwnerAccountId ?? '',
  };
  if (!found.has(clients.origin)) found.set(clients.origin, new Map());
  found.get(clients.origin)!.set(clients.homeRegion, instance);
  return instance;
}

/** The instance, which a change of another identity kind needs (the enable change ran before it). */
export async function instanceOf(clients: AwsClients): Promise<Instance> {
  const instance = await findInstance(clients);
  if (!instance) throw noInstanceError(clients.homeRegion);
  return instance;
}

export function noInstanceError(region: string): BulkheadError {
  return new BulkheadError(
    'identity-center-not-enabled',
    `IAM Identity Center has no organization instance in ${region}`,
    {
      hint:
        `AWS has no API that enables it: sign in to the management account, open the IAM Identity Center console in ${region}, ` +
        'choose Enable, then run apply again',
    },
  );
}

/**
 * ConflictException: another operation on the same permission set (or the same assignment) is in
 * progress, or too many are outstanding; AWS asks to try again later. Throttling and 5xx are the SDK's.
 */
const RETRYABLE = new Set(['ConflictException']);
export const isSsoRetryable = (err: unknown): boolean => RETRYABLE.has(errorName(err));

export { errorName };

/**
 * The region of the organization's Identity Center instance, for callers that know no home region (import):
 * `first` (the target's region), then every other region in turn. A region that refuses the call (an opt-in
 * Region not enabled, no access) counts as having none. Leaves the clients on the region found.
 */
export async function locateInstanceRegion(
  clients: AwsClients,
  regions: readonly string[],
): Promise<string | undefined> {
  const start = clients.homeRegion;
  for (const region of [start, ...regions.filter((r) => r !== start)]) {
    clients.useHomeRegion(region);
    const instance = await findInstance(clients).catch(() => undefined);
    if (instance) return region;
  }
  clients.useHomeRegion(start);
  return undefined;
}
