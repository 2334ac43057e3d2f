import type { Store } from '../../store/store.js';
import type { HandlerContext, ObservedCall } from '../registry.js';
import { inRegion, organizationOf } from './common.js';
import { eventOf, GLOBAL_EVENT_SOURCES } from './record.js';
import { selectsEvent } from './selectors.js';
import type { CloudTrailEventRecord, TrailRecord } from './tables.js';
import { eventKey, eventsByAccount, trailsByAccount } from './tables.js';

/** The job that writes pending events into the trails' buckets. */
export const DELIVERY_JOB = 'cloudtrail-delivery';
export const DELIVERY_KEY = 'deliver';
/** AWS: the event history (LookupEvents) covers the last 90 days. */
export const HISTORY_MS = 90 * 24 * 3600 * 1000;
/** Local bounds: events kept per account for LookupEvents, and events awaiting delivery in all. */
export const MAX_HISTORY_PER_ACCOUNT = 10_000;
export const MAX_PENDING = 50_000;

/** The trails logging this event now: the account's own and its organization's, by region, global events, selectors. */
export function trailsLogging(store: Store, e: CloudTrailEventRecord): TrailRecord[] {
  const org = organizationOf(store, e.accountId);
  const candidates = [...store.lookup(trailsByAccount, e.accountId).values()];
  if (org !== undefined && org.managementAccountId !== e.accountId)
    for (const t of store.lookup(trailsByAccount, org.managementAccountId).values())
      if (t.isOrganizationTrail && t.organizationId === org.id) candidates.push(t);
  return candidates.filter(
    (t) =>
      // A trail stopped by this very call (StopLogging) still logs it, as AWS's trail shows who stopped it.
      (t.isLogging || (t.stopLoggingTime !== undefined && t.stopLoggingTime >= e.time)) &&
      inRegion(t, e.region) &&
      (t.includeGlobalServiceEvents || !GLOBAL_EVENT_SOURCES.has(e.eventSource)) &&
      selectsEvent(t, e.readOnly, e.eventSource),
  );
}

/** Drops the account's oldest events past the 90 days or the local bound. */
function pruneHistory(store: Store, accountId: string, now: number): void {
  const history = store.lookup(eventsByAccount, accountId);
  let excess = history.size - MAX_HISTORY_PER_ACCOUNT;
  const drop: string[] = [];
  for (const [key, e] of history) {
    if (excess <= 0 && e.time >= now - HISTORY_MS) break;
    drop.push(key);
    excess--;
  }
  for (const key of drop) store.delete('cloudtrailEvents', key);
}

/**
 * The observer of every API call: records it in the account's event history and, for each trail logging it at this
 * moment, queues it for delivery; the first queued event arms the delivery job `trailDeliverySeconds` later.
 */
export function recordCall(call: ObservedCall, ctx: HandlerContext): void {
  const event = eventOf(call);
  if (event === undefined) return;
  const { store } = ctx;
  store.put('cloudtrailEvents', eventKey(event.accountId, event.eventId), event);
  pruneHistory(store, event.accountId, ctx.now);
  const trails = trailsLogging(store, event);
  if (trails.length === 0) return;
  const queued = store.size('cloudtrailPending');
  if (queued >= MAX_PENDING) return;
  store.put('cloudtrailPending', event.eventId, { event, trailArns: trails.map((t) => t.arn) });
  if (queued === 0)
    ctx.schedule({ kind: DELIVERY_JOB, key: DELIVERY_KEY, at: ctx.now + ctx.config.cloudTrail.deliverySeconds * 1000 });
}
