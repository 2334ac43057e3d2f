import type { AccessRequest, NamedPolicy, PolicyDocument, PolicySet } from '../../../access/index.js';
import { isAllowed } from '../../../access/index.js';
import type { Store } from '../../store/store.js';
import type { S3BucketRecord } from '../s3/tables.js';
import { CLOUDTRAIL_SERVICE_PRINCIPAL } from './common.js';

/** Stands in for CloudTrail's own permissions, so that only the bucket policy decides. */
const ALLOW_ALL: NamedPolicy = {
  name: 'CloudTrail service permissions (not part of the bucket check)',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

function parsedPolicy(bucket: S3BucketRecord): NamedPolicy | undefined {
  if (bucket.policy === undefined) return undefined;
  try {
    const document = JSON.parse(bucket.policy) as PolicyDocument;
    if (typeof document !== 'object' || document === null || document.Statement === undefined) return undefined;
    return { name: `bucket policy of ${bucket.name}`, document };
  } catch {
    return undefined;
  }
}

/** The trail on whose behalf CloudTrail writes: `aws:SourceArn` and `aws:SourceAccount` of its requests. */
export interface WritingTrail {
  arn: string;
  accountId: string;
  region: string;
}

function allows(bucket: S3BucketRecord, action: string, resource: string, trail: WritingTrail): boolean {
  const policy = parsedPolicy(bucket);
  if (policy === undefined) return false;
  const context: Record<string, string> = { 'aws:SourceArn': trail.arn, 'aws:SourceAccount': trail.accountId };
  if (action === 's3:PutObject') context['s3:x-amz-acl'] = 'bucket-owner-full-control';
  const request: AccessRequest = {
    // A service principal belongs to no customer account: only the bucket policy can let it in, even when the trail's
    // account owns the bucket (with the trail's account here, the allow-all stand-in would decide as same-account).
    principal: { arn: CLOUDTRAIL_SERVICE_PRINCIPAL, accountId: CLOUDTRAIL_SERVICE_PRINCIPAL },
    action,
    resource,
    resourceAccount: bucket.accountId,
    region: trail.region,
    context,
  };
  const set: PolicySet = { resourcePolicy: policy, identityPolicies: [ALLOW_ALL] };
  return isAllowed(request, set);
}

/**
 * Whether the bucket policy lets cloudtrail.amazonaws.com deliver `key` for the trail, as AWS requires of a trail's
 * bucket: s3:GetBucketAcl on the bucket, and s3:PutObject on the key with the `bucket-owner-full-control` ACL
 * (judged by Bulkhead's evaluator, conditions on aws:SourceArn / aws:SourceAccount included).
 */
export function cloudTrailMayWrite(bucket: S3BucketRecord, key: string, trail: WritingTrail): boolean {
  return (
    allows(bucket, 's3:GetBucketAcl', `arn:aws:s3:::${bucket.name}`, trail) &&
    allows(bucket, 's3:PutObject', `arn:aws:s3:::${bucket.name}/${key}`, trail)
  );
}

/** The bucket named, or undefined; also undefined while no S3 service declares the S3 tables in the store. */
export function bucketOf(store: Store, name: string): S3BucketRecord | undefined {
  try {
    return store.get('s3Buckets', name);
  } catch {
    return undefined;
  }
}
