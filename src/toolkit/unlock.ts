import {
  breakLockPolicy,
  lockHolderState,
  readLock,
  type BreakOutcome,
  type LockHolder,
  type LockHolderState,
} from '../providers/aws/lock.js';
import type { Connection } from './connect.js';

export type { BreakOutcome, LockHolder, LockHolderState };

export type LockInspection =
  { locked: false } | { locked: true; policyId: string; holder: LockHolder | undefined; state: LockHolderState };

/** The apply lock and whether its holder still runs. An account without an organization has none. */
export async function inspectLock(connection: Connection): Promise<LockInspection> {
  try {
    const lock = await readLock(connection.clients.organizations);
    if (!lock) return { locked: false };
    return { locked: true, policyId: lock.policyId, holder: lock.holder, state: lockHolderState(lock.holder) };
  } catch (err) {
    if ((err as { name?: string }).name === 'AWSOrganizationsNotInUseException') return { locked: false };
    throw err;
  }
}

/**
 * What `unlock` may do with a lock: break a lock whose holder is gone from this host once the
 * user agrees; anything that may still run (here, elsewhere, or nobody can tell) only by force.
 */
export function unlockPolicy(state: LockHolderState, options: { force?: boolean }): 'ask' | 'break' | 'refuse' {
  if (options.force) return 'break';
  return state === 'dead-here' ? 'ask' : 'refuse';
}

/** Breaks the lock `inspectLock` found, unless it has changed since. */
export async function breakInspectedLock(connection: Connection, policyId: string): Promise<BreakOutcome> {
  return breakLockPolicy(connection.clients.organizations, policyId);
}
