import type { RestXmlOutput } from '../../protocols/rest-xml.js';
import type { HandlerContext } from '../registry.js';
import { ownerOf, requireBucket, str } from './common.js';
import { invalidArgument } from './errors.js';
import type { S3ObjectRecord } from './tables.js';
import { objectsByBucket } from './tables.js';

type Handler = (input: Record<string, unknown>, ctx: HandlerContext) => RestXmlOutput;

/** S3 lists keys in UTF-8 binary order. */
const byKey = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

function maxKeysOf(input: Record<string, unknown>): number {
  const raw = str(input, 'MaxKeys');
  if (raw === undefined) return 1000;
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 2147483647)
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw);
  return Math.min(Number(raw), 1000);
}

function encodingOf(input: Record<string, unknown>): ((s: string) => string) | undefined {
  const type = str(input, 'EncodingType');
  if (type === undefined) return undefined;
  if (type !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', type);
  return (s) => encodeURIComponent(s).replace(/%2F/g, '/');
}

/** One page of a listing: keys (or versions) and common prefixes, in order, each prefix counting as one entry. */
interface Page<T> {
  entries: T[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned, where the next page starts after. */
  last?: { key: string; isPrefix: boolean };
}

/**
 * Walks `items` (sorted by key) from after `marker`, grouping keys that contain `delimiter` after `prefix` into
 * common prefixes; stops after `max` entries. A marker that is a common prefix skips every key under it.
 */
function paginate<T extends { key: string }>(
  items: readonly T[],
  prefix: string,
  delimiter: string | undefined,
  marker: { key: string; isPrefix: boolean } | undefined,
  max: number,
): Page<T> {
  const page: Page<T> = { entries: [], prefixes: [], truncated: false };
  let count = 0;
  for (const item of items) {
    if (!item.key.startsWith(prefix)) continue;
    if (marker !== undefined) {
      if (byKey(item.key, marker.key) <= 0) continue;
      if (marker.isPrefix && item.key.startsWith(marker.key)) continue;
    }
    let common: string | undefined;
    if (delimiter !== undefined && delimiter !== '') {
      const at = item.key.indexOf(delimiter, prefix.length);
      if (at >= 0) common = item.key.slice(0, at + delimiter.length);
    }
    if (common !== undefined && page.prefixes[page.prefixes.length - 1] === common) continue;
    if (count === max) {
      page.truncated = true;
      break;
    }
    count++;
    if (common !== undefined) {
      page.prefixes.push(common);
      page.last = { key: common, isPrefix: true };
    } else {
      page.entries.push(item);
      page.last = { key: item.key, isPrefix: false };
    }
  }
  return page;
}

function encodeToken(last: { key: string; isPrefix: boolean }): string {
  return Buffer.from(JSON.stringify([last.key, last.isPrefix])).toString('base64');
}

function decodeToken(token: string): { key: string; isPrefix: boolean } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'boolean')
      return { key: parsed[0], isPrefix: parsed[1] };
  } catch {
    // falls through to S3's error
  }
  throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
}

function currentObjects(ctx: HandlerContext, bucket: string): S3ObjectRecord[] {
  return [...ctx.store.lookup(objectsByBucket, bucket).values()]
    .filter((o) => o.isLatest && !o.deleteMarker)
    .sort((a, b) => byKey(a.key, b.key));
}

function contentsOf(o: S3ObjectRecord, enc: (s: string) => string, withOwner: boolean): Record<string, unknown> {
  return {
    Key: enc(o.key),
    LastModified: new Date(o.lastModified),
    ETag: o.etag,
    Size: o.size,
    StorageClass: 'STANDARD',
    Owner: withOwner ? ownerOf(o.ownerAccountId) : undefined,
  };
}

const identity = (s: string): string => s;

/** ListObjectsV2: prefix, delimiter, max-keys (≤ 1000), continuation-token, start-after, encoding-type=url. */
export const listObjectsV2: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const max = maxKeysOf(input);
  const enc = encodingOf(input) ?? identity;
  const prefix = str(input, 'Prefix') ?? '';
  const delimiter = str(input, 'Delimiter');
  const token = str(input, 'ContinuationToken');
  const startAfter = str(input, 'StartAfter');
  let marker = token !== undefined ? decodeToken(token) : undefined;
  if (marker === undefined && startAfter !== undefined && startAfter !== '')
    marker = { key: startAfter, isPrefix: false };
  const page = paginate(currentObjects(ctx, bucket.name), prefix, delimiter, marker, max);
  return {
    xml: {
      root: 'ListBucketResult',
      value: {
        Name: bucket.name,
        Prefix: enc(prefix),
        Delimiter: delimiter === undefined ? undefined : enc(delimiter),
        MaxKeys: max,
        EncodingType: str(input, 'EncodingType'),
        KeyCount: page.entries.length + page.prefixes.length,
        IsTruncated: page.truncated,
        ContinuationToken: token,
        NextContinuationToken: page.truncated && page.last !== undefined ? encodeToken(page.last) : undefined,
        StartAfter: startAfter === undefined ? undefined : enc(startAfter),
        Contents: page.entries.map((o) => contentsOf(o, enc, str(input, 'FetchOwner') === 'true')),
        CommonPrefixes: page.prefixes.map((p) => ({ Prefix: enc(p) })),
      },
    },
  };
};

/** ListObjects (v1): marker paging; NextMarker only with a delimiter, as S3 answers. */
export const listObjects: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const max = maxKeysOf(input);
  const enc = encodingOf(input) ?? identity;
  const prefix = str(input, 'Prefix') ?? '';
  const delimiter = str(input, 'Delimiter');
  const markerText = str(input, 'Marker');
  const marker = markerText === undefined || markerText === '' ? undefined : { key: markerText, isPrefix: false };
  const page = paginate(currentObjects(ctx, bucket.name), prefix, delimiter, marker, max);
  return {
    xml: {
      root: 'ListBucketResult',
      value: {
        Name: bucket.name,
        Prefix: enc(prefix),
        Marker: enc(markerText ?? ''),
        NextMarker:
          page.truncated && delimiter !== undefined && page.last !== undefined ? enc(page.last.key) : undefined,
        MaxKeys: max,
        Delimiter: delimiter === undefined ? undefined : enc(delimiter),
        EncodingType: str(input, 'EncodingType'),
        IsTruncated: page.truncated,
        Contents: page.entries.map((o) => contentsOf(o, enc, true)),
        CommonPrefixes: page.prefixes.map((p) => ({ Prefix: enc(p) })),
      },
    },
  };
};

/**
 * ListObjectVersions: every version and delete marker, by key then newest first; key-marker / version-id-marker
 * paging (a page ends at a key boundary or inside a key's versions).
 */
export const listObjectVersions: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const max = maxKeysOf(input);
  const enc = encodingOf(input) ?? identity;
  const prefix = str(input, 'Prefix') ?? '';
  const delimiter = str(input, 'Delimiter');
  const keyMarker = str(input, 'KeyMarker') ?? '';
  const versionIdMarker = str(input, 'VersionIdMarker') ?? '';
  const all = [...ctx.store.lookup(objectsByBucket, bucket.name).values()].sort(
    (a, b) => byKey(a.key, b.key) || b.lastModified - a.lastModified || Number(b.isLatest) - Number(a.isLatest),
  );
  let items = all;
  if (keyMarker !== '') {
    const at =
      versionIdMarker === '' ? -1 : all.findIndex((v) => v.key === keyMarker && v.versionId === versionIdMarker);
    items =
      at >= 0
        ? all.slice(at + 1)
        : all.filter(
            (v) =>
              byKey(v.key, keyMarker) > 0 &&
              // a key marker that is a common prefix (it ends with the delimiter) skips the keys under it
              !(
                delimiter !== undefined &&
                delimiter !== '' &&
                keyMarker.endsWith(delimiter) &&
                v.key.startsWith(keyMarker)
              ),
          );
  }
  // Versions are paged one by one, so they are fed to the paginator without a key marker of their own.
  const page = paginate(items, prefix, delimiter, undefined, max);
  const lastEntry = page.entries[page.entries.length - 1];
  const version = (v: S3ObjectRecord): Record<string, unknown> => ({
    Key: enc(v.key),
    VersionId: v.versionId,
    IsLatest: v.isLatest,
    LastModified: new Date(v.lastModified),
    ...(v.deleteMarker ? {} : { ETag: v.etag, Size: v.size, StorageClass: 'STANDARD' }),
    Owner: ownerOf(v.ownerAccountId),
  });
  const lastIsPrefix = page.last?.isPrefix === true;
  return {
    xml: {
      root: 'ListVersionsResult',
      value: {
        Name: bucket.name,
        Prefix: enc(prefix),
        KeyMarker: enc(keyMarker),
        VersionIdMarker: versionIdMarker,
        NextKeyMarker: page.truncated && page.last !== undefined ? enc(page.last.key) : undefined,
        NextVersionIdMarker:
          page.truncated && !lastIsPrefix && lastEntry !== undefined ? lastEntry.versionId : undefined,
        MaxKeys: max,
        Delimiter: delimiter === undefined ? undefined : enc(delimiter),
        EncodingType: str(input, 'EncodingType'),
        IsTruncated: page.truncated,
        Version: page.entries.filter((v) => !v.deleteMarker).map(version),
        DeleteMarker: page.entries.filter((v) => v.deleteMarker).map(version),
        CommonPrefixes: page.prefixes.map((p) => ({ Prefix: enc(p) })),
      },
    },
  };
};
