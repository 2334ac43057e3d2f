import * as O from '@aws-sdk/client-organizations';
import * as S from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers.js';
import { awsError, eventually, startHarness } from './helpers.js';
import { bucketPolicy, s3Client } from './s3-helpers.js';

/*
 * S3 calls are authorized like every other call (SCPs, identity policies) with S3's IAM actions and ARNs, and a
 * caller of another account than the bucket's gets in only through the bucket policy.
 */

let h: Harness;
let mgmt: string;
let member: string;
let admin: S.S3Client;
let memberS3: S.S3Client;
const BUCKET = 'member-owned-logs';

beforeAll(async () => {
  h = await startHarness({ timeScale: 0 });
  mgmt = h.cloud.managementAccountId;
  await h.org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const rootId = (await h.org.send(new O.ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  await h.org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  const requestId =
    (await h.org.send(new O.CreateAccountCommand({ Email: 'logs@example.com', AccountName: 'log-archive' })))
      .CreateAccountStatus?.Id ?? '';
  member = await eventually(async () => {
    const s = (await h.org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requestId })))
      .CreateAccountStatus;
    return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
  });
  const c = (
    await h.sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'ops',
      }),
    )
  ).Credentials;
  memberS3 = s3Client(h, {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  });
  admin = s3Client(h);
  await memberS3.send(new S.CreateBucketCommand({ Bucket: BUCKET }));
  await memberS3.send(new S.PutObjectCommand({ Bucket: BUCKET, Key: 'AWSLogs/report.txt', Body: 'secret' }));
});

afterAll(async () => {
  admin.destroy();
  memberS3.destroy();
  await h.stop();
});

describe('cross-account access to a bucket', () => {
  it('a bucket name is global: another account gets BucketAlreadyExists', async () => {
    const err = await awsError(() => admin.send(new S.CreateBucketCommand({ Bucket: BUCKET })));
    expect([err.name, err.status]).toEqual(['BucketAlreadyExists', 409]);
  });

  it('without a bucket policy the management account is denied, even its root user', async () => {
    const err = await awsError(() => admin.send(new S.GetObjectCommand({ Bucket: BUCKET, Key: 'AWSLogs/report.txt' })));
    expect([err.name, err.status]).toEqual(['AccessDenied', 403]);
    expect(err.message).toContain(`s3:GetObject on resource: arn:aws:s3:::${BUCKET}/AWSLogs/report.txt`);
    expect(err.message).toContain('because no resource-based policy allows the s3:GetObject action');
  });

  it('a bucket policy naming the account lets it read what the policy names, and nothing else', async () => {
    await memberS3.send(
      new S.PutBucketPolicyCommand({
        Bucket: BUCKET,
        Policy: bucketPolicy([
          {
            Sid: 'MgmtReads',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${mgmt}:root` },
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/AWSLogs/*`],
          },
        ]),
      }),
    );
    const got = await admin.send(new S.GetObjectCommand({ Bucket: BUCKET, Key: 'AWSLogs/report.txt' }));
    expect(await got.Body!.transformToString()).toBe('secret');
    const listed = await admin.send(new S.ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['AWSLogs/report.txt']);
    const write = await awsError(() =>
      admin.send(new S.PutObjectCommand({ Bucket: BUCKET, Key: 'AWSLogs/x', Body: 'x' })),
    );
    expect(write.name).toBe('AccessDenied');
    const policy = await awsError(() => admin.send(new S.DeleteBucketPolicyCommand({ Bucket: BUCKET })));
    expect(policy.name).toBe('AccessDenied');
  });

  it('a policy outside the bucket is MalformedPolicy', async () => {
    const err = await awsError(() =>
      memberS3.send(
        new S.PutBucketPolicyCommand({
          Bucket: BUCKET,
          Policy: bucketPolicy([
            { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other-bucket/*' },
          ]),
        }),
      ),
    );
    expect([err.name, err.message]).toEqual(['MalformedPolicy', 'Policy has invalid resource']);
  });
});

describe('SCPs over S3', () => {
  it('an SCP denying s3:PutObject stops the member account, with the SCP wording', async () => {
    const content = bucketPolicy([{ Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }]);
    const p = await h.org.send(
      new O.CreatePolicyCommand({ Name: 'no-put', Description: 'x', Type: 'SERVICE_CONTROL_POLICY', Content: content }),
    );
    const id = p.Policy?.PolicySummary?.Id ?? '';
    await h.org.send(new O.AttachPolicyCommand({ PolicyId: id, TargetId: member }));
    const err = await awsError(() => memberS3.send(new S.PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'x' })));
    expect([err.name, err.status]).toEqual(['AccessDenied', 403]);
    expect(err.message).toContain('with an explicit deny in a service control policy');
    // Reading is not denied by it.
    await memberS3.send(new S.GetObjectCommand({ Bucket: BUCKET, Key: 'AWSLogs/report.txt' }));
    await h.org.send(new O.DetachPolicyCommand({ PolicyId: id, TargetId: member }));
  });
});
