import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LOCAL_OBJECT_BYTES } from '../../src/local-cloud/services/s3/object-writes.js';
import type { Harness } from './helpers.js';
import { startHarness } from './helpers.js';
import type { S3RawRequest } from './s3-raw-client.js';
import { chunkSignature, errorCode, s3Raw, sendRaw, signS3 } from './s3-raw-client.js';

/* Requests no SDK sends: what the S3 front refuses, and that it refuses it with S3's own XML errors. */

let h: Harness;
const raw = (req: S3RawRequest) => s3Raw(h.cloud.endpoint, h.cloud.credentials, req);
const getText = async (target: string): Promise<string> => (await raw({ method: 'GET', target })).body;

beforeAll(async () => {
  h = await startHarness();
  expect((await raw({ method: 'PUT', target: '/raw-bucket' })).status).toBe(200);
});

afterAll(async () => {
  await h.stop();
});

describe('S3 error documents', () => {
  it('are <Error> with Code, Message and the RequestId of the x-amz-request-id header', async () => {
    const r = await raw({ method: 'GET', target: '/no-such-raw-bucket?policy' });
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchBucket<\/Code><Message>The specified bucket does not exist<\/Message><BucketName>no-such-raw-bucket<\/BucketName><RequestId>([^<]+)<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/,
    );
    expect(r.body).toContain(`<RequestId>${String(r.headers['x-amz-request-id'])}</RequestId>`);
  });

  it('HEAD answers the status with no body', async () => {
    const r = await raw({ method: 'HEAD', target: '/raw-bucket/missing' });
    expect([r.status, r.body]).toEqual([404, '']);
  });

  it('unknown subresources are NotImplemented and a method a path has not is MethodNotAllowed', async () => {
    const acl = await raw({ method: 'GET', target: '/raw-bucket?acl' });
    expect([acl.status, errorCode(acl)]).toEqual([501, 'NotImplemented']);
    const post = await raw({ method: 'DELETE', target: '/' });
    expect([post.status, errorCode(post)]).toEqual([405, 'MethodNotAllowed']);
  });

  it('a missing signature is AccessDenied and a body swapped under one is SignatureDoesNotMatch', async () => {
    const anonymous = await sendRaw(
      h.cloud.endpoint,
      'GET',
      '/raw-bucket',
      { host: new URL(h.cloud.endpoint).host },
      '',
    );
    expect(anonymous.status).toBe(403);
    const signed = signS3(h.cloud.endpoint, h.cloud.credentials, { method: 'PUT', target: '/raw-bucket/k', body: 'a' });
    const swapped = await sendRaw(h.cloud.endpoint, 'PUT', '/raw-bucket/k', signed.headers, 'b');
    expect([swapped.status, errorCode(swapped)]).toEqual([403, 'SignatureDoesNotMatch']);
  });
});

describe('malformed XML bodies', () => {
  const versioning = (body: string) => raw({ method: 'PUT', target: '/raw-bucket?versioning', body });
  it.each([
    ['not XML at all', 'Enabled'],
    ['an unclosed element', '<VersioningConfiguration><Status>Enabled</VersioningConfiguration>'],
    ['the wrong root', '<Versioning><Status>Enabled</Status></Versioning>'],
    ['an unknown status', '<VersioningConfiguration><Status>On</Status></VersioningConfiguration>'],
    [
      'a DOCTYPE with an external entity',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><VersioningConfiguration><Status>&e;</Status></VersioningConfiguration>',
    ],
    ['an unknown entity', '<VersioningConfiguration><Status>&bogus;</Status></VersioningConfiguration>'],
    ['nesting 1000 deep', `${'<a>'.repeat(1000)}${'</a>'.repeat(1000)}`],
  ])('%s is MalformedXML', async (_label, body) => {
    const r = await versioning(body);
    expect([r.status, errorCode(r)]).toEqual([400, 'MalformedXML']);
  });

  it('a bucket policy that is not a JSON object is MalformedPolicy', async () => {
    const r = await raw({ method: 'PUT', target: '/raw-bucket?policy', body: '[1,2]' });
    expect([r.status, errorCode(r)]).toEqual([400, 'MalformedPolicy']);
    expect(r.body).toContain("Policies must be valid JSON and the first byte must be '{'");
  });
});

describe('aws-chunked payloads', () => {
  const framed = (chunks: { data: Buffer; sig?: string }[], trailer = ''): Buffer =>
    Buffer.concat([
      ...chunks.map((c) =>
        Buffer.concat([
          Buffer.from(`${c.data.length.toString(16)}${c.sig === undefined ? '' : `;chunk-signature=${c.sig}`}\r\n`),
          c.data,
          Buffer.from(c.data.length === 0 ? '' : '\r\n'),
        ]),
      ),
      Buffer.from(`${trailer}\r\n`),
    ]);

  /** Signs a STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload of `parts`, letting `tamper` change the body after signing. */
  function signedStream(key: string, parts: string[], tamper?: (body: Buffer) => Buffer) {
    const data = parts.map((p) => Buffer.from(p));
    const total = data.reduce((n, d) => n + d.length, 0);
    const target = `/raw-bucket/${key}`;
    const signed = signS3(h.cloud.endpoint, h.cloud.credentials, {
      method: 'PUT',
      target,
      payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(total) },
    });
    let previous = signed.signature;
    const chunks = [...data, Buffer.alloc(0)].map((d) => {
      previous = chunkSignature(signed, previous, d);
      return { data: d, sig: previous };
    });
    const body = framed(chunks);
    return sendRaw(h.cloud.endpoint, 'PUT', target, signed.headers, tamper === undefined ? body : tamper(body));
  }

  it('a signed stream is stored without its framing', async () => {
    const r = await signedStream('signed-stream', ['hello ', 'chunked ', 'world']);
    expect(r.status).toBe(200);
    expect(await getText('/raw-bucket/signed-stream')).toBe('hello chunked world');
  });

  it('a chunk changed after signing is SignatureDoesNotMatch', async () => {
    const r = await signedStream('tampered', ['hello ', 'world'], (b) =>
      Buffer.from(b.toString('latin1').replace('world', 'WORLD'), 'latin1'),
    );
    expect([r.status, errorCode(r)]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  const unsignedTrailer = (target: string, body: Buffer, decoded: number) =>
    raw({
      method: 'PUT',
      target,
      body,
      payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      headers: {
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': String(decoded),
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
    });

  it('an unsigned stream with a CRC32 trailer is verified and stored', async () => {
    // CRC32("hello world") = 0x0d4a1185
    const body = framed(
      [{ data: Buffer.from('hello world') }, { data: Buffer.alloc(0) }],
      'x-amz-checksum-crc32:DUoRhQ==\r\n',
    );
    const r = await unsignedTrailer('/raw-bucket/trailer', body, 11);
    expect(r.status).toBe(200);
    expect(r.headers['x-amz-checksum-crc32']).toBe('DUoRhQ==');
    expect(await getText('/raw-bucket/trailer')).toBe('hello world');
    const wrong = framed(
      [{ data: Buffer.from('hello world') }, { data: Buffer.alloc(0) }],
      'x-amz-checksum-crc32:AAAAAA==\r\n',
    );
    const bad = await unsignedTrailer('/raw-bucket/trailer-bad', wrong, 11);
    expect([bad.status, errorCode(bad)]).toEqual([400, 'BadDigest']);
  });

  it.each([
    ['a size that is not hex', Buffer.from('zz\r\nhello\r\n0\r\n\r\n')],
    ['a chunk longer than the data', Buffer.from('ff\r\nhello\r\n0\r\n\r\n')],
    ['no final chunk', Buffer.from('5\r\nhello\r\n')],
    ['data after the final chunk', Buffer.from('5\r\nhello\r\n0\r\n\r\ngarbage')],
    ['a chunk not followed by CRLF', Buffer.from('5\r\nhelloXX0\r\n\r\n')],
  ])('%s is InvalidRequest', async (_label, body) => {
    const r = await unsignedTrailer('/raw-bucket/broken', body, 5);
    expect([r.status, errorCode(r)]).toEqual([400, 'InvalidRequest']);
  });

  it('a decoded length that does not match is IncompleteBody', async () => {
    const body = framed([{ data: Buffer.from('hello') }, { data: Buffer.alloc(0) }]);
    const r = await unsignedTrailer('/raw-bucket/short', body, 50);
    expect([r.status, errorCode(r)]).toEqual([400, 'IncompleteBody']);
  });
});

describe('keys and sizes', () => {
  it('a path traversal key is only a key: stored under its name, nothing written outside the store', async () => {
    const put = await raw({
      method: 'PUT',
      target: '/raw-bucket/..%2F..%2F..%2Fescape.txt',
      body: 'x',
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    expect(put.status).toBe(200);
    const list = await getText('/raw-bucket?list-type=2&prefix=..');
    expect(list).toContain('<Key>../../../escape.txt</Key>');
    expect(existsSync(join(h.dataDir, '..', '..', '..', 'escape.txt'))).toBe(false);
    expect(readdirSync(h.dataDir).some((f) => f.includes('escape'))).toBe(false);
  });

  it('an undecodable path is InvalidURI', async () => {
    const r = await raw({ method: 'GET', target: '/raw-bucket/%E0%A4%A' });
    expect([r.status, errorCode(r)]).toEqual([400, 'InvalidURI']);
  });

  it('an object over MAX_LOCAL_OBJECT_BYTES is EntityTooLarge', async () => {
    const body = Buffer.alloc(MAX_LOCAL_OBJECT_BYTES + 1, 1);
    const r = await raw({ method: 'PUT', target: '/raw-bucket/huge', body, payloadHash: 'UNSIGNED-PAYLOAD' });
    expect([r.status, errorCode(r)]).toEqual([400, 'EntityTooLarge']);
  });

  it('a request body past the S3 front limit is refused before it is read, in XML', async () => {
    const signed = signS3(h.cloud.endpoint, h.cloud.credentials, {
      method: 'PUT',
      target: '/raw-bucket/huger',
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    const r = await sendRaw(
      h.cloud.endpoint,
      'PUT',
      '/raw-bucket/huger',
      signed.headers,
      Buffer.alloc(MAX_LOCAL_OBJECT_BYTES + 2 * 1024 * 1024),
    );
    expect([r.status, errorCode(r)]).toEqual([400, 'EntityTooLarge']);
  });
});
