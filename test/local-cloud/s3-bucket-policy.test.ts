import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../src/local-cloud/services/all.js';
import { bucketPolicyAllows } from '../../src/local-cloud/services/s3/index.js';
import { Store } from '../../src/local-cloud/store/store.js';
import { bucketPolicy } from './s3-helpers.js';

/* bucketPolicyAllows: how a service writing on its own behalf (CloudTrail delivering logs) asks the bucket policy. */

const BUCKET = 'org-trail-logs';
const OWNER = '222222222222';

function storeWith(policy: string | undefined): Store {
  const store = new Store(TABLE_NAMES);
  store.put('s3Buckets', BUCKET, {
    name: BUCKET,
    accountId: OWNER,
    region: 'eu-west-1',
    createdAt: 0,
    ...(policy === undefined ? {} : { policy }),
  });
  return store;
}

const TRAIL_POLICY = bucketPolicy([
  {
    Sid: 'AWSCloudTrailWrite',
    Effect: 'Allow',
    Principal: { Service: 'cloudtrail.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/o-abc123/*`,
    Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
  },
  {
    Sid: 'Reader',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::333333333333:root' },
    Action: 's3:GetObject',
    Resource: `arn:aws:s3:::${BUCKET}/*`,
  },
  { Sid: 'NoDeletes', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${BUCKET}/*` },
]);

const trail = { principalService: 'cloudtrail.amazonaws.com' } as const;
const put = (resource: string, acl: string) => ({ action: 's3:PutObject', resource, context: { 's3:x-amz-acl': acl } });

describe('bucketPolicyAllows', () => {
  const store = storeWith(TRAIL_POLICY);

  it('allows the service principal where the statement and its condition match', () => {
    expect(
      bucketPolicyAllows(
        store,
        BUCKET,
        trail,
        put(`arn:aws:s3:::${BUCKET}/AWSLogs/o-abc123/1/f.gz`, 'bucket-owner-full-control'),
      ),
    ).toBe(true);
  });

  it('refuses when the condition, the resource or the service differ', () => {
    expect(
      bucketPolicyAllows(store, BUCKET, trail, put(`arn:aws:s3:::${BUCKET}/AWSLogs/o-abc123/1/f.gz`, 'private')),
    ).toBe(false);
    expect(
      bucketPolicyAllows(store, BUCKET, trail, put(`arn:aws:s3:::${BUCKET}/other/f.gz`, 'bucket-owner-full-control')),
    ).toBe(false);
    expect(
      bucketPolicyAllows(
        store,
        BUCKET,
        { principalService: 'config.amazonaws.com' },
        put(`arn:aws:s3:::${BUCKET}/AWSLogs/o-abc123/f`, 'bucket-owner-full-control'),
      ),
    ).toBe(false);
  });

  it('judges IAM principals of other accounts and honours explicit denies', () => {
    const reader = { principalArn: 'arn:aws:iam::333333333333:role/auditor', principalAccount: '333333333333' };
    expect(
      bucketPolicyAllows(store, BUCKET, reader, { action: 's3:GetObject', resource: `arn:aws:s3:::${BUCKET}/k` }),
    ).toBe(true);
    expect(
      bucketPolicyAllows(store, BUCKET, reader, { action: 's3:DeleteObject', resource: `arn:aws:s3:::${BUCKET}/k` }),
    ).toBe(false);
    const stranger = { principalArn: 'arn:aws:iam::444444444444:root', principalAccount: '444444444444' };
    expect(
      bucketPolicyAllows(store, BUCKET, stranger, { action: 's3:GetObject', resource: `arn:aws:s3:::${BUCKET}/k` }),
    ).toBe(false);
  });

  it('is false without a policy or without the bucket', () => {
    const q = put(`arn:aws:s3:::${BUCKET}/AWSLogs/o-abc123/f`, 'bucket-owner-full-control');
    expect(bucketPolicyAllows(storeWith(undefined), BUCKET, trail, q)).toBe(false);
    expect(bucketPolicyAllows(store, 'missing-bucket', trail, q)).toBe(false);
  });
});
