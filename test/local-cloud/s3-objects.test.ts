import { Readable } from 'node:stream';
import * as S from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';
import { s3Client } from './s3-helpers.js';

let h: Harness;
let s3: S.S3Client;

beforeAll(async () => {
  h = await startHarness();
  s3 = s3Client(h);
  await s3.send(new S.CreateBucketCommand({ Bucket: 'objects' }));
  await s3.send(new S.CreateBucketCommand({ Bucket: 'versions' }));
});

afterAll(async () => {
  s3.destroy();
  await h.stop();
});

const put = (Key: string, Body: string | Uint8Array = Key, Bucket = 'objects') =>
  s3.send(new S.PutObjectCommand({ Bucket, Key, Body }));

describe('S3 objects through the SDK v3', () => {
  it('round-trips binary bodies, metadata and content headers', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    const out = await s3.send(
      new S.PutObjectCommand({
        Bucket: 'objects',
        Key: 'bin/data.bin',
        Body: bytes,
        ContentType: 'application/octet-stream',
        Metadata: { owner: 'team-a' },
      }),
    );
    expect(out.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const got = await s3.send(new S.GetObjectCommand({ Bucket: 'objects', Key: 'bin/data.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.from(bytes))).toBe(true);
    expect(got.Metadata).toEqual({ owner: 'team-a' });
    expect(got.ETag).toBe(out.ETag);
    const head = await s3.send(new S.HeadObjectCommand({ Bucket: 'objects', Key: 'bin/data.bin' }));
    expect(head.ContentLength).toBe(70_000);
    expect(head.ServerSideEncryption).toBe('AES256');
  });

  it('accepts a streamed body of unknown length (aws-chunked with a checksum trailer)', async () => {
    const body = Readable.from([Buffer.from('chunk one, '), Buffer.from('chunk two')]);
    const upload = new S.PutObjectCommand({ Bucket: 'objects', Key: 'streamed.txt', Body: body, ContentLength: 20 });
    await s3.send(upload);
    const got = await s3.send(new S.GetObjectCommand({ Bucket: 'objects', Key: 'streamed.txt' }));
    expect(await got.Body!.transformToString()).toBe('chunk one, chunk two');
  });

  it('serves byte ranges and refuses unsatisfiable ones', async () => {
    await put('range.txt', '0123456789');
    const mid = await s3.send(new S.GetObjectCommand({ Bucket: 'objects', Key: 'range.txt', Range: 'bytes=2-4' }));
    expect(await mid.Body!.transformToString()).toBe('234');
    expect(mid.ContentRange).toBe('bytes 2-4/10');
    const tail = await s3.send(new S.GetObjectCommand({ Bucket: 'objects', Key: 'range.txt', Range: 'bytes=-3' }));
    expect(await tail.Body!.transformToString()).toBe('789');
    const bad = await awsError(() =>
      s3.send(new S.GetObjectCommand({ Bucket: 'objects', Key: 'range.txt', Range: 'bytes=50-60' })),
    );
    expect([bad.name, bad.status]).toEqual(['InvalidRange', 416]);
  });

  it('keeps keys with slashes, spaces, unicode and dot segments as given', async () => {
    const keys = [
      'a/b/c.txt',
      'with space & plus+.txt',
      'ünïcødé/日本.txt',
      '../../etc/passwd',
      'a//double',
      'q?x=1#frag',
    ];
    for (const k of keys) await put(k);
    for (const k of keys) {
      const got = await s3.send(new S.GetObjectCommand({ Bucket: 'objects', Key: k }));
      expect(await got.Body!.transformToString()).toBe(k);
    }
    const listed = await s3.send(new S.ListObjectsV2Command({ Bucket: 'objects' }));
    expect(listed.Contents?.map((c) => c.Key)).toEqual(expect.arrayContaining(keys));
  });

  it('answers AWS errors for missing buckets and keys, and a bucket that is not empty', async () => {
    const noBucket = await awsError(() => s3.send(new S.GetObjectCommand({ Bucket: 'no-such-bucket-x', Key: 'k' })));
    expect([noBucket.name, noBucket.status, noBucket.message]).toEqual([
      'NoSuchBucket',
      404,
      'The specified bucket does not exist',
    ]);
    const noKey = await awsError(() => s3.send(new S.GetObjectCommand({ Bucket: 'objects', Key: 'missing' })));
    expect([noKey.name, noKey.status]).toEqual(['NoSuchKey', 404]);
    const notEmpty = await awsError(() => s3.send(new S.DeleteBucketCommand({ Bucket: 'objects' })));
    expect([notEmpty.name, notEmpty.status]).toEqual(['BucketNotEmpty', 409]);
    const badName = await awsError(() => s3.send(new S.CreateBucketCommand({ Bucket: 'xn--reserved-prefix' })));
    expect(badName.name).toBe('InvalidBucketName');
  });
});

describe('ListObjectsV2 paging', () => {
  beforeAll(async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'paging' }));
    for (let i = 0; i < 12; i++) await put(`logs/2024/${String(i).padStart(2, '0')}.json`, 'x', 'paging');
    for (const k of ['logs/2025/a', 'logs/2025/b', 'other/x', 'top.txt']) await put(k, 'x', 'paging');
  });

  it('pages with max-keys and continuation tokens until every key is seen once', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(
        new S.ListObjectsV2Command({ Bucket: 'paging', MaxKeys: 5, ContinuationToken: token }),
      );
      pages++;
      expect(page.KeyCount).toBe(page.Contents?.length ?? 0);
      seen.push(...(page.Contents ?? []).map((c) => c.Key ?? ''));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(16);
    expect([...seen].sort()).toEqual(seen);
  });

  it('groups keys into common prefixes with a delimiter, each prefix one entry of a page', async () => {
    const top = await s3.send(new S.ListObjectsV2Command({ Bucket: 'paging', Delimiter: '/' }));
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['logs/', 'other/']);
    expect(top.Contents?.map((c) => c.Key)).toEqual(['top.txt']);
    const years: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new S.ListObjectsV2Command({
          Bucket: 'paging',
          Prefix: 'logs/',
          Delimiter: '/',
          MaxKeys: 1,
          ContinuationToken: token,
        }),
      );
      years.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''));
      token = page.NextContinuationToken;
    } while (token !== undefined);
    expect(years).toEqual(['logs/2024/', 'logs/2025/']);
  });

  it('starts after a key and refuses a forged continuation token', async () => {
    const after = await s3.send(new S.ListObjectsV2Command({ Bucket: 'paging', StartAfter: 'logs/2025/a' }));
    expect(after.Contents?.map((c) => c.Key)).toEqual(['logs/2025/b', 'other/x', 'top.txt']);
    const forged = await awsError(() =>
      s3.send(new S.ListObjectsV2Command({ Bucket: 'paging', ContinuationToken: 'not-a-token' })),
    );
    expect(forged.name).toBe('InvalidArgument');
  });
});

describe('versioning', () => {
  it('keeps old versions, writes delete markers and lists both', async () => {
    await s3.send(
      new S.PutBucketVersioningCommand({ Bucket: 'versions', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const v1 = await put('doc.txt', 'one', 'versions');
    const v2 = await put('doc.txt', 'two', 'versions');
    expect(v1.VersionId).toMatch(/^[\w-]{32}$/);
    expect(v2.VersionId).not.toBe(v1.VersionId);
    const old = await s3.send(new S.GetObjectCommand({ Bucket: 'versions', Key: 'doc.txt', VersionId: v1.VersionId }));
    expect(await old.Body!.transformToString()).toBe('one');
    const del = await s3.send(new S.DeleteObjectCommand({ Bucket: 'versions', Key: 'doc.txt' }));
    expect(del.DeleteMarker).toBe(true);
    const gone = await awsError(() => s3.send(new S.GetObjectCommand({ Bucket: 'versions', Key: 'doc.txt' })));
    expect(gone.name).toBe('NoSuchKey');
    const listed = await s3.send(new S.ListObjectVersionsCommand({ Bucket: 'versions' }));
    expect(listed.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([
      [v2.VersionId, false],
      [v1.VersionId, false],
    ]);
    expect(listed.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest])).toEqual([[del.VersionId, true]]);
    // Removing the marker brings the newest version back.
    await s3.send(new S.DeleteObjectCommand({ Bucket: 'versions', Key: 'doc.txt', VersionId: del.VersionId }));
    const back = await s3.send(new S.GetObjectCommand({ Bucket: 'versions', Key: 'doc.txt' }));
    expect(await back.Body!.transformToString()).toBe('two');
  });

  it('deletes many keys in one DeleteObjects call', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'bulk-delete' }));
    for (const k of ['a', 'b', 'c']) await put(k, k, 'bulk-delete');
    const out = await s3.send(
      new S.DeleteObjectsCommand({ Bucket: 'bulk-delete', Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }] } }),
    );
    expect(out.Deleted?.map((d) => d.Key)).toEqual(['a', 'b']);
    const left = await s3.send(new S.ListObjectsV2Command({ Bucket: 'bulk-delete' }));
    expect(left.Contents?.map((c) => c.Key)).toEqual(['c']);
  });
});
