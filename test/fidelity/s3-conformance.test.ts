import * as S from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Service } from '../../src/local-cloud/services/s3/index.js';
import { loadModel } from '../support/fidelity/botocore-model.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { validateRestXmlResponse } from '../support/fidelity/rest-xml-validation.js';
import { S3RecordingHandler } from '../support/fidelity/s3-recording.js';

/*
 * Every raw S3 response of a scenario that calls each emulated operation (and provokes the errors the operations
 * document), checked against botocore's s3 model: the shapes the AWS CLI and boto3 parse, written by AWS, not by us.
 */

const handler = new S3RecordingHandler();
let fc: FidelityCloud | undefined;
const fails = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected an error');
    },
    () => undefined,
  );

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::conformance-a/*' }],
});

beforeAll(async () => {
  fc = await startFidelityCloud();
  const s3 = new S.S3Client({
    endpoint: fc.cloud.endpoint,
    region: fc.cloud.region,
    credentials: { ...fc.cloud.credentials },
    forcePathStyle: true,
    maxAttempts: 1,
    requestHandler: handler,
  });
  handler.attach(s3);
  const B = 'conformance-a';
  await s3.send(new S.CreateBucketCommand({ Bucket: B }));
  await fails(s3.send(new S.CreateBucketCommand({ Bucket: 'Not_Valid' })));
  await s3.send(new S.CreateBucketCommand({ Bucket: 'conformance-lock', ObjectLockEnabledForBucket: true }));
  await s3.send(new S.HeadBucketCommand({ Bucket: B }));
  await fails(s3.send(new S.HeadBucketCommand({ Bucket: 'conformance-missing' })));
  await s3.send(new S.ListBucketsCommand({}));
  await s3.send(new S.GetBucketLocationCommand({ Bucket: B }));
  await fails(s3.send(new S.GetBucketPolicyCommand({ Bucket: B })));
  await fails(s3.send(new S.PutBucketPolicyCommand({ Bucket: B, Policy: 'not json' })));
  await s3.send(new S.PutBucketPolicyCommand({ Bucket: B, Policy: POLICY }));
  await s3.send(new S.GetBucketPolicyCommand({ Bucket: B }));
  await s3.send(new S.DeleteBucketPolicyCommand({ Bucket: B }));
  await s3.send(new S.GetBucketVersioningCommand({ Bucket: B }));
  await s3.send(new S.PutBucketVersioningCommand({ Bucket: B, VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new S.GetBucketVersioningCommand({ Bucket: B }));
  await s3.send(new S.GetBucketEncryptionCommand({ Bucket: B }));
  await s3.send(
    new S.PutBucketEncryptionCommand({
      Bucket: B,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/logs' },
            BucketKeyEnabled: true,
          },
        ],
      },
    }),
  );
  await s3.send(new S.GetBucketEncryptionCommand({ Bucket: B }));
  await s3.send(new S.DeleteBucketEncryptionCommand({ Bucket: B }));
  await fails(s3.send(new S.GetObjectLockConfigurationCommand({ Bucket: B })));
  await s3.send(
    new S.PutObjectLockConfigurationCommand({
      Bucket: 'conformance-lock',
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } },
      },
    }),
  );
  await s3.send(new S.GetObjectLockConfigurationCommand({ Bucket: 'conformance-lock' }));
  await fails(s3.send(new S.GetPublicAccessBlockCommand({ Bucket: B })));
  await s3.send(
    new S.PutPublicAccessBlockCommand({
      Bucket: B,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  await s3.send(new S.GetPublicAccessBlockCommand({ Bucket: B }));
  await s3.send(new S.DeletePublicAccessBlockCommand({ Bucket: B }));
  await fails(s3.send(new S.GetBucketTaggingCommand({ Bucket: B })));
  await s3.send(new S.PutBucketTaggingCommand({ Bucket: B, Tagging: { TagSet: [{ Key: 'team', Value: 'audit' }] } }));
  await s3.send(new S.GetBucketTaggingCommand({ Bucket: B }));
  await s3.send(new S.DeleteBucketTaggingCommand({ Bucket: B }));
  for (const key of ['a/1', 'a/2', 'b/1', 'top'])
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: key, Body: key, Metadata: { k: 'v' } }));
  await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'a/1', Body: 'again' }));
  await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'a/1' }));
  await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'a/1', Range: 'bytes=0-1' }));
  await fails(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'missing' })));
  await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'a/2' }));
  await fails(s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'missing' })));
  await s3.send(new S.ListObjectsV2Command({ Bucket: B, Delimiter: '/', MaxKeys: 1 }));
  await s3.send(new S.ListObjectsV2Command({ Bucket: B, Prefix: 'a/', FetchOwner: true, EncodingType: 'url' }));
  await fails(s3.send(new S.ListObjectsV2Command({ Bucket: 'conformance-missing' })));
  await s3.send(new S.ListObjectsCommand({ Bucket: B, Delimiter: '/' }));
  await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'top' }));
  await s3.send(new S.ListObjectVersionsCommand({ Bucket: B }));
  await s3.send(new S.DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'b/1' }, { Key: 'nope' }] } }));
  await fails(s3.send(new S.DeleteBucketCommand({ Bucket: B })));
  await s3.send(new S.CreateBucketCommand({ Bucket: 'conformance-empty' }));
  await s3.send(new S.DeleteBucketCommand({ Bucket: 'conformance-empty' }));
  s3.destroy();
});

afterAll(async () => {
  handler.destroy();
  await fc?.stop();
});

const OPERATIONS = Object.keys(s3Service.operations);

describe('S3 responses against the botocore s3 model', () => {
  it('the scenario calls every emulated operation successfully', () => {
    const ok = new Set(handler.s3.filter((e) => e.status < 300).map((e) => e.operation));
    expect(OPERATIONS.filter((op) => !ok.has(op))).toEqual([]);
  });

  it.each(OPERATIONS)('%s', (operation) => {
    const model = loadModel('s3');
    const exchanges = handler.s3.filter((e) => e.operation === operation);
    expect(exchanges.length).toBeGreaterThan(0);
    const problems = exchanges.flatMap((e) =>
      validateRestXmlResponse(model, operation, e, e.method).map((v) => `${e.status} ${v.path}: ${v.problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('the errors provoked are S3 documents with the modeled status', () => {
    const errors = handler.s3.filter((e) => e.status >= 300);
    expect(errors.length).toBeGreaterThanOrEqual(10);
    const codes = errors.map((e) => /<Code>([^<]*)<\/Code>/.exec(e.body)?.[1] ?? `${e.method} ${e.status}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'InvalidBucketName',
        'NoSuchBucketPolicy',
        'MalformedPolicy',
        'ObjectLockConfigurationNotFoundError',
        'NoSuchPublicAccessBlockConfiguration',
        'NoSuchTagSet',
        'NoSuchKey',
        'NoSuchBucket',
        'BucketNotEmpty',
      ]),
    );
  });
});
