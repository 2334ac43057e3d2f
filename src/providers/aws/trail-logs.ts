import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { AwsClients } from './clients.js';

/** A trail as DescribeTrails reports it: where it delivers its log files. */
export interface LiveTrail {
  name: string;
  arn?: string;
  bucketName: string;
  /** The S3KeyPrefix before `AWSLogs/` ('' when none). */
  keyPrefix: string;
  isOrganizationTrail: boolean;
  homeRegion?: string;
}

/** The trails the caller's account sees in the client's region, shadow trails of multi-region trails included. */
export async function describeTrails(clients: AwsClients): Promise<LiveTrail[]> {
  const res = await clients.client(CloudTrailClient).send(new DescribeTrailsCommand({ includeShadowTrails: true }));
  return (res.trailList ?? []).flatMap((t) =>
    t.Name && t.S3BucketName
      ? [
          {
            name: t.Name,
            ...(t.TrailARN ? { arn: t.TrailARN } : {}),
            bucketName: t.S3BucketName,
            keyPrefix: t.S3KeyPrefix ?? '',
            isOrganizationTrail: t.IsOrganizationTrail === true,
            ...(t.HomeRegion ? { homeRegion: t.HomeRegion } : {}),
          },
        ]
      : [],
  );
}

/** Read access to one bucket: keys and folders under a prefix, and whole objects. */
export interface BucketReader {
  /** Every key (and, with a delimiter, every folder) under `prefix`, following continuation tokens. */
  list(prefix: string, delimiter?: string): Promise<{ keys: string[]; folders: string[] }>;
  get(key: string): Promise<Uint8Array>;
}

// Endpoints (the local cloud, moto) take path-style requests; on AWS the SDK's virtual-host style is right.
// Either way a bucket in another region answers with a redirect the client follows.
class PathStyleS3Client extends S3Client {
  constructor(config: S3ClientConfig) {
    super({ ...config, forcePathStyle: true, followRegionRedirects: true });
  }
}
class RedirectingS3Client extends S3Client {
  constructor(config: S3ClientConfig) {
    super({ ...config, followRegionRedirects: true });
  }
}

/**
 * Reads `bucket` as `accountId`: with the target's own credentials when that is the caller's account, else
 * through the role other commands assume in member accounts (OrganizationAccountAccessRole).
 */
export async function bucketReader(
  clients: AwsClients,
  bucket: string,
  options: { accountId: string; callerAccountId: string; pathStyle: boolean },
): Promise<BucketReader> {
  const ctor = options.pathStyle ? PathStyleS3Client : RedirectingS3Client;
  const s3 =
    options.accountId === options.callerAccountId
      ? clients.client(ctor)
      : (await clients.forAccount(options.accountId)).client(ctor);
  return {
    async list(prefix, delimiter) {
      const keys: string[] = [];
      const folders: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ...(delimiter ? { Delimiter: delimiter } : {}),
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
        for (const p of page.CommonPrefixes ?? []) if (p.Prefix) folders.push(p.Prefix);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return { keys, folders };
    },
    async get(key) {
      const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!res.Body) return new Uint8Array();
      return res.Body.transformToByteArray();
    },
  };
}
