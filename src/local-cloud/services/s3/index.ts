import type { Operation, ResourceResolver } from '../registry.js';
import { ANY_RESOURCE, defineService } from '../registry.js';
import { bucketOwner } from './access.js';
import {
  deleteBucketEncryption,
  deleteBucketPolicy,
  deleteBucketTagging,
  deletePublicAccessBlock,
  getBucketEncryption,
  getBucketPolicy,
  getBucketTagging,
  getBucketVersioning,
  getObjectLockConfiguration,
  getPublicAccessBlock,
  putBucketEncryption,
  putBucketPolicy,
  putBucketTagging,
  putBucketVersioning,
  putObjectLockConfiguration,
  putPublicAccessBlock,
} from './bucket-config.js';
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from './buckets.js';
import { bucketArn, objectArn, str } from './common.js';
import { listObjects, listObjectsV2, listObjectVersions } from './listing.js';
import { deleteObject, deleteObjects, getObject, headObject, putObject } from './objects.js';
import { s3Route } from './route.js';
import { S3_TABLES } from './tables.js';

export { bucketPolicyAllows } from './access.js';
export type { BucketPolicyCaller, BucketPolicyQuestion } from './access.js';
export { bucketNameProblem } from './bucket-names.js';

const onBucket: ResourceResolver = (input) => bucketArn(str(input, 'Bucket') ?? '');
const onObject: ResourceResolver = (input) => objectArn(str(input, 'Bucket') ?? '', str(input, 'Key') ?? '');
/** DeleteObjects is authorized as s3:DeleteObject on the bucket's objects (AWS checks each key; see docs). */
const onObjects: ResourceResolver = (input) => objectArn(str(input, 'Bucket') ?? '', '*');

const bucketOp = (handler: Operation['handler'], action?: string): Operation =>
  action === undefined ? { handler, resource: onBucket } : { handler, resource: onBucket, action };

/** GetObject/DeleteObject of a named version are the `…Version` actions in IAM. */
const versioned =
  (action: string) =>
  (input: Record<string, unknown>): string =>
    str(input, 'VersionId') === undefined ? `s3:${action}` : `s3:${action}Version`;

/**
 * S3 (restXml, signing name s3): path-style buckets and objects with the bucket configuration an organization trail
 * needs (policy, versioning, default encryption, object lock, public access block, tags). IAM actions are S3's own
 * (HeadBucket is s3:ListBucket, PutBucketEncryption s3:PutEncryptionConfiguration…); a caller of another account
 * than the bucket's needs the bucket policy (resourceOwner).
 */
export const s3Service = defineService({
  name: 's3',
  protocol: 'rest-xml',
  signingName: 's3',
  global: false,
  unsignedPayload: true,
  restXmlRoute: s3Route,
  resourceOwner: (operation, input, store) => (operation === 'CreateBucket' ? undefined : bucketOwner(input, store)),
  operations: {
    ListBuckets: { handler: listBuckets, resource: ANY_RESOURCE, action: 's3:ListAllMyBuckets' },
    CreateBucket: bucketOp(createBucket),
    HeadBucket: bucketOp(headBucket, 's3:ListBucket'),
    DeleteBucket: bucketOp(deleteBucket),
    GetBucketLocation: bucketOp(getBucketLocation),
    PutBucketPolicy: bucketOp(putBucketPolicy),
    GetBucketPolicy: bucketOp(getBucketPolicy),
    DeleteBucketPolicy: bucketOp(deleteBucketPolicy),
    PutBucketVersioning: bucketOp(putBucketVersioning),
    GetBucketVersioning: bucketOp(getBucketVersioning),
    PutBucketEncryption: bucketOp(putBucketEncryption, 's3:PutEncryptionConfiguration'),
    GetBucketEncryption: bucketOp(getBucketEncryption, 's3:GetEncryptionConfiguration'),
    DeleteBucketEncryption: bucketOp(deleteBucketEncryption, 's3:PutEncryptionConfiguration'),
    PutObjectLockConfiguration: bucketOp(putObjectLockConfiguration, 's3:PutBucketObjectLockConfiguration'),
    GetObjectLockConfiguration: bucketOp(getObjectLockConfiguration, 's3:GetBucketObjectLockConfiguration'),
    PutPublicAccessBlock: bucketOp(putPublicAccessBlock, 's3:PutBucketPublicAccessBlock'),
    GetPublicAccessBlock: bucketOp(getPublicAccessBlock, 's3:GetBucketPublicAccessBlock'),
    DeletePublicAccessBlock: bucketOp(deletePublicAccessBlock, 's3:PutBucketPublicAccessBlock'),
    PutBucketTagging: bucketOp(putBucketTagging),
    GetBucketTagging: bucketOp(getBucketTagging),
    DeleteBucketTagging: bucketOp(deleteBucketTagging, 's3:PutBucketTagging'),
    ListObjectsV2: bucketOp(listObjectsV2, 's3:ListBucket'),
    ListObjects: bucketOp(listObjects, 's3:ListBucket'),
    ListObjectVersions: bucketOp(listObjectVersions, 's3:ListBucketVersions'),
    PutObject: { handler: putObject, resource: onObject },
    GetObject: { handler: getObject, resource: onObject, action: versioned('GetObject') },
    HeadObject: { handler: headObject, resource: onObject, action: versioned('GetObject') },
    DeleteObject: { handler: deleteObject, resource: onObject, action: versioned('DeleteObject') },
    DeleteObjects: { handler: deleteObjects, resource: onObjects, action: 's3:DeleteObject' },
  },
  tables: S3_TABLES,
  throttleError: { code: 'SlowDown', message: 'Please reduce your request rate.', status: 503 },
  internalError: { code: 'InternalError', message: 'We encountered an internal error. Please try again.', status: 500 },
});
