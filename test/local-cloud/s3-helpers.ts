import { S3Client } from '@aws-sdk/client-s3';
import type { Harness } from './helpers.js';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** An SDK v3 S3 client on the harness's local cloud (path style is what the SDK picks for an IP endpoint anyway). */
export function s3Client(
  h: Harness,
  credentials: S3Credentials = h.cloud.credentials,
  region = h.cloud.region,
): S3Client {
  return new S3Client({
    endpoint: h.cloud.endpoint,
    region,
    credentials: { ...credentials },
    forcePathStyle: true,
    maxAttempts: 1,
  });
}

export const bucketPolicy = (statement: unknown): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statement });
