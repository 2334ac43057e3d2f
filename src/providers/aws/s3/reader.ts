import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import type { ObservedState } from '../../../model/observed.js';
import type { BucketEncryption, ObservedTrailBucket } from '../../../model/trail-kinds.js';
import type { AwsClients } from '../clients.js';
import { errorName } from '../organizations/common.js';
import type { ServiceReader, TrailBucketLookup } from '../provider.js';
import { s3In } from './trail-bucket.js';

/** A Get… answer, or undefined when S3 says that configuration is not set. */
async function unlessMissing<T>(get: () => Promise<T>, ...missing: string[]): Promise<T | undefined> {
  try {
    return await get();
  } catch (err) {
    if (missing.includes(errorName(err))) return undefined;
    throw err;
  }
}

/** The trail bucket's configuration as S3 reports it in its account; none when the bucket or account is not there. */
export async function readTrailBucket(
  clients: AwsClients,
  prior: ObservedState,
  lookup: TrailBucketLookup,
): Promise<ObservedTrailBucket[]> {
  const owner = prior.account.find((a) => a.email.toLowerCase() === lookup.accountEmail.toLowerCase());
  if (owner === undefined || owner.status !== 'ACTIVE') return [];
  const s3 = s3In(await clients.forAccount(owner.id), lookup.region);
  const Bucket = lookup.name;
  const location = await unlessMissing(() => s3.send(new GetBucketLocationCommand({ Bucket })), 'NoSuchBucket');
  if (location === undefined) return [];
  const [versioning, encryption, block, lock, policy] = await Promise.all([
    s3.send(new GetBucketVersioningCommand({ Bucket })),
    unlessMissing(
      () => s3.send(new GetBucketEncryptionCommand({ Bucket })),
      'ServerSideEncryptionConfigurationNotFoundError',
    ),
    unlessMissing(() => s3.send(new GetPublicAccessBlockCommand({ Bucket })), 'NoSuchPublicAccessBlockConfiguration'),
    unlessMissing(
      () => s3.send(new GetObjectLockConfigurationCommand({ Bucket })),
      'ObjectLockConfigurationNotFoundError',
    ),
    unlessMissing(() => s3.send(new GetBucketPolicyCommand({ Bucket })), 'NoSuchBucketPolicy'),
  ]);
  const rule = encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  const sse: BucketEncryption | undefined =
    rule?.SSEAlgorithm === 'aws:kms' && rule.KMSMasterKeyID
      ? { algorithm: 'aws:kms', kmsKeyArn: rule.KMSMasterKeyID }
      : rule?.SSEAlgorithm === 'AES256'
        ? { algorithm: 'AES256' }
        : undefined;
  const pab = block?.PublicAccessBlockConfiguration;
  const retention = lock?.ObjectLockConfiguration?.Rule?.DefaultRetention;
  return [
    {
      name: Bucket,
      accountId: owner.id,
      // GetBucketLocation answers no constraint for us-east-1.
      region: location.LocationConstraint || 'us-east-1',
      ...(versioning.Status ? { versioning: versioning.Status } : {}),
      ...(sse ? { encryption: sse } : {}),
      publicAccessBlock:
        pab?.BlockPublicAcls === true &&
        pab.IgnorePublicAcls === true &&
        pab.BlockPublicPolicy === true &&
        pab.RestrictPublicBuckets === true,
      objectLockEnabled: lock?.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled',
      ...(retention?.Mode && retention.Days ? { objectLock: { mode: retention.Mode, days: retention.Days } } : {}),
      ...(policy?.Policy ? { policy: policy.Policy } : {}),
    },
  ];
}

/** Reads the trail bucket once the organization's accounts are known (it lives in a member account). */
export const trailBucketReader: ServiceReader = {
  service: 's3',
  kinds: ['trail-bucket'],
  afterOthers: true,
  async read(clients, _io, context) {
    const lookup = context?.trailBucket;
    if (lookup === undefined || context?.prior === undefined) return { 'trail-bucket': [] };
    return { 'trail-bucket': await readTrailBucket(clients, context.prior, lookup) };
  },
};
