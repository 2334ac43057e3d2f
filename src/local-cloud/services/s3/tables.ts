import type { TableName } from '../../store/state.js';
import { defineIndex } from '../../store/store.js';

/**
 * The records S3 keeps. A bucket is keyed by its name (bucket names are global in AWS); an object version by
 * `<bucket>/<key>/<versionId>` (see objectVersionKey). Object bodies are kept base64 in the record, which bounds the
 * size the local cloud stores (see MAX_LOCAL_OBJECT_BYTES).
 */

export type VersioningStatus = 'Enabled' | 'Suspended';

export interface BucketEncryption {
  /** `AES256` or `aws:kms` (`aws:kms:dsse` is accepted too). */
  sseAlgorithm: string;
  kmsMasterKeyId?: string;
  bucketKeyEnabled?: boolean;
}

export interface ObjectLockConfiguration {
  enabled: boolean;
  defaultRetention?: { mode: 'GOVERNANCE' | 'COMPLIANCE'; days?: number; years?: number };
}

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface S3BucketRecord {
  name: string;
  /** The owning account (the caller of CreateBucket). */
  accountId: string;
  region: string;
  createdAt: number;
  /** The bucket policy, as the JSON text it was put with. */
  policy?: string;
  /** Absent: never enabled (GetBucketVersioning answers no Status). */
  versioning?: VersioningStatus;
  /** AWS encrypts every bucket with SSE-S3 by default since 2023: absent means that default. */
  encryption?: BucketEncryption;
  /** Object lock can only be turned on at creation (or later with versioning on); absent means off. */
  objectLock?: ObjectLockConfiguration;
  publicAccessBlock?: PublicAccessBlock;
  tags?: Record<string, string>;
}

export interface S3ObjectRecord {
  bucket: string;
  key: string;
  /** `null` for an object written while versioning was never enabled or is suspended (AWS's "null" version). */
  versionId: string;
  /** Whether this is the current version of the key. */
  isLatest: boolean;
  deleteMarker: boolean;
  /** The body, base64. Empty for a delete marker. */
  body: string;
  size: number;
  /** Quoted hex MD5, as S3 returns it. */
  etag: string;
  contentType: string;
  contentEncoding?: string;
  lastModified: number;
  /** The account that wrote it (a service writing on its own behalf passes the bucket owner). */
  ownerAccountId: string;
  metadata: Record<string, string>;
}

declare module '../../store/state.js' {
  interface Tables {
    s3Buckets: S3BucketRecord;
    s3Objects: S3ObjectRecord;
  }
}

export const S3_TABLES = ['s3Buckets', 's3Objects'] as const satisfies readonly TableName[];

/** The store key of one object version. */
export function objectVersionKey(bucket: string, key: string, versionId: string): string {
  return `${bucket}/${key}/${versionId}`;
}

/** Every version of every object of a bucket. */
export const objectsByBucket = defineIndex('s3Objects', (o) => o.bucket);
