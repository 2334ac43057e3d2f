import { BulkheadError } from '../core/errors.js';
import type { IoHost } from '../core/events.js';
import { acquireLock, breakLock, LockHeldError, readLock, type LockHolder } from '../providers/aws/lock.js';
import { apply, type ApplyOptions, type ApplyResult } from './apply.js';
import type { Connection } from './connect.js';

function isNoOrganization(err: unknown): boolean {
  return (err as { name?: string }).name === 'AWSOrganizationsNotInUseException';
}

/**
 * Runs an apply while holding the organization's apply lock; a second apply fails fast, or waits up
 * to `lockTimeoutMs`. Before the organization exists there is nothing to hold the lock in: the
 * first apply runs unlocked.
 */
export async function applyWithLock(
  options: ApplyOptions & { lockTimeoutMs?: number; holder?: string },
): Promise<ApplyResult> {
  const org = options.connection.clients.organizations;
  let lock;
  try {
    lock = await acquireLock(org, {
      timeoutMs: options.lockTimeoutMs ?? 0,
      ...(options.holder ? { holder: options.holder } : {}),
    });
  } catch (err) {
    if (err instanceof LockHeldError) {
      throw new BulkheadError('locked', err.message, {
        hint: 'wait for that apply to finish (or pass --lock-timeout SECONDS); if it died, run `bulkhead unlock`',
      });
    }
    if (!isNoOrganization(err)) throw err;
    options.io.notify({ type: 'info', message: 'no organization yet: this first apply runs without the apply lock' });
  }
  try {
    return await apply(options);
  } finally {
    await lock?.release();
  }
}

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
    io.notify({
      type: 'info',
      message: `removed the apply lock${holder ? ` held by ${holder.holder} since ${holder.since}` : ''}`,
    });
  return holder;
}
