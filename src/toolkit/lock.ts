import { say, type IoHost } from '../core/events.js';
import { breakLock, readLock, type LockHolder } from '../providers/aws/lock.js';
import { apply, type ApplyOptions, type ApplyResult } from './apply.js';
import type { Connection } from './connect.js';

function isNoOrganization(err: unknown): boolean {
  return (err as { name?: string }).name === 'AWSOrganizationsNotInUseException';
}

/** apply() takes the lock itself; kept for library callers of earlier versions. */
export const applyWithLock = (options: ApplyOptions): Promise<ApplyResult> => apply(options);

export async function currentLock(connection: Connection): Promise<LockHolder | undefined | null> {
  try {
    const lock = await readLock(connection.clients.organizations);
    return lock ? (lock.holder ?? undefined) : null;
  } catch (err) {
    if (isNoOrganization(err)) return null;
    throw err;
  }
}

/** Breaks a stale lock. Returns who held it, or null when there was none. */
export async function unlock(connection: Connection, io: IoHost): Promise<LockHolder | undefined | null> {
  const holder = await breakLock(connection.clients.organizations);
  if (holder !== null)
    say(io, 'apply.lock', `removed the apply lock${holder ? ` held by ${holder.holder} since ${holder.since}` : ''}`);
  return holder;
}
