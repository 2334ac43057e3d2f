import type { HandlerContext } from '../registry.js';
import { createHash } from 'node:crypto';
import { ctError, optList, optString } from './common.js';
import { HISTORY_MS } from './recording.js';
import type { CloudTrailEventRecord } from './tables.js';
import { eventsByAccount } from './tables.js';

/** AWS: MaxResults 1..50, 50 by default. */
const MAX_RESULTS = 50;

/**
 * A NextToken: the offset and the end of the time window of the first page (events recorded since, this listing's own
 * calls included, must not shift the pages), signed with the filter so a token of another query is refused.
 */
const sign = (filter: string, offset: number, end: number): string =>
  createHash('sha256').update(`LookupEvents|${filter}|${offset}|${end}`).digest('hex').slice(0, 16);
const encodeToken = (filter: string, offset: number, end: number): string =>
  Buffer.from(`${offset}.${end}.${sign(filter, offset, end)}`).toString('base64url');
function decodeToken(filter: string, token: string): { offset: number; end: number } | undefined {
  const [o, e, sig] = Buffer.from(token, 'base64url').toString('utf8').split('.');
  const offset = Number(o);
  const end = Number(e);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isFinite(end) || sig !== sign(filter, offset, end))
    return undefined;
  return { offset, end };
}

const KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;
type Key = (typeof KEYS)[number];

function matches(e: CloudTrailEventRecord, key: Key, value: string): boolean {
  switch (key) {
    case 'EventId':
      return e.eventId === value;
    case 'EventName':
      return e.eventName === value;
    case 'ReadOnly':
      return String(e.readOnly) === value;
    case 'Username':
      return e.username === value;
    case 'EventSource':
      return e.eventSource === value;
    case 'AccessKeyId':
      return e.accessKeyId === value;
    case 'ResourceType':
    case 'ResourceName':
      // The local cloud records no resources of an event.
      return false;
  }
}

function readTime(input: Record<string, unknown>, name: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw ctError('InvalidTimeRangeException', `${name} is not a valid timestamp.`);
  return v * 1000;
}

function readAttribute(input: Record<string, unknown>): { key: Key; value: string } | undefined {
  const list = optList(input, 'LookupAttributes');
  if (list === undefined || list.length === 0) return undefined;
  // AWS: "Currently the list can contain only one item."
  if (list.length > 1) throw ctError('InvalidLookupAttributesException', 'You can only specify one lookup attribute.');
  const a = (list[0] ?? {}) as Record<string, unknown>;
  const key = a.AttributeKey;
  const value = a.AttributeValue;
  if (typeof key !== 'string' || !(KEYS as readonly string[]).includes(key))
    throw ctError('InvalidLookupAttributesException', `The lookup attribute key ${String(key)} is not valid.`);
  if (typeof value !== 'string' || value.length < 1 || value.length > 2000)
    throw ctError('InvalidLookupAttributesException', 'The lookup attribute value must be 1 to 2000 characters long.');
  return { key: key as Key, value };
}

/** The Event shape of LookupEvents. */
function eventOutput(e: CloudTrailEventRecord): Record<string, unknown> {
  return {
    EventId: e.eventId,
    EventName: e.eventName,
    ReadOnly: String(e.readOnly),
    AccessKeyId: e.accessKeyId,
    EventTime: new Date(e.time),
    EventSource: e.eventSource,
    Username: e.username,
    Resources: [],
    CloudTrailEvent: JSON.stringify(e.record),
  };
}

/**
 * LookupEvents: the calling account's management events in the region called, newest first, within the last 90 days
 * and StartTime..EndTime, filtered by one lookup attribute, paged by MaxResults (1..50) and NextToken.
 */
export function lookupEvents(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const attribute = readAttribute(input);
  const start = readTime(input, 'StartTime') ?? ctx.now - HISTORY_MS;
  let end = readTime(input, 'EndTime') ?? ctx.now;
  if (start > end) throw ctError('InvalidTimeRangeException', 'Start time must be before end time.');
  const category = optString(input, 'EventCategory');
  if (category !== undefined && category !== 'insight')
    throw ctError('InvalidEventCategoryException', `The event category ${category} is not valid.`);
  const max = input.MaxResults;
  let size = MAX_RESULTS;
  if (max !== undefined && max !== null) {
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_RESULTS)
      throw ctError('InvalidMaxResultsException', `MaxResults must be from 1 to ${MAX_RESULTS}.`);
    size = max;
  }
  const filterKey = JSON.stringify([attribute, input.StartTime ?? null, input.EndTime ?? null, category ?? null]);
  let offset = 0;
  const token = input.NextToken;
  if (token !== undefined && token !== null) {
    const decoded = typeof token === 'string' ? decodeToken(filterKey, token) : undefined;
    if (decoded === undefined) throw ctError('InvalidNextTokenException', 'Invalid NextToken.');
    ({ offset, end } = decoded);
  }
  // Insights events are not generated locally: that category is always empty.
  const all =
    category === 'insight'
      ? []
      : [...ctx.store.lookup(eventsByAccount, ctx.principal.accountId).values()]
          .filter(
            (e) =>
              e.region === ctx.region &&
              e.time >= start &&
              e.time <= end &&
              (attribute === undefined || matches(e, attribute.key, attribute.value)),
          )
          .reverse();
  const page = all.slice(offset, offset + size).map(eventOutput);
  const next = offset + size;
  return next < all.length ? { Events: page, NextToken: encodeToken(filterKey, next, end) } : { Events: page };
}
