import type { IoHost } from '../../core/events.js';
import type { Kind } from '../../model/kinds.js';
import type { ObservedState } from '../../model/observed.js';
import type { Ref } from '../../model/payloads.js';
import type { KindChange } from '../../plan/types.js';
import type { AwsClients } from './clients.js';
import type { Durations } from './durations.js';

/** What a provider may use while it carries out one change. */
export interface ApplyContext {
  clients: AwsClients;
  /** The physical id behind a ref: known at plan time, or produced earlier in this apply. */
  resolve(ref: Ref): string;
  /**
   * The physical id behind a ref whose change is one of this change's `awaits`: waits until that
   * change is done. Rejects with a ChangeFailedError when it fails or is skipped, and with the
   * signal's reason when the apply is cancelled.
   */
  awaitRef(ref: Ref): Promise<string>;
  /** Reports progress of a long step (CreateAccount polling). */
  progress(message: string): void;
  /** Waits, or less once `wake` settles; rejects with the signal's reason when the apply is cancelled. */
  sleep(ms: number, wake?: Promise<void>): Promise<void>;
  /**
   * Delay before the n-th poll of an asynchronous operation, `elapsedMs` after it started;
   * `typicalMs` is how long such operations took in this apply (`durations`), when known; `phase` (0 to 1) is how
   * far into the interval this operation's polls fall among those waited for at once (`durations.join`).
   */
  pollDelayMs(attempt: number, elapsedMs: number, typicalMs?: number, phase?: number): number;
  /** How long asynchronous operations took in this apply, shared by every change. */
  durations: Durations;
  /**
   * Gives this change's slot in its lane back before the change ends: its lane-bound part is over (a CreateAccount
   * has ended; only the move into its OU is left), so the next one can start meanwhile.
   */
  releaseLane(): void;
  /** Resolves when a status poll may go out: polls of all changes in flight share one rate. */
  pollSlot(): Promise<void>;
  /** Aborted when the user cancels: polling stops waiting, nothing new is sent. */
  signal: AbortSignal;
}

/** What a change produced: the physical id of what it created, for the changes that wait on it. */
export interface ApplyOutcome {
  physicalId?: string;
}

/** The AWS side of one kind: how to carry out its changes. */
export interface KindProvider<K extends Kind = Kind> {
  kind: K;
  /** The concurrency lane of a change (AWS bounds some operations separately). */
  lane(change: KindChange<K>): string;
  apply(change: KindChange<K>, ctx: ApplyContext): Promise<ApplyOutcome>;
  /** Errors worth another attempt of the whole change (after the SDK's own retries). */
  isRetryable(error: unknown): boolean;
}

/** The trail bucket to read: its name, the email of the account that should own it, its region. */
export interface TrailBucketLookup {
  name: string;
  accountEmail: string;
  region: string;
}

/** What `quotas:` asks Service Quotas for: each code once, each quota per account (by email) and region. */
export interface QuotaLookup {
  codes: { serviceCode: string; quotaCode: string }[];
  accounts: { accountEmail: string; serviceCode: string; quotaCode: string; region: string }[];
}

/** What a reader that runs after the others gets: what they read, and what the spec points it at. */
export interface ReadContext {
  prior?: ObservedState;
  /** The spec has a trail: read the organization trail, and this bucket. */
  trailBucket?: TrailBucketLookup;
  /** The spec needs trusted access for some service principals. */
  serviceAccess?: boolean;
  /** The spec has `quotas:`: read these quotas, and the quota request template. */
  quotas?: QuotaLookup;
  /** The spec manages cost-allocation tags (`costAllocationTags:`): read Cost Explorer's. */
  costAllocationTags?: boolean;
  /** The spec has `budgets:`: read the management account's budgets. */
  budgets?: boolean;
}

/** Reads the kinds one service serves with one set of calls. */
export interface ServiceReader {
  service: string;
  kinds: readonly Kind[];
  /** Runs once the other readers are done, and gets their state (the trail bucket needs the accounts' ids). */
  afterOthers?: boolean;
  /** `io` hears what a reader has to say about how it read (counts, the cheaper of two ways). */
  read(clients: AwsClients, io?: IoHost, context?: ReadContext): Promise<Partial<ObservedState>>;
}
