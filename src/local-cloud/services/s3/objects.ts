import { createHash } from 'node:crypto';
import { AwsApiError } from '../../errors.js';
import type { RestXmlOutput } from '../../protocols/rest-xml.js';
import { childText, malformedXml, requestDocument } from '../../protocols/rest-xml.js';
import type { HandlerContext } from '../registry.js';
import { NO_CONTENT, requireBucket, str } from './common.js';
import { invalidArgument, invalidRange, invalidRequest, noSuchKey, noSuchVersion } from './errors.js';
import { deleteCurrent, deleteVersion, MAX_LOCAL_OBJECT_BYTES, versionsOf, writeObject } from './object-writes.js';
import { verifyChecksums } from './checksums.js';
import { bodyOf, checksumsOf } from './route.js';
import type { S3BucketRecord, S3ObjectRecord } from './tables.js';
import { objectVersionKey } from './tables.js';

type Handler = (input: Record<string, unknown>, ctx: HandlerContext) => RestXmlOutput;

/** What S3 stores when PutObject names no Content-Type. */
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

function sseHeaders(bucket: S3BucketRecord): Record<string, string> {
  const e = bucket.encryption;
  const headers: Record<string, string> = { 'x-amz-server-side-encryption': e?.sseAlgorithm ?? 'AES256' };
  if (e?.kmsMasterKeyId !== undefined) headers['x-amz-server-side-encryption-aws-kms-key-id'] = e.kmsMasterKeyId;
  return headers;
}

/** `Content-Encoding` as stored: the aws-chunked transfer framing is not part of the object. */
function storedEncoding(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const rest = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e.toLowerCase() !== 'aws-chunked');
  return rest.length === 0 ? undefined : rest.join(',');
}

function checkContentMd5(input: Record<string, unknown>, body: Buffer): void {
  const md5 = str(input, 'ContentMD5');
  if (md5 === undefined) return;
  if (!/^[A-Za-z0-9+/]{22}==$/.test(md5))
    throw new AwsApiError('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': md5 });
  if (createHash('md5').update(body).digest('base64') !== md5)
    throw new AwsApiError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
}

export const putObject: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const body = bodyOf(input);
  if (body.length > MAX_LOCAL_OBJECT_BYTES)
    throw new AwsApiError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
      ProposedSize: String(body.length),
      MaxSizeAllowed: String(MAX_LOCAL_OBJECT_BYTES),
    });
  const key = str(input, 'Key') ?? '';
  if (Buffer.byteLength(key) > 1024) throw new AwsApiError('KeyTooLongError', 'Your key is too long', 400);
  checkContentMd5(input, body);
  const echo = verifyChecksums(body, checksumsOf(input));
  const metadata = input.Metadata as Record<string, string> | undefined;
  const encoding = storedEncoding(str(input, 'ContentEncoding'));
  const record = writeObject(
    ctx.store,
    {
      bucket: bucket.name,
      key,
      body,
      contentType: str(input, 'ContentType') ?? DEFAULT_CONTENT_TYPE,
      ...(encoding === undefined ? {} : { contentEncoding: encoding }),
      ownerAccountId: ctx.principal.accountId,
      ...(metadata === undefined ? {} : { metadata }),
    },
    ctx.now,
  );
  const headers: Record<string, string> = { etag: record.etag, ...sseHeaders(bucket), ...echo };
  if (bucket.versioning !== undefined) headers['x-amz-version-id'] = record.versionId;
  return { headers };
};

/** The version a Get/Head names: the current one, or `versionId` (NoSuchKey / NoSuchVersion, a marker is 404/405). */
function findVersion(input: Record<string, unknown>, ctx: HandlerContext, bucket: S3BucketRecord): S3ObjectRecord {
  const key = str(input, 'Key') ?? '';
  const versionId = str(input, 'VersionId');
  if (versionId === undefined) {
    const current = versionsOf(ctx.store, bucket.name, key).find((v) => v.isLatest);
    if (current === undefined || current.deleteMarker) throw noSuchKey(key);
    return current;
  }
  const version = ctx.store.get('s3Objects', objectVersionKey(bucket.name, key, versionId));
  if (version === undefined) {
    if (versionId !== 'null' && !/^[A-Za-z0-9._-]{1,1024}$/.test(versionId))
      throw invalidArgument('Invalid version id specified', 'versionId', versionId);
    throw noSuchVersion(key, versionId);
  }
  if (version.deleteMarker)
    throw new AwsApiError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
      Method: 'GET',
      ResourceType: 'DeleteMarker',
    });
  return version;
}

function objectHeaders(o: S3ObjectRecord, bucket: S3BucketRecord): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': o.contentType,
    etag: o.etag,
    'last-modified': new Date(o.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    ...sseHeaders(bucket),
  };
  if (o.contentEncoding !== undefined) headers['content-encoding'] = o.contentEncoding;
  if (bucket.versioning !== undefined) headers['x-amz-version-id'] = o.versionId;
  for (const [k, v] of Object.entries(o.metadata)) headers[`x-amz-meta-${k}`] = v;
  return headers;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → [start, end] inclusive; undefined for a header S3 ignores (not bytes=…). */
function rangeOf(header: string | undefined, size: number): [number, number] | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (m === null || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) throw invalidRange(size);
    return [Math.max(0, size - n), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || (m[2] !== '' && Number(m[2]) < start)) throw invalidRange(size);
  return [start, end];
}

export const getObject: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const o = findVersion(input, ctx, bucket);
  const body = Buffer.from(o.body, 'base64');
  const headers = objectHeaders(o, bucket);
  const range = rangeOf(str(input, 'Range'), body.length);
  if (range === undefined) return { headers, body };
  const [start, end] = range;
  headers['content-range'] = `bytes ${start}-${end}/${body.length}`;
  return { status: 206, headers, body: body.subarray(start, end + 1) };
};

/** HeadObject: GetObject's headers, the object's length, no body. */
export const headObject: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const o = findVersion(input, ctx, bucket);
  return { headers: { ...objectHeaders(o, bucket), 'content-length': String(o.size) } };
};

interface Deletion {
  key: string;
  versionId?: string;
  deleteMarker?: boolean;
  deleteMarkerVersionId?: string;
}

function deleteOne(ctx: HandlerContext, bucket: S3BucketRecord, key: string, versionId: string | undefined): Deletion {
  if (versionId !== undefined) {
    const removed = deleteVersion(ctx.store, bucket.name, key, versionId);
    const d: Deletion = { key, versionId };
    if (removed?.deleteMarker === true) {
      d.deleteMarker = true;
      d.deleteMarkerVersionId = versionId;
    }
    return d;
  }
  const marker = deleteCurrent(ctx.store, bucket.name, key, ctx.now);
  return marker === undefined ? { key } : { key, deleteMarker: true, deleteMarkerVersionId: marker.versionId };
}

/** DeleteObject: 204 whether or not the key existed, as S3 answers. */
export const deleteObject: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const d = deleteOne(ctx, bucket, str(input, 'Key') ?? '', str(input, 'VersionId'));
  const headers: Record<string, string> = {};
  if (d.deleteMarker === true) headers['x-amz-delete-marker'] = 'true';
  const version = d.deleteMarkerVersionId ?? d.versionId;
  if (version !== undefined) headers['x-amz-version-id'] = version;
  return { ...NO_CONTENT, headers };
};

/** DeleteObjects: up to 1000 keys, an integrity header required (Content-MD5 or a checksum), Quiet answers only errors. */
export const deleteObjects: Handler = (input, ctx) => {
  const bucket = requireBucket(input, ctx);
  const body = bodyOf(input);
  const checksums = checksumsOf(input);
  if (input.ContentMD5 === undefined && Object.keys(checksums).length === 0)
    throw invalidRequest('Missing required header for this request: Content-MD5 OR x-amz-checksum-*');
  checkContentMd5(input, body);
  verifyChecksums(body, checksums);
  const doc = requestDocument(body, 'Delete');
  const objects = doc.children.filter((c) => c.name === 'Object');
  if (objects.length === 0 || objects.length > 1000) throw malformedXml();
  const quiet = childText(doc, 'Quiet') === 'true';
  const deleted = objects.map((o) => {
    const key = childText(o, 'Key');
    if (key === undefined || key === '') throw malformedXml();
    return deleteOne(ctx, bucket, key, childText(o, 'VersionId'));
  });
  return {
    xml: {
      root: 'DeleteResult',
      value: {
        Deleted: quiet
          ? []
          : deleted.map((d) => ({
              Key: d.key,
              VersionId: d.versionId,
              DeleteMarker: d.deleteMarker,
              DeleteMarkerVersionId: d.deleteMarkerVersionId,
            })),
      },
    },
  };
};
