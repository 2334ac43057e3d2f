import type { Ref } from './payloads.js';

/** How the trail bucket encrypts: SSE-S3, or SSE-KMS with the trail's key. */
export type BucketEncryption = { algorithm: 'AES256' } | { algorithm: 'aws:kms'; kmsKeyArn: string };

export interface ObjectLockRetention {
  mode: 'GOVERNANCE' | 'COMPLIANCE';
  days: number;
}

/** The bucket the organization trail delivers to, as the spec wants it. */
export interface DesiredTrailBucket {
  name: string;
  /** The account (by name) that owns it. */
  account: string;
  region: string;
  encryption: BucketEncryption;
  objectLock?: ObjectLockRetention;
}

/** The trail bucket as S3 reports it in its account (absent fields: not configured). */
export interface ObservedTrailBucket {
  name: string;
  accountId: string;
  region?: string;
  versioning?: string;
  encryption?: BucketEncryption;
  publicAccessBlock?: boolean;
  objectLockEnabled: boolean;
  objectLock?: ObjectLockRetention;
  policy?: string;
}

export interface TrailBucketSettings {
  name: string;
  region: string;
  encryption: BucketEncryption;
  objectLock?: ObjectLockRetention;
  /** The bucket policy; absent when the organization is created by the same apply (then rendered at apply). */
  policy?: string;
  trailName: string;
}

export type TrailBucketPayload =
  | ({ action: 'create'; account: Ref } & TrailBucketSettings)
  | ({ action: 'update'; account: Ref } & TrailBucketSettings);

/** The organization trail, in the management account and the home region. */
export interface DesiredOrganizationTrail {
  name: string;
  bucketName: string;
  region: string;
  multiRegion: boolean;
  kmsKeyArn?: string;
}

export interface ObservedOrganizationTrail {
  name: string;
  arn: string;
  homeRegion: string;
  bucketName: string;
  isOrganizationTrail: boolean;
  isMultiRegionTrail: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidation: boolean;
  kmsKeyId?: string;
  isLogging: boolean;
}

export interface OrganizationTrailSettings {
  name: string;
  bucketName: string;
  multiRegion: boolean;
  kmsKeyArn?: string;
}

export type OrganizationTrailPayload =
  | ({ action: 'create' } & OrganizationTrailSettings)
  | ({ action: 'update'; updateTrail: boolean; startLogging: boolean } & OrganizationTrailSettings);

/** The trail's ARN, which the bucket policy names in aws:SourceArn. */
export const trailArn = (region: string, managementAccountId: string, name: string): string =>
  `arn:aws:cloudtrail:${region}:${managementAccountId}:trail/${name}`;

/**
 * The bucket policy AWS documents for an organization trail ("Amazon S3 bucket policy for CloudTrail"): CloudTrail
 * may read the bucket ACL and write log files under AWSLogs/<management account>/ and AWSLogs/<organization id>/,
 * with the bucket owner in full control, for this trail only (aws:SourceArn); requests without TLS are denied.
 */
export function trailBucketPolicy(input: {
  bucket: string;
  trailName: string;
  region: string;
  managementAccountId: string;
  organizationId: string;
}): string {
  const bucketArn = `arn:aws:s3:::${input.bucket}`;
  const source = { 'aws:SourceArn': trailArn(input.region, input.managementAccountId, input.trailName) };
  const service = { Service: 'cloudtrail.amazonaws.com' };
  const write = (sid: string, prefix: string) => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: service,
    Action: 's3:PutObject',
    Resource: `${bucketArn}/AWSLogs/${prefix}/*`,
    Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...source } },
  });
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: service,
        Action: 's3:GetBucketAcl',
        Resource: bucketArn,
        Condition: { StringEquals: source },
      },
      write('AWSCloudTrailWrite', input.managementAccountId),
      write('AWSCloudTrailOrganizationWrite', input.organizationId),
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}
