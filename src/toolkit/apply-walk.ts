import { walk, type LaneLease, type WalkNode } from '../apply/walker.js';
import { awaitsOf } from './apply-awaits.js';
import { formatDelay } from '../core/delay.js';
import { emit, type ChangeEventData, type ChangeState, type IoHost } from '../core/events.js';
import { addressText } from '../model/kinds.js';
import type { Ref } from '../model/payloads.js';
import type { Change } from '../plan/types.js';
import { ChangeFailedError } from '../providers/aws/organizations/common.js';
import type { ApplyContext, KindProvider } from '../providers/aws/provider.js';
import type { AwsClients } from '../providers/aws/clients.js';
import { loadProviders, providerOf as loadedProvider } from '../providers/aws/registry.js';
import { RateLimiter } from '../providers/aws/rate-limiter.js';
import { Durations } from '../providers/aws/durations.js';
import {
  ASSIGNMENT_LANE,
  ASSIGNMENT_OPERATIONS_OUTSTANDING,
  COST_EXPLORER_LANE,
  STATUS_BATCH,
} from '../providers/aws/lanes.js';
import type { Connection } from './connect.js';

export interface WalkSettings {
  /** AWS allows 5 CreateAccount requests in flight. */
  createAccountConcurrency?: number;
  concurrency?: number;
  pollDelayMs?: (attempt: number, elapsedMs: number, typicalMs?: number, phase?: number) => number;
  /** Status polls per second, shared by every asynchronous change in flight (default 50). */
  pollsPerSecond?: number;
  /** Attempts of a change that fails with an error its provider calls retryable. */
  maxAttempts?: number;
}

export interface WalkOutcome {
  done: string[];
  failed: { id: string; label: string; code: string; message: string }[];
  skipped: { id: string; because: string }[];
  notStarted: string[];
}

/**
 * Waits a thirtieth of the time an operation has taken so far (at least 100 ms, at most 5 s): it is
 * noticed at most ~3% after it finishes (1.5% on average), whether it takes a second (the local cloud)
 * or minutes (AWS CreateAccount), in about 140 polls for two minutes. A tenth (10%) kept a hundred
 * accounts created five at a time 10% over AWS's bound of ⌈N/5⌉ creation times: each of AWS's five
 * slots stays idle until its creation is noticed. All polls share the apply's poll rate.
 *
 * The polls fall on a fixed grid of the elapsed time (`nextOnGrid`), shifted by `phase`: operations
 * started together with phases 0, 0.2, … 0.8 keep polling one after another, evenly spread, however
 * long each poll takes or waits for the poll rate. (Waiting an interval after each answer instead let
 * their polls drift into pairs with gaps of half an interval between them.)
 *
 * When this apply has already seen such an operation end (`typicalMs`: how long the earlier ones took
 * at least), one poll falls at that time and a few follow close after it (every 25 ms, or an eighth
 * of a tenth of it, for a tenth of it), since the next ones tend to take as long: the second and
 * later rounds of five creations are noticed within tens of milliseconds, not a hundred. Until a
 * tenth before that time, only every third point of the grid is polled.
 */
export function defaultPollDelayMs(attempt: number, elapsedMs: number, typicalMs?: number, phase = 0): number {
  const regular = nextOnGrid(elapsedMs, phase, attempt === 1);
  if (typicalMs === undefined) return Math.round(regular - elapsedMs);
  const window = Math.max(200, typicalMs / 10);
  const step = Math.max(25, Math.round(window / 8));
  const first = typicalMs + phase * step;
  // Well before the typical time every third point is enough: the earlier ones took that long, this one likely
  // does too (one that ends that early is still noticed within three intervals, ~10% of its time).
  const early = elapsedMs < first - window;
  const next = early ? nextOnGrid(elapsedMs + 2 * pollInterval(elapsedMs), phase) : regular;
  if (elapsedMs < first) return Math.max(1, Math.ceil(Math.min(next, first) - elapsedMs));
  if (elapsedMs < typicalMs + window) {
    const k = Math.floor((elapsedMs - first) / step) + 1;
    return Math.max(1, Math.round(first + k * step - elapsedMs));
  }
  return Math.round(regular - elapsedMs);
}

const LINEAR_UNTIL_MS = 3_000; // a thirtieth of it is the 100 ms floor
const CAPPED_FROM_MS = 150_000; // a thirtieth of it is the 5 s ceiling
const RATIO = 31 / 30;
const LINEAR_POINTS = LINEAR_UNTIL_MS / 100;
const PROPORTIONAL_POINTS = Math.log(CAPPED_FROM_MS / LINEAR_UNTIL_MS) / Math.log(RATIO);

/** The grid's interval at `elapsedMs`: a thirtieth of it, at least 100 ms, at most 5 s. */
const pollInterval = (elapsedMs: number) => Math.min(5_000, Math.max(100, elapsedMs / 30));

/** The k-th point of the poll grid shifted by `phase` (0 ≤ phase < 1); increasing in k. */
function gridPoint(k: number, phase: number): number {
  if (k < LINEAR_POINTS) return 100 * (k + phase);
  const j = k - LINEAR_POINTS;
  const capped = Math.ceil(PROPORTIONAL_POINTS - phase); // the first proportional point at or over 150 s
  if (j < capped) return LINEAR_UNTIL_MS * RATIO ** (j + phase);
  return LINEAR_UNTIL_MS * RATIO ** (capped + phase) + 5_000 * (j - capped);
}

/**
 * The poll grid: every 100 ms up to 3 s, then each point a thirtieth after the one before up to 150 s, then
 * every 5 s; each point shifted by `phase` of its interval. Returns the first point at least a quarter of an
 * interval after `elapsedMs` (a late poll skips a point rather than polling twice in a row); the first poll of
 * all comes no sooner than one interval.
 */
export function nextOnGrid(elapsedMs: number, phase: number, firstPoll = false): number {
  const earliest = firstPoll ? 100 : elapsedMs + pollInterval(elapsedMs) / 4;
  let k = firstIndexNear(earliest);
  while (gridPoint(k, phase) < earliest) k++;
  while (k > 0 && gridPoint(k - 1, phase) >= earliest) k--;
  return gridPoint(k, phase);
}

/** A grid index within a step or two of the first point at or after `ms`. */
function firstIndexNear(ms: number): number {
  if (ms < LINEAR_UNTIL_MS) return Math.max(0, Math.floor(ms / 100) - 1);
  if (ms < CAPPED_FROM_MS)
    return LINEAR_POINTS + Math.max(0, Math.floor(Math.log(ms / LINEAR_UNTIL_MS) / Math.log(RATIO)) - 1);
  return LINEAR_POINTS + Math.floor(PROPORTIONAL_POINTS) + Math.max(0, Math.floor((ms - CAPPED_FROM_MS) / 5_000) - 1);
}

export function describeError(err: unknown): { code: string; message: string } {
  if (err instanceof CancelledError) return { code: 'Cancelled', message: err.message };
  if (err instanceof ChangeFailedError) return { code: err.awsCode, message: err.message };
  const e = err as { name?: string; message?: string; Reason?: string };
  return { code: e.name ?? 'Error', message: `${e.message ?? String(err)}${e.Reason ? ` (${e.Reason})` : ''}` };
}

/** A change left while it waited on AWS (polling), because the apply was cancelled. */
export class CancelledError extends Error {
  constructor(message = 'cancelled while waiting on AWS; the request goes on there, and the next apply resumes it') {
    super(message);
    this.name = 'CancelledError';
  }
}

const providerOf = (c: Change) => loadedProvider(c.kind) as unknown as KindProvider<Change['kind']>;

function cancellableSleep(signal: AbortSignal): (ms: number, wake?: Promise<void>) => Promise<void> {
  return (ms, wake) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const timer = setTimeout(done, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      void wake?.then(done);
    });
}

/**
 * Walks the changes as a dependency graph with each kind's provider. Physical ids a change
 * produces are recorded by address for the changes that wait on them (`outputs`).
 */
export async function walkChanges(
  changes: readonly Change[],
  connection: Connection,
  io: IoHost,
  signal: AbortSignal,
  settings: WalkSettings,
  outputs: Map<string, string>,
): Promise<WalkOutcome> {
  await loadProviders(changes.map((c) => c.kind));
  const byId = new Map(changes.map((c) => [c.id, c]));
  const started = new Map<string, number>();
  const attempts = new Map<string, number>();
  const report = (c: Change, state: ChangeState, extra: Partial<ChangeEventData> = {}) => {
    const data: ChangeEventData = {
      changeId: c.id,
      address: { kind: c.kind, key: c.key },
      action: c.action,
      label: c.label,
      state,
      attempt: attempts.get(c.id) ?? 0,
      elapsedMs: started.has(c.id) ? Date.now() - started.get(c.id)! : 0,
      ...extra,
    };
    emit(io, { type: 'change', code: 'apply.change', data });
  };
  const resolve = (ref: Ref): string => {
    const id = ref.id ?? outputs.get(addressText(ref.address));
    if (!id) throw new Error(`no physical id for ${addressText(ref.address)}: its change has not run`);
    return id;
  };
  const awaitRef = awaitsOf(changes, resolve, signal);
  const onAbort = () => {
    const message = 'cancelling: nothing new starts; requests in flight finish, then the lock is released';
    emit(io, { type: 'info', code: 'apply.cancelling', message });
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const polls = new RateLimiter(settings.pollsPerSecond ?? 50);
  const durations = new Durations();
  const sleep = cancellableSleep(signal);
  // Each change sends through its own view of the clients, so the SDK's retries of its requests name it.
  const views = new Map<string, AwsClients>();
  const clientsFor = (c: Change) => {
    let view = views.get(c.id);
    if (view === undefined) views.set(c.id, (view = connection.clients.forChange(c.id)));
    return view;
  };
  const contextFor = (c: Change, lease: LaneLease): ApplyContext => ({
    clients: clientsFor(c),
    resolve,
    awaitRef: (ref) => awaitRef.wait(c, ref),
    progress: (detail) => report(c, 'running', { detail }),
    sleep,
    pollDelayMs: settings.pollDelayMs ?? defaultPollDelayMs,
    pollSlot: () => polls.take(),
    releaseLane: () => lease.release(),
    durations,
    signal,
  });
  // Requests an interrupted run left running go first: they hold AWS's five CreateAccount slots.
  const resumes = (c: Change) =>
    (c.kind === 'account' || c.kind === 'account-assignment') &&
    'pendingRequestId' in c.payload &&
    c.payload.pendingRequestId
      ? 0
      : 1;
  // The SDK's own retries (throttling, 5xx) are shown against the change whose request they repeat.
  const unsubscribe = connection.clients.onRetry((notice) => {
    const change = byId.get(notice.change ?? '');
    if (!change) return;
    const detail = `${notice.command}: ${notice.code}, retrying in ${formatDelay(notice.delayMs)}`;
    report(change, 'retrying', { detail, retryInMs: notice.delayMs });
  });
  const nodes: WalkNode<Change>[] = [...changes]
    .sort((a, b) => resumes(a) - resumes(b))
    .map((c) => ({ id: c.id, dependsOn: c.dependsOn, lane: providerOf(c).lane(c), item: c }));
  const result = await walk(nodes, {
    concurrency: {
      'create-account': settings.createAccountConcurrency ?? 5,
      organizations: settings.concurrency ?? 4,
      // Each assignment change holds its slot until its operation ends: never more outstanding than AWS allows.
      [ASSIGNMENT_LANE]: ASSIGNMENT_OPERATIONS_OUTSTANDING,
      // Cost-allocation tag changes that start together share one UpdateCostAllocationTagsStatus call.
      [COST_EXPLORER_LANE]: STATUS_BATCH,
    },
    maxAttempts: settings.maxAttempts ?? 5,
    isRetryable: (error, node) => providerOf(node.item).isRetryable(error),
    signal,
    sleep,
    execute: async (node, lease) => {
      const run = () => providerOf(node.item).apply(node.item, contextFor(node.item, lease));
      const outcome = await run().catch((err: unknown) => {
        throw signal.aborted && err === signal.reason ? new CancelledError() : err;
      });
      if (outcome.physicalId)
        outputs.set(addressText({ kind: node.item.kind, key: node.item.key }), outcome.physicalId);
    },
    onEvent: (e) => {
      const c = byId.get(e.id)!;
      awaitRef.observe(e);
      if (e.type === 'start') {
        attempts.set(e.id, e.attempt);
        if (e.attempt === 1) started.set(e.id, Date.now());
        report(c, 'start');
      } else if (e.type === 'retry') {
        const { code } = describeError(e.error);
        report(c, 'retrying', { detail: `${code}, retrying in ${formatDelay(e.delayMs)}`, retryInMs: e.delayMs });
      } else if (e.type === 'done') report(c, 'done');
      else if (e.type === 'failed') report(c, 'failed', { error: describeError(e.error) });
      else if (e.type === 'skipped') report(c, 'skipped', { detail: `skipped: ${e.because}` });
    },
  });
  unsubscribe();
  signal.removeEventListener('abort', onAbort);
  for (const id of result.notStarted) report(byId.get(id)!, 'not-started');
  return {
    done: result.done,
    failed: result.failed.map((f) => ({ id: f.id, label: byId.get(f.id)!.label, ...describeError(f.error) })),
    skipped: result.skipped,
    notStarted: result.notStarted,
  };
}
