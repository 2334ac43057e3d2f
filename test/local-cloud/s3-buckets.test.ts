import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';

let h: Harness;
let s3: S3Client;

beforeAll(async () => {
  h = await startHarness();
  s3 = new S3Client({
    endpoint: h.cloud.endpoint,
    region: h.cloud.region,
    credentials: { ...h.cloud.credentials },
    forcePathStyle: true,
    maxAttempts: 1,
  });
});

afterAll(async () => {
  s3.destroy();
  await h.stop();
});

describe('S3 buckets through the SDK v3', () => {
  it('creates, lists, locates and deletes a bucket', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'round-trip-bucket' }));
    const list = await s3.send(new ListBucketsCommand({}));
    expect(list.Buckets?.map((b) => b.Name)).toContain('round-trip-bucket');
    expect(list.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    const where = await s3.send(new GetBucketLocationCommand({ Bucket: 'round-trip-bucket' }));
    expect(where.LocationConstraint ?? '').toBe(h.cloud.region === 'us-east-1' ? '' : h.cloud.region);
    await s3.send(new HeadBucketCommand({ Bucket: 'round-trip-bucket' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'round-trip-bucket' }));
    const gone = await awsError(() => s3.send(new HeadBucketCommand({ Bucket: 'round-trip-bucket' })));
    expect(gone.status).toBe(404);
  });

  it('keeps a bucket policy as put', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'policy-bucket' }));
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Read',
          Effect: 'Allow',
          Principal: { AWS: '123456789012' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::policy-bucket/*',
        },
      ],
    });
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'policy-bucket', Policy: policy }));
    const got = await s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-bucket' }));
    expect(JSON.parse(got.Policy ?? '')).toEqual(JSON.parse(policy));
  });

  it('puts, gets and lists objects', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'objects-bucket' }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'objects-bucket',
        Key: 'dir/a b+c.txt',
        Body: 'hello',
        ContentType: 'text/plain',
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects-bucket', Key: 'dir/a b+c.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello');
    expect(got.ContentType).toBe('text/plain');
    const list = await s3.send(new ListObjectsV2Command({ Bucket: 'objects-bucket' }));
    expect(list.Contents?.map((o) => o.Key)).toEqual(['dir/a b+c.txt']);
    expect(list.KeyCount).toBe(1);
  });
});
