import type { RestXmlRequest } from '../../protocols/rest-xml.js';
import { notImplemented } from './errors.js';

/**
 * Which S3 operation a path-style request names (`/`, `/bucket`, `/bucket/key`): the method, whether a key is
 * addressed, and the subresource in the query string (`?policy`, `?versioning`, `?list-type=2`…).
 */
type Level = 'service' | 'bucket' | 'object';

const BUCKET_SUBRESOURCES: Readonly<Record<string, Partial<Record<string, string>>>> = {
  policy: { PUT: 'PutBucketPolicy', GET: 'GetBucketPolicy', DELETE: 'DeleteBucketPolicy' },
  versioning: { PUT: 'PutBucketVersioning', GET: 'GetBucketVersioning' },
  encryption: { PUT: 'PutBucketEncryption', GET: 'GetBucketEncryption', DELETE: 'DeleteBucketEncryption' },
  'object-lock': { PUT: 'PutObjectLockConfiguration', GET: 'GetObjectLockConfiguration' },
  publicAccessBlock: { PUT: 'PutPublicAccessBlock', GET: 'GetPublicAccessBlock', DELETE: 'DeletePublicAccessBlock' },
  tagging: { PUT: 'PutBucketTagging', GET: 'GetBucketTagging', DELETE: 'DeleteBucketTagging' },
  location: { GET: 'GetBucketLocation' },
  versions: { GET: 'ListObjectVersions' },
  delete: { POST: 'DeleteObjects' },
};

/** Subresources S3 has and the local cloud does not emulate: NotImplemented rather than a wrong operation. */
const UNSUPPORTED = new Set([
  'acl',
  'cors',
  'lifecycle',
  'logging',
  'notification',
  'replication',
  'website',
  'uploads',
  'uploadId',
  'accelerate',
  'analytics',
  'inventory',
  'metrics',
  'ownershipControls',
  'requestPayment',
  'restore',
  'retention',
  'legal-hold',
  'select',
  'attributes',
  'torrent',
  'intelligent-tiering',
]);

function operationOf(
  method: string,
  level: Level,
  query: URLSearchParams,
  headers: RestXmlRequest['headers'],
): string | undefined {
  for (const name of query.keys()) if (UNSUPPORTED.has(name)) throw notImplemented();
  if (level === 'service') return method === 'GET' ? 'ListBuckets' : undefined;
  if (level === 'object') {
    if (query.has('tagging')) throw notImplemented();
    if (method === 'PUT') {
      if (headers['x-amz-copy-source'] !== undefined) throw notImplemented();
      return 'PutObject';
    }
    return { GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' }[method];
  }
  for (const [sub, ops] of Object.entries(BUCKET_SUBRESOURCES)) if (query.has(sub)) return ops[method];
  if (method === 'GET') return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
  return { PUT: 'CreateBucket', HEAD: 'HeadBucket', DELETE: 'DeleteBucket' }[method];
}

/** Query-string parameters and headers → the model's member names (the ones the emulated operations read). */
const QUERY_MEMBERS: Readonly<Record<string, string>> = {
  prefix: 'Prefix',
  delimiter: 'Delimiter',
  'max-keys': 'MaxKeys',
  'continuation-token': 'ContinuationToken',
  'start-after': 'StartAfter',
  'encoding-type': 'EncodingType',
  'fetch-owner': 'FetchOwner',
  marker: 'Marker',
  'key-marker': 'KeyMarker',
  'version-id-marker': 'VersionIdMarker',
  versionId: 'VersionId',
};

const HEADER_MEMBERS: Readonly<Record<string, string>> = {
  'content-type': 'ContentType',
  'content-encoding': 'ContentEncoding',
  'content-md5': 'ContentMD5',
  range: 'Range',
  'x-amz-acl': 'ACL',
  'x-amz-bucket-object-lock-enabled': 'ObjectLockEnabledForBucket',
  'x-amz-expected-bucket-owner': 'ExpectedBucketOwner',
  'x-amz-server-side-encryption': 'ServerSideEncryption',
  'x-amz-server-side-encryption-aws-kms-key-id': 'SSEKMSKeyId',
  'x-amz-confirm-remove-self-bucket-access': 'ConfirmRemoveSelfBucketAccess',
};

function headerValue(headers: RestXmlRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * The operation and input of a request. The payload is the input's non-enumerable `Body` (a Buffer), so what records
 * calls (CloudTrail's requestParameters) never copies object bytes; `x-amz-meta-*` headers become `Metadata`.
 */
export function s3Route(req: RestXmlRequest): { operation: string | undefined; input: Record<string, unknown> } {
  const path = req.path.startsWith('/') ? req.path.slice(1) : req.path;
  const slash = path.indexOf('/');
  const bucket = slash < 0 ? path : path.slice(0, slash);
  const key = slash < 0 ? '' : path.slice(slash + 1);
  const level: Level = bucket === '' ? 'service' : key === '' ? 'bucket' : 'object';
  const input: Record<string, unknown> = {};
  if (level !== 'service') input.Bucket = bucket;
  if (level === 'object') input.Key = key;
  for (const [param, member] of Object.entries(QUERY_MEMBERS)) {
    const v = req.query.get(param);
    if (v !== null) input[member] = v;
  }
  for (const [name, member] of Object.entries(HEADER_MEMBERS)) {
    const v = headerValue(req.headers, name);
    if (v !== undefined) input[member] = v;
  }
  const metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(req.headers)) {
    if (name.startsWith('x-amz-meta-') && raw !== undefined)
      metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(raw) ? raw.join(',') : raw;
  }
  if (Object.keys(metadata).length > 0) input.Metadata = metadata;
  Object.defineProperty(input, 'Body', { value: req.body, enumerable: false });
  // The checksums sent with the payload, in headers or aws-chunked trailers (verified by the operations that store it).
  const checksums: Record<string, string> = {};
  for (const [name, raw] of [...Object.entries(req.headers), ...Object.entries(req.trailers)]) {
    if (name.startsWith('x-amz-checksum-') && typeof raw === 'string') checksums[name] = raw;
  }
  Object.defineProperty(input, 'Checksums', { value: checksums, enumerable: false });
  return { operation: operationOf(req.method, level, req.query, req.headers), input };
}

/** The `x-amz-checksum-*` values sent with a routed request (see s3Route). */
export function checksumsOf(input: Record<string, unknown>): Record<string, string> {
  const c = (input as { Checksums?: unknown }).Checksums;
  return typeof c === 'object' && c !== null ? (c as Record<string, string>) : {};
}

/** The payload of a routed request (see s3Route). */
export function bodyOf(input: Record<string, unknown>): Buffer {
  const body = (input as { Body?: unknown }).Body;
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}
