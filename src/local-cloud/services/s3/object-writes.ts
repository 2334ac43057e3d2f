import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../../store/store.js';
import type { S3ObjectRecord } from './tables.js';
import { objectsByBucket, objectVersionKey } from './tables.js';

/** The largest object body the local cloud keeps (AWS allows 5 GiB in one PUT; this is a local bound). */
export const MAX_LOCAL_OBJECT_BYTES = 16 * 1024 * 1024;

export interface ObjectWrite {
  bucket: string;
  key: string;
  body: Buffer;
  contentType: string;
  contentEncoding?: string;
  ownerAccountId: string;
  metadata?: Record<string, string>;
}

/** A version id as S3 mints them: opaque, URL-safe, 32 characters. */
function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

/** The versions of one key in a bucket, newest first. */
export function versionsOf(store: Store, bucket: string, key: string): S3ObjectRecord[] {
  return [...store.lookup(objectsByBucket, bucket).values()]
    .filter((o) => o.key === key)
    .sort((a, b) => b.lastModified - a.lastModified || Number(b.isLatest) - Number(a.isLatest));
}

/**
 * Writes a new current version of `key`, as PutObject does: with versioning Enabled a new version id and the old
 * versions kept (no longer latest); otherwise the `null` version replaced. The bucket must exist (the caller checks:
 * its error differs between the API, NoSuchBucket, and a service delivering on its own behalf).
 */
export function writeObject(store: Store, write: ObjectWrite, now: number): S3ObjectRecord {
  const bucket = store.get('s3Buckets', write.bucket);
  if (bucket === undefined) throw new Error(`writeObject: bucket ${write.bucket} does not exist`);
  const versioned = bucket.versioning === 'Enabled';
  const versionId = versioned ? newVersionId() : 'null';
  for (const old of versionsOf(store, write.bucket, write.key)) {
    if (old.versionId === 'null' && !versioned) continue; // replaced below
    if (old.isLatest)
      store.put('s3Objects', objectVersionKey(old.bucket, old.key, old.versionId), { ...old, isLatest: false });
  }
  const record: S3ObjectRecord = {
    bucket: write.bucket,
    key: write.key,
    versionId,
    isLatest: true,
    deleteMarker: false,
    body: write.body.toString('base64'),
    size: write.body.length,
    etag: `"${createHash('md5').update(write.body).digest('hex')}"`,
    contentType: write.contentType,
    lastModified: now,
    ownerAccountId: write.ownerAccountId,
    metadata: write.metadata ?? {},
  };
  if (write.contentEncoding !== undefined) record.contentEncoding = write.contentEncoding;
  store.put('s3Objects', objectVersionKey(write.bucket, write.key, versionId), record);
  return record;
}

/**
 * DeleteObject without a version id: with versioning on (Enabled, or Suspended: then the marker is the `null`
 * version, replacing a `null` object) a delete marker becomes the current version; never versioned, the object goes.
 * Returns the marker written, if any.
 */
export function deleteCurrent(store: Store, bucketName: string, key: string, now: number): S3ObjectRecord | undefined {
  const bucket = store.get('s3Buckets', bucketName);
  if (bucket === undefined) throw new Error(`deleteCurrent: bucket ${bucketName} does not exist`);
  if (bucket.versioning === undefined) {
    store.delete('s3Objects', objectVersionKey(bucketName, key, 'null'));
    return undefined;
  }
  const versionId = bucket.versioning === 'Enabled' ? newVersionId() : 'null';
  for (const old of versionsOf(store, bucketName, key)) {
    if (old.isLatest)
      store.put('s3Objects', objectVersionKey(old.bucket, old.key, old.versionId), { ...old, isLatest: false });
  }
  const marker: S3ObjectRecord = {
    bucket: bucketName,
    key,
    versionId,
    isLatest: true,
    deleteMarker: true,
    body: '',
    size: 0,
    etag: '',
    contentType: '',
    lastModified: now,
    ownerAccountId: bucket.accountId,
    metadata: {},
  };
  store.put('s3Objects', objectVersionKey(bucketName, key, versionId), marker);
  return marker;
}

/** Removes one version for good (DeleteObject with a version id); the newest remaining one becomes current. */
export function deleteVersion(
  store: Store,
  bucketName: string,
  key: string,
  versionId: string,
): S3ObjectRecord | undefined {
  const storeKey = objectVersionKey(bucketName, key, versionId);
  const removed = store.get('s3Objects', storeKey);
  if (removed === undefined) return undefined;
  store.delete('s3Objects', storeKey);
  if (removed.isLatest) {
    const next = versionsOf(store, bucketName, key)[0];
    if (next !== undefined)
      store.put('s3Objects', objectVersionKey(bucketName, key, next.versionId), { ...next, isLatest: true });
  }
  return removed;
}
