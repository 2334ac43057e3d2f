import { BulkheadError } from '../core/errors.js';
import { emit, say, type IoHost } from '../core/events.js';
import { stateFingerprint } from '../plan/fingerprint.js';
import { acquireLock, LockHeldError } from '../providers/aws/lock.js';
import { applyMarkOf, readApplyMark } from '../providers/aws/apply-mark.js';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { Connection } from './connect.js';
import { refresh } from './refresh.js';
import { silentIoHost } from '../core/events.js';
import type { ObservedState } from '../model/observed.js';
import type { Change } from '../plan/types.js';

/** What the apply lock checks the organization against, once it holds the lock. */
export interface PlannedState {
  /** The fingerprint of the state the plan was made from. */
  fingerprint: string;
  /**
   * The changes the state now still needs, when they are all in the confirmed plan (operations that
   * were in flight, such as assignments an interrupted apply left running, may have finished since the
   * refresh); undefined when the state now asks for anything the plan did not.
   */
  narrowed(now: ObservedState): readonly Change[] | undefined;
  /** The state the plan was made from: its root and apply mark, and whether anything in it was still running. */
  observed: ObservedState;
}

export interface ApplyLock {
  release(): Promise<void>;
  /** False once a release has failed for good. */
  released: boolean;
  /** Set when the state moved on within the plan: the changes to carry out instead of the plan's. */
  changes?: readonly Change[];
}

/**
 * Takes the organization's apply lock (a second apply fails fast, or waits `lockTimeoutMs`), then,
 * when the plan was made from a refresh, checks nothing changed in between: an apply that planned
 * while another one ran must not carry out a plan made from a state that is gone.
 */
export async function takeApplyLock(
  connection: Connection,
  io: IoHost,
  options: { lockTimeoutMs?: number; holder?: string },
  planned: PlannedState | undefined,
): Promise<ApplyLock> {
  const org = connection.clients.organizations;
  const rootId = planned?.observed.organization[0]?.root.id;
  let held;
  try {
    held = await acquireLock(org, {
      timeoutMs: options.lockTimeoutMs ?? 0,
      ...(options.holder ? { holder: options.holder } : {}),
      ...(rootId ? { rootId } : {}),
    });
  } catch (err) {
    if (err instanceof LockHeldError) {
      throw new BulkheadError('locked', err.message, {
        hint: 'wait for that apply to finish (or pass --lock-timeout SECONDS); if it died, run `bulkhead unlock`',
      });
    }
    throw err;
  }
  say(io, 'apply.lock', `took the apply lock (${held.holder.holder})`);
  const lock: ApplyLock = {
    released: false,
    async release() {
      const outcome = await held.release();
      if (outcome.status === 'released') {
        lock.released = true;
        say(io, 'apply.lock', 'released the apply lock');
      } else if (outcome.status === 'lost') {
        lock.released = true;
        const now = outcome.current ? `; it is now held by ${outcome.current.holder}` : '';
        say(io, 'apply.lock', `the apply lock was broken while this apply ran${now}; left alone`);
      } else {
        const { message, hint } = outcome.error;
        emit(io, { type: 'info', code: 'apply.lock-release-failed', message, data: { hint } });
      }
    },
  };
  if (planned !== undefined && !(await unchangedSince(org, planned, held.waited))) {
    const state = await refresh(connection, silentIoHost);
    const narrowed = stateFingerprint(state) === planned.fingerprint ? undefined : planned.narrowed(state);
    if (narrowed !== undefined) {
      lock.changes = narrowed;
      say(
        io,
        'apply.lock',
        `the organization moved on since the refresh, within the plan (operations in flight finished): ${narrowed.length} of its changes are still needed`,
      );
    } else if (stateFingerprint(state) !== planned.fingerprint) {
      await lock.release();
      throw new BulkheadError('plan-stale', 'the organization changed between the refresh and taking the apply lock', {
        hint: 'another change landed meanwhile: run apply again to plan from what is there now',
      });
    }
  }
  return lock;
}

/**
 * Whether the organization is still the one the plan was made from, without reading it all again: the lock was
 * free at the first try, nothing was running when it was read (a CreateAccount or assignment could have finished
 * since), and the apply mark (apply-mark.ts, read before the rest of the refresh) has not moved, so no apply let the
 * lock go in between. Anything else, or a failed read, is answered by a full refresh.
 */
async function unchangedSince(org: OrganizationsClient, planned: PlannedState, waited: boolean): Promise<boolean> {
  const { observed } = planned;
  const rootId = observed.organization[0]?.root.id;
  const running = observed.pending.createAccount.length + observed.pending.assignments.length;
  if (waited || rootId === undefined || running > 0) return false;
  const mark = await readApplyMark(org, rootId).catch(() => null);
  return mark !== null && mark === applyMarkOf(observed);
}
