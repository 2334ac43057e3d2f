import { hostname, userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  CreatePolicyCommand,
  DeletePolicyCommand,
  ListPoliciesCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { allPages } from './paginate.js';

/**
 * The apply lock lives in the organization itself, so it holds across machines and CI runners:
 * an unattached SCP with a fixed name. AWS refuses a second policy of the same name
 * (DuplicatePolicyException), which makes taking the lock atomic. Its description says who holds it.
 */
export const LOCK_POLICY_NAME = 'bulkhead-apply-lock';
const LOCK_CONTENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'BulkheadApplyLockNeverAttached', Effect: 'Allow', Action: '*', Resource: '*' }],
});

export interface LockHolder {
  holder: string;
  since: string;
  token: string;
}

export interface HeldLock {
  policyId: string;
  holder: LockHolder;
  release(): Promise<void>;
}

export class LockHeldError extends Error {
  constructor(readonly current: LockHolder | undefined) {
    super(
      current
        ? `the organization is locked by ${current.holder} since ${current.since}`
        : 'the organization is locked by another apply',
    );
    this.name = 'LockHeldError';
  }
}

export function defaultHolder(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no user database (some containers): keep "unknown"
  }
  return `${user}@${hostname()} (pid ${process.pid})`;
}

/** The current lock, if any. */
export async function readLock(
  org: OrganizationsClient,
): Promise<{ policyId: string; holder: LockHolder | undefined } | undefined> {
  const policies = await allPages((token) =>
    org
      .send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', NextToken: token }))
      .then((r) => ({ items: r.Policies, next: r.NextToken })),
  );
  const lock = policies.find((p) => p.Name === LOCK_POLICY_NAME);
  if (!lock) return undefined;
  let holder: LockHolder | undefined;
  try {
    holder = JSON.parse(lock.Description ?? '') as LockHolder;
  } catch {
    holder = undefined;
  }
  return { policyId: lock.Id!, holder };
}

/** Takes the lock or throws LockHeldError; with a timeout, waits for it first. */
export async function acquireLock(
  org: OrganizationsClient,
  options: { holder?: string; timeoutMs?: number; pollMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<HeldLock> {
  const holder: LockHolder = {
    holder: options.holder ?? defaultHolder(),
    since: new Date().toISOString(),
    token: randomUUID(),
  };
  const deadline = Date.now() + (options.timeoutMs ?? 0);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (;;) {
    try {
      const r = await org.send(
        new CreatePolicyCommand({
          Name: LOCK_POLICY_NAME,
          Type: 'SERVICE_CONTROL_POLICY',
          Description: JSON.stringify(holder),
          Content: LOCK_CONTENT,
        }),
      );
      const policyId = r.Policy!.PolicySummary!.Id!;
      return {
        policyId,
        holder,
        release: () => org.send(new DeletePolicyCommand({ PolicyId: policyId })).then(() => undefined),
      };
    } catch (err) {
      if ((err as { name?: string }).name !== 'DuplicatePolicyException') throw err;
      if (Date.now() >= deadline) throw new LockHeldError((await readLock(org))?.holder);
      await sleep(Math.min(options.pollMs ?? 2_000, Math.max(0, deadline - Date.now())));
    }
  }
}

/** Removes a lock left by an apply that died. */
export async function breakLock(org: OrganizationsClient): Promise<LockHolder | undefined | null> {
  const current = await readLock(org);
  if (!current) return null;
  await org.send(new DeletePolicyCommand({ PolicyId: current.policyId }));
  return current.holder;
}
