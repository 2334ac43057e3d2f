import { DeletePolicyCommand, DescribePolicyCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { BulkheadError } from '../../core/errors.js';
import { ApplyMarkError } from './apply-mark.js';
import { parseHolder, type LockHolder } from './lock-holder.js';

export interface ReleaseOptions {
  /** Tries in all (each one re-reads the lock, then deletes it); default 5. */
  attempts?: number;
  /** Gives up this long after the first try, requests in flight included; default 30 s. */
  deadlineMs?: number;
  /** The first pause between tries, doubled each time up to 5 s; default 250 ms. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Written on every try before the lock is deleted (the apply mark): a lock is never let go before it lands, so
   * an apply that took the lock next can tell that this one changed the organization.
   */
  mark?: (signal: { abortSignal: AbortSignal }) => Promise<void>;
}

/**
 * How a release ended. `lost`: the lock was no longer ours when we came to release it (someone
 * ran `bulkhead unlock`, and perhaps another apply took it since: `current` says who), so it was
 * left alone. `failed`: it could not be released; the organization stays locked.
 */
export type ReleaseOutcome =
  | { status: 'released'; attempts: number }
  | { status: 'lost'; attempts: number; current: LockHolder | undefined }
  | { status: 'failed'; attempts: number; error: LockReleaseError };

/** The lock stays in place: say so, and how to recover. */
export class LockReleaseError extends BulkheadError {
  constructor(
    readonly policyId: string,
    readonly holder: LockHolder,
    readonly attempts: number,
    cause: unknown,
  ) {
    const why = (cause as { message?: string } | undefined)?.message ?? String(cause);
    const unmarked = cause instanceof ApplyMarkError && FINAL_MARK.has(cause.name);
    super(
      'lock-release-failed',
      `could not release the apply lock (policy ${policyId}, held by ${holder.holder}) after ${attempts} ${attempts === 1 ? 'try' : 'tries'}: ${why}`,
      {
        source: 'aws',
        cause,
        hint: unmarked
          ? 'the organization stays locked: an apply lets the lock go only once the tag bulkhead:last-apply on the ' +
            'root says it changed the organization, so that an apply planned meanwhile reads it again. Allow ' +
            'organizations:TagResource on the root (AWS allows 50 tags on it), then run `bulkhead unlock`'
          : 'the organization stays locked, and the next apply will refuse to start: once the endpoint answers ' +
            'again, run `bulkhead unlock` with the same target flags (it shows the holder and breaks the lock ' +
            'once this process is gone)',
      },
    );
  }
}

const name = (err: unknown): string | undefined => (err as { name?: string } | undefined)?.name;

/** Errors no retry can fix. */
const FINAL = new Set(['AccessDeniedException', 'InvalidInputException', 'UnsupportedAPIEndpointException']);
/** …and those by which AWS refuses the mark's tag on the root for good (MAX_TAG_LIMIT_EXCEEDED, a tag policy). */
export const FINAL_MARK = new Set([
  ...FINAL,
  'ConstraintViolationException',
  'TargetNotFoundException',
  'AWSOrganizationsNotInUseException',
]);

/**
 * Deletes the lock policy, but only while its description still carries our token, retrying
 * transient failures (throttling, 5xx, a lost endpoint) with backoff until `attempts` or the
 * deadline run out. Never throws for AWS failures: the outcome says what happened.
 */
export async function releaseLockPolicy(
  org: OrganizationsClient,
  lock: { policyId: string; holder: LockHolder },
  readCurrent: () => Promise<LockHolder | undefined>,
  options: ReleaseOptions = {},
): Promise<ReleaseOutcome> {
  const attempts = Math.max(1, options.attempts ?? 5);
  const deadline = Date.now() + (options.deadlineMs ?? 30_000);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), Math.max(0, deadline - Date.now()));
  timer.unref();
  // The SDK sees the signal only when a request starts; the race also ends a wait inside its own retries.
  const aborted = new Promise<never>((_, reject) =>
    abort.signal.addEventListener('abort', () => reject(new Error('deadline passed')), { once: true }),
  );
  aborted.catch(() => undefined);
  const signal = { abortSignal: abort.signal };
  const bounded = <T>(request: Promise<T>): Promise<T> => Promise.race([request, aborted]);
  let lastError: unknown;
  let tries = 0;
  try {
    for (let delay = options.baseDelayMs ?? 250; tries < attempts; delay = Math.min(delay * 2, 5_000)) {
      tries++;
      try {
        const [described] = await Promise.all([
          bounded(org.send(new DescribePolicyCommand({ PolicyId: lock.policyId }), signal)).catch((e: unknown) => {
            if (name(e) === 'PolicyNotFoundException') return undefined;
            throw e;
          }),
          // Also when the lock turns out lost: what this apply changed happened all the same.
          options.mark && bounded(options.mark(signal)),
        ]);
        const current = parseHolder(described?.Policy?.PolicySummary?.Description);
        if (described === undefined || current?.token !== lock.holder.token) {
          // Not ours any more; who holds the organization now is for the report only.
          const now = await bounded(readCurrent()).catch(() => undefined);
          return { status: 'lost', attempts: tries, current: now };
        }
        try {
          await bounded(org.send(new DeletePolicyCommand({ PolicyId: lock.policyId }), signal));
        } catch (e) {
          // Gone between the read and the delete, or a retry of a delete whose answer was lost: released either way.
          if (name(e) !== 'PolicyNotFoundException') throw e;
        }
        return { status: 'released', attempts: tries };
      } catch (err) {
        lastError = err;
        const final = err instanceof ApplyMarkError ? FINAL_MARK : FINAL;
        if (final.has(name(err) ?? '') || abort.signal.aborted) break;
        const pause = Math.min(delay, deadline - Date.now());
        if (tries >= attempts || pause <= 0) break;
        await sleep(pause);
      }
    }
  } finally {
    clearTimeout(timer);
  }
  const limitMs = options.deadlineMs ?? 30_000;
  const limit = limitMs < 1000 ? `${limitMs} ms` : `${Math.round(limitMs / 1000)} s`;
  const cause = abort.signal.aborted ? new Error(`no answer within ${limit}`, { cause: lastError }) : lastError;
  return { status: 'failed', attempts: tries, error: new LockReleaseError(lock.policyId, lock.holder, tries, cause) };
}
