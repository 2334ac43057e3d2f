import { BulkheadError, UsageError } from '../../core/errors.js';
import type { IoHost } from '../../core/events.js';
import type { OrgModel } from '../../model/organization.js';
import { identifyTarget, type TargetIdentity } from '../../providers/aws/identity.js';
import { listOrganizationAccounts } from '../../providers/aws/organizations/list-accounts.js';
import { bucketReader, type BucketReader } from '../../providers/aws/trail-logs.js';
import { withConnection, type Connection, type TargetOptions } from '../connect.js';
import { AccountDirectory } from './accounts.js';
import { eventMatcher } from './filter.js';
import { locateTrail, logRoot, type TrailLocation } from './locate.js';
import { listLogFiles, readLogFiles, type AuditWarning, type ReadProgress } from './read.js';
import type { AuditEvent } from './records.js';
import { timeWindow } from './window.js';

export interface AuditOptions {
  target?: TargetOptions;
  connection?: Connection;
  io: IoHost;
  /** The validated spec, when there is one: the trail (`audit.trail`) and account names come from it. */
  model?: OrgModel;
  /** An account name (spec or organization) or a 12-digit id: only its log folder is read. */
  account?: string;
  /** The account holding the bucket of a live trail, when it is not the log-archive account. */
  bucketAccount?: string;
  /** A duration before now (`30m`, `1h`, `2d`) or an ISO time; default `1h`. */
  since?: string;
  /** Same forms; default now. */
  until?: string;
  eventNames?: string[];
  principals?: string[];
  errorsOnly?: boolean;
  /** The newest this many matching events are returned (default 100). */
  limit?: number;
  /** Downloads (and list calls) in flight at once (default 16). */
  concurrency?: number;
  onProgress?: (progress: ReadProgress) => void;
  now?: () => number;
}

/** What `bulkhead audit --json` prints (docs/machine-interface.md). */
export interface AuditResult {
  trail: {
    name: string | null;
    bucket: string;
    bucketAccountId: string;
    root: string;
    organizationId: string | null;
    from: 'spec' | 'live';
  };
  window: { since: string; until: string };
  account: { id: string; name: string | null } | null;
  files: { listed: number; read: number; skipped: number };
  /** Matching events in the window; `events` holds the newest `limit` of them, newest first. */
  matched: number;
  events: AuditEvent[];
  warnings: AuditWarning[];
}

export const DEFAULT_AUDIT_LIMIT = 100;

function s3ErrorName(err: unknown): string {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name && e.name !== 'Error' && e.name !== 'S3ServiceException') return e.name;
  return e.$metadata?.httpStatusCode === 403
    ? 'AccessDenied'
    : e.$metadata?.httpStatusCode === 404
      ? 'NoSuchBucket'
      : (e.name ?? 'Error');
}

/** Reaches the bucket from the first candidate account that can list it; says exactly why none could. */
async function openBucket(
  connection: Connection,
  identity: TargetIdentity,
  location: TrailLocation,
  root: string,
): Promise<{ reader: BucketReader; accountId: string }> {
  const failures: { accountId: string; step: 'assume' | 'list'; name: string; message: string }[] = [];
  for (const accountId of location.bucketAccountCandidates) {
    let reader: BucketReader;
    try {
      reader = await bucketReader(connection.clients, location.bucket, {
        accountId,
        callerAccountId: identity.accountId,
        pathStyle: connection.target.kind !== 'aws',
      });
    } catch (err) {
      if (BulkheadError.is(err) && err.source === 'user') throw err;
      failures.push({ accountId, step: 'assume', name: s3ErrorName(err), message: (err as Error).message });
      continue;
    }
    try {
      // One cheap list proves the bucket is there and readable before the window's folders are listed.
      await reader.list(root, '/');
      return { reader, accountId };
    } catch (err) {
      failures.push({ accountId, step: 'list', name: s3ErrorName(err), message: (err as Error).message });
    }
  }
  const bucket = location.bucket;
  const last = failures[failures.length - 1];
  const tried = failures.map((f) => f.accountId).join(', ');
  if (last?.step === 'assume') {
    throw new BulkheadError(
      'audit-bucket-account-denied',
      `could not act in account ${last.accountId}, which holds the trail bucket ${bucket}: AssumeRole of OrganizationAccountAccessRole failed (${last.name}: ${last.message})`,
      {
        hint: 'use management-account credentials allowed to assume OrganizationAccountAccessRole in the log-archive account, or credentials of the log-archive account itself',
      },
    );
  }
  if (last?.name === 'NoSuchBucket') {
    throw new BulkheadError(
      'audit-no-bucket',
      `the trail bucket ${bucket} does not exist (looked from account ${tried})`,
      {
        hint:
          location.from === 'spec'
            ? 'run `bulkhead apply` to create the trail and its bucket; CloudTrail writes the first log files minutes after the trail starts logging'
            : `the trail ${location.trailName ?? ''} delivers to a bucket that is gone: recreate it (bulkhead apply with audit.trail in org.yaml)`,
      },
    );
  }
  throw new BulkheadError(
    'audit-bucket-access-denied',
    `access denied reading the trail bucket ${bucket} from account ${tried}${last ? ` (${last.name})` : ''}`,
    {
      hint: 'the reader needs s3:ListBucket and s3:GetObject on the bucket (and kms:Decrypt with a KMS key); pass --bucket-account with the account that owns it if that is not the log-archive account',
    },
  );
}

/**
 * Who did what: reads the trail's log files for the window back from its bucket, keeps the events matching the
 * filters, and returns the newest `limit` of them, newest first.
 */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  const now = (options.now ?? Date.now)();
  const window = timeWindow(options, now);
  const limit = options.limit ?? DEFAULT_AUDIT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit must be a whole number of 1 or more, not ${limit}`);
  const concurrency = options.concurrency ?? 16;
  return withConnection(options, async (connection) => {
    const identity = await identifyTarget(connection.clients);
    const live = await listOrganizationAccounts(connection.clients).catch(() => []);
    const directory = new AccountDirectory(options.model, live);
    const accountId = options.account === undefined ? undefined : directory.resolve(options.account);
    const location = await locateTrail({
      clients: connection.clients,
      identity,
      ...(options.model ? { model: options.model } : {}),
      directory,
      ...(options.bucketAccount ? { bucketAccount: options.bucketAccount } : {}),
    });
    const root = logRoot(location);
    const bucket = await openBucket(connection, identity, location, root);
    const files = await listLogFiles(bucket.reader, root, {
      ...(accountId ? { accountIds: [accountId] } : {}),
      window,
      concurrency,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const keep = eventMatcher({
      window,
      eventNames: options.eventNames ?? [],
      principals: options.principals ?? [],
      errorsOnly: options.errorsOnly === true,
    });
    const { events, warnings } = await readLogFiles(bucket.reader, files, {
      concurrency,
      keep,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    events.sort((a, b) => b.time.localeCompare(a.time) || (a.eventId ?? '').localeCompare(b.eventId ?? ''));
    const shown = events.slice(0, limit).map((e) => ({ ...e, accountName: directory.name(e.accountId) }));
    return {
      trail: {
        name: location.trailName,
        bucket: location.bucket,
        bucketAccountId: bucket.accountId,
        root,
        organizationId: location.organizationId,
        from: location.from,
      },
      window: { since: window.since.toISOString(), until: window.until.toISOString() },
      account: accountId ? { id: accountId, name: directory.name(accountId) } : null,
      files: { listed: files.length, read: files.length - warnings.length, skipped: warnings.length },
      matched: events.length,
      events: shown,
      warnings,
    };
  });
}
