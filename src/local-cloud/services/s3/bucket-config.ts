import type { RestXmlOutput, XmlNode } from '../../protocols/rest-xml.js';
import { child, childText, malformedXml, requestDocument } from '../../protocols/rest-xml.js';
import { AwsApiError } from '../../errors.js';
import type { HandlerContext } from '../registry.js';
import { NO_CONTENT, requireBucket } from './common.js';
import {
  invalidArgument,
  invalidBucketState,
  noSuchBucketPolicy,
  noSuchPublicAccessBlock,
  noSuchTagSet,
  objectLockNotFound,
} from './errors.js';
import { checkBucketPolicy } from './policy-check.js';
import { bodyOf } from './route.js';
import type { BucketEncryption, ObjectLockConfiguration, PublicAccessBlock, S3BucketRecord } from './tables.js';

type Handler = (input: Record<string, unknown>, ctx: HandlerContext) => RestXmlOutput;

function update(ctx: HandlerContext, bucket: S3BucketRecord, change: Partial<S3BucketRecord>): void {
  ctx.store.put('s3Buckets', bucket.name, { ...bucket, ...change });
}

function without(bucket: S3BucketRecord, field: keyof S3BucketRecord): S3BucketRecord {
  const copy = { ...bucket };
  delete copy[field];
  return copy;
}

// ---------- policy ----------

export const putBucketPolicy: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const text = bodyOf(input).toString('utf8');
  checkBucketPolicy(text, bucket.name);
  update(ctx, bucket, { policy: text });
  return NO_CONTENT;
};

export const getBucketPolicy: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  if (bucket.policy === undefined) throw noSuchBucketPolicy(bucket.name);
  return { headers: { 'content-type': 'application/json' }, body: bucket.policy };
};

export const deleteBucketPolicy: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  ctx.store.put('s3Buckets', bucket.name, without(bucket, 'policy'));
  return NO_CONTENT;
};

// ---------- versioning ----------

export const putBucketVersioning: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const doc = requestDocument(bodyOf(input), 'VersioningConfiguration');
  const status = childText(doc, 'Status');
  if (status === undefined) return NO_CONTENT;
  if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
  if (status === 'Suspended' && bucket.objectLock?.enabled === true)
    throw invalidBucketState(
      'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.',
    );
  update(ctx, bucket, { versioning: status });
  return NO_CONTENT;
};

export const getBucketVersioning: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  return { xml: { root: 'VersioningConfiguration', value: { Status: bucket.versioning } } };
};

// ---------- default encryption ----------

const SSE_ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);
/** AWS encrypts every bucket with SSE-S3 unless told otherwise (since January 2023). */
const DEFAULT_ENCRYPTION: BucketEncryption = { sseAlgorithm: 'AES256', bucketKeyEnabled: false };

export const putBucketEncryption: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const doc = requestDocument(bodyOf(input), 'ServerSideEncryptionConfiguration');
  const rule = child(doc, 'Rule');
  const byDefault = rule === undefined ? undefined : child(rule, 'ApplyServerSideEncryptionByDefault');
  const algorithm = byDefault === undefined ? undefined : childText(byDefault, 'SSEAlgorithm');
  if (rule === undefined || byDefault === undefined || algorithm === undefined || !SSE_ALGORITHMS.has(algorithm))
    throw malformedXml();
  const encryption: BucketEncryption = { sseAlgorithm: algorithm };
  const keyId = childText(byDefault, 'KMSMasterKeyID');
  if (keyId !== undefined && keyId !== '') {
    if (algorithm === 'AES256')
      throw invalidArgument(
        'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
        'ApplyServerSideEncryptionByDefault',
      );
    encryption.kmsMasterKeyId = keyId;
  }
  const bucketKey = childText(rule, 'BucketKeyEnabled');
  if (bucketKey !== undefined) {
    if (bucketKey !== 'true' && bucketKey !== 'false') throw malformedXml();
    encryption.bucketKeyEnabled = bucketKey === 'true';
  }
  update(ctx, bucket, { encryption });
  return NO_CONTENT;
};

/** The default SSE-S3 configuration when none was put: S3 has answered so since default encryption (2023). */
export const getBucketEncryption: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const e = bucket.encryption ?? DEFAULT_ENCRYPTION;
  return {
    xml: {
      root: 'ServerSideEncryptionConfiguration',
      value: {
        Rule: {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: e.sseAlgorithm, KMSMasterKeyID: e.kmsMasterKeyId },
          BucketKeyEnabled: e.bucketKeyEnabled ?? false,
        },
      },
    },
  };
};

export const deleteBucketEncryption: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  ctx.store.put('s3Buckets', bucket.name, without(bucket, 'encryption'));
  return NO_CONTENT;
};

// ---------- object lock ----------

function positiveInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d{1,10}$/.test(text)) throw malformedXml();
  const n = Number(text);
  if (n <= 0) throw invalidArgument('Default retention period must be a positive integer value', 'Days', text);
  return n;
}

function retentionOf(rule: XmlNode | undefined): ObjectLockConfiguration['defaultRetention'] {
  if (rule === undefined) return undefined;
  const retention = child(rule, 'DefaultRetention');
  if (retention === undefined) throw malformedXml();
  const mode = childText(retention, 'Mode');
  if (mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') throw malformedXml();
  const days = positiveInt(childText(retention, 'Days'));
  const years = positiveInt(childText(retention, 'Years'));
  if ((days === undefined) === (years === undefined)) throw malformedXml();
  return days !== undefined ? { mode, days } : { mode, years: years ?? 0 };
}

/** PutObjectLockConfiguration: on a bucket created with object lock, or one with versioning Enabled (InvalidBucketState). */
export const putObjectLockConfiguration: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const doc = requestDocument(bodyOf(input), 'ObjectLockConfiguration');
  if (childText(doc, 'ObjectLockEnabled') !== 'Enabled') throw malformedXml();
  const defaultRetention = retentionOf(child(doc, 'Rule'));
  if (bucket.objectLock?.enabled !== true && bucket.versioning !== 'Enabled')
    throw invalidBucketState("Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
  const objectLock: ObjectLockConfiguration = { enabled: true };
  if (defaultRetention !== undefined) objectLock.defaultRetention = defaultRetention;
  update(ctx, bucket, { objectLock });
  return NO_CONTENT;
};

export const getObjectLockConfiguration: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const lock = bucket.objectLock;
  if (lock?.enabled !== true) throw objectLockNotFound(bucket.name);
  const r = lock.defaultRetention;
  return {
    xml: {
      root: 'ObjectLockConfiguration',
      value: {
        ObjectLockEnabled: 'Enabled',
        Rule: r === undefined ? undefined : { DefaultRetention: { Mode: r.mode, Days: r.days, Years: r.years } },
      },
    },
  };
};

// ---------- public access block ----------

const PAB_FIELDS = [
  ['BlockPublicAcls', 'blockPublicAcls'],
  ['IgnorePublicAcls', 'ignorePublicAcls'],
  ['BlockPublicPolicy', 'blockPublicPolicy'],
  ['RestrictPublicBuckets', 'restrictPublicBuckets'],
] as const;

export const putPublicAccessBlock: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const doc = requestDocument(bodyOf(input), 'PublicAccessBlockConfiguration');
  const pab: PublicAccessBlock = {
    blockPublicAcls: false,
    ignorePublicAcls: false,
    blockPublicPolicy: false,
    restrictPublicBuckets: false,
  };
  for (const [element, field] of PAB_FIELDS) {
    const v = childText(doc, element);
    if (v === undefined) continue;
    if (v !== 'true' && v !== 'false') throw malformedXml();
    pab[field] = v === 'true';
  }
  update(ctx, bucket, { publicAccessBlock: pab });
  return NO_CONTENT;
};

export const getPublicAccessBlock: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const pab = bucket.publicAccessBlock;
  if (pab === undefined) throw noSuchPublicAccessBlock(bucket.name);
  const value: Record<string, boolean> = {};
  for (const [element, field] of PAB_FIELDS) value[element] = pab[field];
  return { xml: { root: 'PublicAccessBlockConfiguration', value } };
};

export const deletePublicAccessBlock: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  ctx.store.put('s3Buckets', bucket.name, without(bucket, 'publicAccessBlock'));
  return NO_CONTENT;
};

// ---------- tagging ----------

export const putBucketTagging: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const doc = requestDocument(bodyOf(input), 'Tagging');
  const set = child(doc, 'TagSet');
  if (set === undefined) throw malformedXml();
  const tags: Record<string, string> = {};
  for (const tag of set.children.filter((c) => c.name === 'Tag')) {
    const key = childText(tag, 'Key');
    const value = childText(tag, 'Value') ?? '';
    if (key === undefined || key === '' || key.length > 128 || value.length > 256)
      throw invalidArgument('The TagKey you have provided is invalid', 'TagKey', key ?? '');
    if (Object.hasOwn(tags, key))
      throw invalidArgument('Cannot provide multiple Tags with the same key', 'TagKey', key);
    tags[key] = value;
  }
  if (Object.keys(tags).length > 50)
    throw new AwsApiError('InvalidTag', 'Bucket tag count cannot be greater than 50', 400);
  update(ctx, bucket, { tags });
  return NO_CONTENT;
};

export const getBucketTagging: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  if (bucket.tags === undefined || Object.keys(bucket.tags).length === 0) throw noSuchTagSet(bucket.name);
  return {
    xml: {
      root: 'Tagging',
      value: { TagSet: { Tag: Object.entries(bucket.tags).map(([Key, Value]) => ({ Key, Value })) } },
    },
  };
};

export const deleteBucketTagging: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  ctx.store.put('s3Buckets', bucket.name, without(bucket, 'tags'));
  return NO_CONTENT;
};
