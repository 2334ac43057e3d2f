import { randomUUID } from 'node:crypto';
import {
  CreatePolicyCommand,
  DeletePolicyCommand,
  ListPoliciesCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  defaultCommand,
  defaultHolder,
  describeProcess,
  encodeHolder,
  parseHolder,
  type LockHolder,
  type ProcessIdentity,
} from './lock-holder.js';
import { FINAL_MARK, releaseLockPolicy, type ReleaseOptions, type ReleaseOutcome } from './lock-release.js';
import { ApplyMarkError, rootIdOf, writeApplyMark } from './apply-mark.js';
import { allPages } from './paginate.js';

export {
  defaultHolder,
  describeProcess,
  lockHolderState,
  type LockHolder,
  type LockHolderState,
  type ProcessIdentity,
} from './lock-holder.js';
export { LockReleaseError, type ReleaseOptions, type ReleaseOutcome } from './lock-release.js';

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

export interface HeldLock {
  policyId: string;
  holder: LockHolder;
  /** True when another apply held the lock at first and this one waited for it. */
  waited: boolean;
  /**
   * Rewrites the apply mark (apply-mark.ts), then deletes the lock if it is still ours, retrying with
   * backoff. Never rejects for AWS failures: check the outcome (`failed` carries a LockReleaseError
   * with the recovery hint). Calling it
   * again returns the first call's outcome.
   */
  release(options?: ReleaseOptions): Promise<ReleaseOutcome>;
}

export interface AcquireOptions {
  /** The line people read; default "user@host (pid N)". */
  holder?: string;
  /** What is being run, for `bulkhead unlock`; default `bulkhead` and this process's arguments. */
  command?: string;
  /** The process the lock is taken for; default this one (tests describe others). */
  process?: ProcessIdentity;
  /** Wait this long for a held lock before giving up; default 0 (fail at once). */
  timeoutMs?: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Defaults for `release()`. */
  release?: ReleaseOptions;
  /** The root the apply mark goes on at release; asked for then when not given. */
  rootId?: string;
}

export class LockHeldError extends Error {
  constructor(readonly current: LockHolder | undefined) {
    super(
      current
        ? `the organization is locked by ${current.holder} since ${current.since}${current.command ? ` (running \`${current.command}\`)` : ''}`
        : 'the organization is locked by another apply',
    );
    this.name = 'LockHeldError';
  }
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
  return { policyId: lock.Id!, holder: parseHolder(lock.Description) };
}

function newHolder(options: AcquireOptions): LockHolder {
  const proc = options.process ?? describeProcess(process.pid);
  return {
    holder: options.holder ?? defaultHolder(proc),
    since: new Date().toISOString(),
    token: randomUUID(),
    host: proc.host,
    pid: proc.pid,
    ...(proc.startedAt ? { startedAt: proc.startedAt } : {}),
    ...(proc.processStart ? { processStart: proc.processStart } : {}),
    command: options.command ?? defaultCommand(),
  };
}

/** Takes the lock or throws LockHeldError; with a timeout, waits for it first. */
export async function acquireLock(org: OrganizationsClient, options: AcquireOptions = {}): Promise<HeldLock> {
  const holder = newHolder(options);
  const deadline = Date.now() + (options.timeoutMs ?? 0);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let waited = false; ; waited = true) {
    try {
      const r = await org.send(
        new CreatePolicyCommand({
          Name: LOCK_POLICY_NAME,
          Type: 'SERVICE_CONTROL_POLICY',
          Description: encodeHolder(holder),
          Content: LOCK_CONTENT,
        }),
      );
      const policyId = r.Policy!.PolicySummary!.Id!;
      let released: Promise<ReleaseOutcome> | undefined;
      // Written once, its root asked for once: a release that retries (throttling) does not redo what got through.
      let rootId = options.rootId;
      let marked: Promise<void> | undefined;
      const write = async (signal: { abortSignal?: AbortSignal }) => {
        rootId ??= await rootIdOf(org, signal);
        await writeApplyMark(org, holder.token, rootId, signal);
      };
      const mark = (signal: { abortSignal?: AbortSignal }) =>
        (marked ??= write(signal).catch((err: unknown) => {
          marked = undefined;
          throw err;
        }));
      return {
        policyId,
        holder,
        waited,
        release: (releaseOptions) =>
          (released ??= releaseLockPolicy(org, { policyId, holder }, async () => (await readLock(org))?.holder, {
            ...options.release,
            ...releaseOptions,
            mark,
          })),
      };
    } catch (err) {
      if ((err as { name?: string }).name !== 'DuplicatePolicyException') throw err;
      if (Date.now() >= deadline) throw new LockHeldError((await readLock(org))?.holder);
      await sleep(Math.min(options.pollMs ?? 2_000, Math.max(0, deadline - Date.now())));
    }
  }
}

export type BreakOutcome =
  /** `unmarked`: AWS refused the apply mark for good (why); the lock was broken all the same. */
  | { status: 'broken'; holder: LockHolder | undefined; unmarked?: string }
  | { status: 'not-locked' }
  /** The lock is no longer the one the caller looked at (released and perhaps taken again). */
  | { status: 'changed'; current: LockHolder | undefined };

/**
 * Removes the lock policy `policyId`, if it is still the current lock: what `bulkhead unlock`
 * showed the user is what it breaks, never a lock another apply took in between.
 */
export async function breakLockPolicy(org: OrganizationsClient, policyId: string): Promise<BreakOutcome> {
  const current = await readLock(org);
  if (!current) return { status: 'not-locked' };
  if (current.policyId !== policyId) return { status: 'changed', current: current.holder };
  const unmarked = await markUnlocked(org, current.holder?.token ?? policyId);
  try {
    await org.send(new DeletePolicyCommand({ PolicyId: policyId }));
  } catch (err) {
    if ((err as { name?: string }).name !== 'PolicyNotFoundException') throw err;
    return { status: 'not-locked' };
  }
  return { status: 'broken', holder: current.holder, ...(unmarked ? { unmarked } : {}) };
}

/**
 * Whatever a lock's holder changed, it never rewrote the apply mark: unlock does, so that an apply which read the
 * organization while the holder still ran reads it again. A mark AWS refuses for good (no TagResource on the root,
 * its 50 tags) does not keep a dead holder's lock in place: the lock is broken, and the refusal is returned.
 */
async function markUnlocked(org: OrganizationsClient, token: string): Promise<string | undefined> {
  try {
    await writeApplyMark(org, `unlocked ${token}`, await rootIdOf(org));
    return undefined;
  } catch (err) {
    if (err instanceof ApplyMarkError && FINAL_MARK.has(err.name)) return err.message;
    throw err;
  }
}

/** Removes whatever lock there is (a lock left by an apply that died). */
export async function breakLock(org: OrganizationsClient): Promise<LockHolder | undefined | null> {
  const current = await readLock(org);
  if (!current) return null;
  await markUnlocked(org, current.holder?.token ?? current.policyId);
  await org.send(new DeletePolicyCommand({ PolicyId: current.policyId }));
  return current.holder;
}
