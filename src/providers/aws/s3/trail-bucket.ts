import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { DescribeOrganizationCommand } from '@aws-sdk/client-organizations';
import { trailBucketPolicy, type TrailBucketPayload } from '../../../model/trail-kinds.js';
import type { AccountClients } from '../account-clients.js';
import type { ApplyContext, KindProvider } from '../provider.js';
import { errorName } from '../organizations/common.js';

/** S3 in an account and region; path-style URLs on an endpoint (the local cloud, moto), virtual-host on AWS. */
export function s3In(account: AccountClients, region: string): S3Client {
  return account.customEndpoint ? account.client(PathStyleS3, region) : account.client(S3Client, region);
}

class PathStyleS3 extends S3Client {
  constructor(config: ConstructorParameters<typeof S3Client>[0]) {
    super({ ...config, forcePathStyle: true });
  }
}

/** Errors worth another attempt of the change: S3 still settling a bucket it just created. */
const S3_RETRYABLE = new Set(['NoSuchBucket', 'OperationAborted']);

async function policyOf(payload: TrailBucketPayload, ctx: ApplyContext): Promise<string> {
  if (payload.policy !== undefined) return payload.policy;
  // The organization was created by this apply: its id and the management account are known only now.
  const org = (await ctx.clients.organizations.send(new DescribeOrganizationCommand({}))).Organization!;
  return trailBucketPolicy({
    bucket: payload.name,
    trailName: payload.trailName,
    region: payload.region,
    managementAccountId: org.MasterAccountId!,
    organizationId: org.Id!,
  });
}

/**
 * The trail bucket in its account: created (with object lock when asked: AWS turns it on at creation), then every
 * setting put again, each call idempotent, so an apply killed half-way finishes on the next run.
 */
export const trailBucketProvider: KindProvider<'trail-bucket'> = {
  kind: 'trail-bucket',
  lane: () => 's3',
  isRetryable: (err) => S3_RETRYABLE.has(errorName(err)),
  async apply({ payload }, ctx) {
    const account = await ctx.clients.forAccount(ctx.resolve(payload.account));
    const s3 = s3In(account, payload.region);
    const Bucket = payload.name;
    if (payload.action === 'create') {
      try {
        await s3.send(
          new CreateBucketCommand({
            Bucket,
            ...(payload.region === 'us-east-1'
              ? {}
              : { CreateBucketConfiguration: { LocationConstraint: payload.region as BucketLocationConstraint } }),
            ...(payload.objectLock ? { ObjectLockEnabledForBucket: true } : {}),
          }),
        );
      } catch (err) {
        if (errorName(err) !== 'BucketAlreadyOwnedByYou') throw err;
      }
    }
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const e = payload.encryption;
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault:
                e.algorithm === 'AES256'
                  ? { SSEAlgorithm: 'AES256' }
                  : { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: e.kmsKeyArn },
              ...(e.algorithm === 'aws:kms' ? { BucketKeyEnabled: true } : {}),
            },
          ],
        },
      }),
    );
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
    if (payload.objectLock) {
      await s3.send(
        new PutObjectLockConfigurationCommand({
          Bucket,
          ObjectLockConfiguration: {
            ObjectLockEnabled: 'Enabled',
            Rule: { DefaultRetention: { Mode: payload.objectLock.mode, Days: payload.objectLock.days } },
          },
        }),
      );
    }
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: await policyOf(payload, ctx) }));
    return { physicalId: Bucket };
  },
};
