import type { RestXmlOutput } from '../../protocols/rest-xml.js';
import { childText, requestDocument } from '../../protocols/rest-xml.js';
import type { HandlerContext } from '../registry.js';
import { bucketNameProblem } from './bucket-names.js';
import { NO_CONTENT, ownerOf, requireBucket, str } from './common.js';
import { bodyOf } from './route.js';
import {
  bucketAlreadyExists,
  bucketAlreadyOwnedByYou,
  bucketNotEmpty,
  invalidArgument,
  invalidBucketName,
} from './errors.js';
import { AwsApiError } from '../../errors.js';
import type { S3BucketRecord } from './tables.js';
import { objectsByBucket } from './tables.js';

/** us-east-1 is the region without a location constraint (GetBucketLocation answers it empty). */
const US_EAST_1 = 'us-east-1';

function locationConstraint(input: Record<string, unknown>): string | undefined {
  const body = bodyOf(input);
  if (body.toString('utf8').trim() === '') return undefined;
  const doc = requestDocument(body, 'CreateBucketConfiguration');
  const lc = childText(doc, 'LocationConstraint');
  return lc === '' ? undefined : lc;
}

/**
 * CreateBucket: names are global across accounts (BucketAlreadyExists); one's own again is BucketAlreadyOwnedByYou,
 * except in us-east-1 where S3 answers 200 for legacy compatibility. The location constraint must be the region the
 * request was sent to (none for us-east-1); object lock at creation turns versioning on.
 */
export function createBucket(input: Record<string, unknown>, ctx: HandlerContext): RestXmlOutput {
  const name = str(input, 'Bucket') ?? '';
  if (bucketNameProblem(name) !== undefined) throw invalidBucketName(name);
  const lc = locationConstraint(input);
  if (lc === US_EAST_1 || (lc !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(lc)))
    throw new AwsApiError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      LocationConstraint: lc,
    });
  const region = lc ?? US_EAST_1;
  // The us-east-1 endpoint accepts any location constraint; a regional one only its own.
  if (region !== ctx.region && ctx.region !== US_EAST_1)
    throw new AwsApiError(
      'IllegalLocationConstraintException',
      `The ${lc ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400,
    );
  const existing = ctx.store.get('s3Buckets', name);
  if (existing !== undefined) {
    if (existing.accountId !== ctx.principal.accountId) throw bucketAlreadyExists(name);
    if (existing.region !== US_EAST_1) throw bucketAlreadyOwnedByYou(name);
    return { headers: { location: `/${name}` } };
  }
  const lock = str(input, 'ObjectLockEnabledForBucket');
  if (lock !== undefined && lock !== 'true' && lock !== 'false')
    throw invalidArgument('Invalid x-amz-bucket-object-lock-enabled header', 'x-amz-bucket-object-lock-enabled', lock);
  const bucket: S3BucketRecord = { name, accountId: ctx.principal.accountId, region, createdAt: ctx.now };
  if (lock === 'true') {
    bucket.objectLock = { enabled: true };
    bucket.versioning = 'Enabled';
  }
  ctx.store.put('s3Buckets', name, bucket);
  return { headers: { location: `/${name}` } };
}

export function headBucket(input: Record<string, unknown>, ctx: HandlerContext): RestXmlOutput {
  const bucket = requireBucket(input, ctx);
  return { headers: { 'x-amz-bucket-region': bucket.region } };
}

export function deleteBucket(input: Record<string, unknown>, ctx: HandlerContext): RestXmlOutput {
  const bucket = requireBucket(input, ctx);
  if (ctx.store.lookup(objectsByBucket, bucket.name).size > 0) throw bucketNotEmpty(bucket.name);
  ctx.store.delete('s3Buckets', bucket.name);
  return NO_CONTENT;
}

/** ListBuckets: the caller's account's buckets, by name. */
export function listBuckets(_input: Record<string, unknown>, ctx: HandlerContext): RestXmlOutput {
  const mine = [...ctx.store.values('s3Buckets')]
    .filter((b) => b.accountId === ctx.principal.accountId)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    xml: {
      root: 'ListAllMyBucketsResult',
      value: {
        Owner: ownerOf(ctx.principal.accountId),
        Buckets: {
          Bucket: mine.map((b) => ({ Name: b.name, CreationDate: new Date(b.createdAt), BucketRegion: b.region })),
        },
      },
    },
  };
}

export function getBucketLocation(input: Record<string, unknown>, ctx: HandlerContext): RestXmlOutput {
  const bucket = requireBucket(input, ctx);
  return { xml: { root: 'LocationConstraint', value: bucket.region === US_EAST_1 ? '' : bucket.region } };
}
