import { createHash } from 'node:crypto';
import type { HandlerContext } from '../registry.js';
import { accessDenied, noSuchBucket } from './errors.js';
import type { S3BucketRecord } from './tables.js';

/** A string member of a routed request, or undefined. */
export function str(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === 'string' ? v : undefined;
}

/** The bucket a call addresses (NoSuchBucket), checked against `x-amz-expected-bucket-owner` (AccessDenied). */
export function requireBucket(input: Record<string, unknown>, ctx: HandlerContext): S3BucketRecord {
  const name = str(input, 'Bucket') ?? '';
  const bucket = ctx.store.get('s3Buckets', name);
  if (bucket === undefined) throw noSuchBucket(name);
  const expected = str(input, 'ExpectedBucketOwner');
  if (expected !== undefined && expected !== bucket.accountId) throw accessDenied();
  return bucket;
}

/** S3's canonical user id of an account: 64 hex digits, stable per account. */
export function canonicalUserId(accountId: string): string {
  return createHash('sha256').update(`bulkhead-local-cloud-canonical-user/${accountId}`).digest('hex');
}

export function ownerOf(accountId: string): { ID: string; DisplayName: string } {
  return { ID: canonicalUserId(accountId), DisplayName: `account-${accountId}` };
}

export const bucketArn = (bucket: string): string => `arn:aws:s3:::${bucket}`;
export const objectArn = (bucket: string, key: string): string => `arn:aws:s3:::${bucket}/${key}`;

/** 204 No Content, what S3's Put/Delete configuration calls answer. */
export const NO_CONTENT = { status: 204 } as const;
