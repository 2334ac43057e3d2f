import { gzipSync } from 'node:zlib';
import type { Store } from '../../store/store.js';
import type { HandlerContext } from '../registry.js';
import { writeObject } from '../s3/object-writes.js';
import { bucketOf, cloudTrailMayWrite } from './bucket-policy.js';
import { logFileKey, logKeyPrefix } from './log-keys.js';
import { DELIVERY_JOB, DELIVERY_KEY } from './recording.js';
import type { CloudTrailEventRecord, TrailRecord } from './tables.js';

/** Records per log file: a flush with more writes several files. */
export const MAX_RECORDS_PER_FILE = 1000;

/** The pending events by trail, then by (account, region): one log file (or more) per group. */
function groups(store: Store): Map<string, Map<string, CloudTrailEventRecord[]>> {
  const out = new Map<string, Map<string, CloudTrailEventRecord[]>>();
  for (const p of store.values('cloudtrailPending'))
    for (const arn of p.trailArns) {
      let byOrigin = out.get(arn);
      if (byOrigin === undefined) out.set(arn, (byOrigin = new Map()));
      const origin = `${p.event.accountId}|${p.event.region}`;
      const list = byOrigin.get(origin) ?? [];
      list.push(p.event);
      byOrigin.set(origin, list);
    }
  return out;
}

/** Writes one trail's files; returns the delivery error (`NoSuchBucket`, `AccessDenied`) or undefined. */
function deliverTrail(
  store: Store,
  trail: TrailRecord,
  byOrigin: Map<string, CloudTrailEventRecord[]>,
  now: number,
): string | undefined {
  const bucket = bucketOf(store, trail.s3BucketName);
  if (bucket === undefined) return 'NoSuchBucket';
  const writer = { arn: trail.arn, accountId: trail.accountId, region: trail.homeRegion };
  for (const [origin, events] of byOrigin) {
    const [accountId = '', region = ''] = origin.split('|');
    const prefix = logKeyPrefix(
      trail.s3KeyPrefix,
      trail.isOrganizationTrail ? trail.organizationId : undefined,
      accountId,
    );
    const sorted = [...events].sort((a, b) => a.time - b.time);
    for (let i = 0; i < sorted.length; i += MAX_RECORDS_PER_FILE) {
      const key = logFileKey(prefix, accountId, region, now);
      if (!cloudTrailMayWrite(bucket, key, writer)) return 'AccessDenied';
      const records = sorted.slice(i, i + MAX_RECORDS_PER_FILE).map((e) => e.record);
      writeObject(
        store,
        {
          bucket: bucket.name,
          key,
          body: gzipSync(JSON.stringify({ Records: records })),
          contentType: 'application/json',
          contentEncoding: 'gzip',
          ownerAccountId: bucket.accountId,
        },
        now,
      );
    }
  }
  return undefined;
}

/**
 * The delivery job: every pending event goes, as gzipped `{"Records":[…]}` files, to the bucket of each trail that
 * was logging it; each trail's status records the attempt (GetTrailStatus LatestDelivery…).
 */
export function deliverPending(_key: string, ctx: HandlerContext): void {
  const { store, now } = ctx;
  const batch = groups(store);
  // Taken off the queue first: a failure here must not leave events queued with no job armed for them.
  for (const p of [...store.values('cloudtrailPending')]) store.delete('cloudtrailPending', p.event.eventId);
  for (const [arn, byOrigin] of batch) {
    const trail = store.get('cloudtrailTrails', arn);
    if (trail === undefined) continue;
    const error = deliverTrail(store, trail, byOrigin, now);
    const next: TrailRecord = { ...trail, latestDeliveryAttemptTime: now };
    if (error === undefined) {
      next.latestDeliveryTime = now;
      next.latestDeliveryAttemptSucceeded = now;
      delete next.latestDeliveryError;
    } else next.latestDeliveryError = error;
    store.put('cloudtrailTrails', arn, next);
  }
}

/** After a restart, pending events are delivered at once. */
export function pendingDelivery(store: Store): { key: string; at: number }[] {
  if (store.size('cloudtrailPending') === 0) return [];
  let at = Number.POSITIVE_INFINITY;
  for (const p of store.values('cloudtrailPending')) at = Math.min(at, p.event.time);
  return [{ key: DELIVERY_KEY, at }];
}

/** The queue is kept in memory (volatile), so a clean close delivers what is queued. */
export const deliveryJob = { [DELIVERY_JOB]: { run: deliverPending, pending: pendingDelivery, runOnClose: true } };
