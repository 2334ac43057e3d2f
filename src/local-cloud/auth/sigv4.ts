import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ChunkedPayload } from './aws-chunked.js';
import { STREAMING_PAYLOADS } from './aws-chunked.js';

/** The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export interface SigV4Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_RE =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

/** Returns the parsed header, `undefined` when absent, or `'malformed'`. */
export function parseAuthorization(header: string | undefined): SigV4Authorization | 'malformed' | undefined {
  if (header === undefined || header === '') return undefined;
  const m = AUTH_RE.exec(header);
  if (m === null) return 'malformed';
  return {
    accessKeyId: m[1] ?? '',
    date: m[2] ?? '',
    region: m[3] ?? '',
    service: m[4] ?? '',
    signedHeaders: (m[5] ?? '').split(';'),
    signature: m[6] ?? '',
  };
}

/** The service name in the credential scope, read without verifying anything (for routing). */
export function scopeService(header: string | undefined): string | undefined {
  const parsed = parseAuthorization(header);
  return typeof parsed === 'object' ? parsed.service : undefined;
}

function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalUri(path: string): string {
  if (path === '' || path === '/') return '/';
  return path
    .split('/')
    .map((seg) => {
      try {
        return rfc3986(decodeURIComponent(seg));
      } catch {
        return seg;
      }
    })
    .join('/');
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs = query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const i = p.indexOf('=');
      const k = i < 0 ? p : p.slice(0, i);
      const v = i < 0 ? '' : p.slice(i + 1);
      const dec = (s: string): string => {
        try {
          return decodeURIComponent(s.replace(/\+/g, ' '));
        } catch {
          return s;
        }
      };
      return [rfc3986(dec(k)), rfc3986(dec(v))] as const;
    });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  const joined = Array.isArray(v) ? v.join(',') : (v ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

const signingKeys = new Map<string, Buffer>();

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
  let key = signingKeys.get(cacheKey);
  if (key === undefined) {
    const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    key = createHmac('sha256', kService).update('aws4_request').digest();
    if (signingKeys.size > 1000) signingKeys.clear();
    signingKeys.set(cacheKey, key);
  }
  return key;
}

export interface SignedRequest {
  method: string;
  /** The raw request target: path plus optional `?query`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/**
 * The payload hash of the canonical request: always the hash of the body received, so a body
 * swapped under a captured signature fails, whatever `x-amz-content-sha256` claims. The one
 * exceptions are `UNSIGNED-PAYLOAD` and the aws-chunked streaming payloads, where the service accepts them (AWS:
 * S3; a signed stream's chunks are verified by verifyChunkSignatures). Returns undefined when the header is sent and
 * does not match the body.
 */
export function payloadHash(req: SignedRequest, unsignedAllowed: boolean): string | undefined {
  const actual = sha256Hex(req.body);
  const claimed = req.headers['x-amz-content-sha256'];
  if (claimed === undefined) return actual;
  const value = Array.isArray(claimed) ? claimed.join(',') : claimed;
  if ((value === UNSIGNED_PAYLOAD || STREAMING_PAYLOADS.has(value)) && unsignedAllowed) return value;
  return value.toLowerCase() === actual ? actual : undefined;
}

/** Recomputes the signature (canonical request → string to sign → signing key) and compares it in constant time. */
export function verifySigV4(
  req: SignedRequest,
  auth: SigV4Authorization,
  secret: string,
  amzDate: string,
  bodyHash: string,
): boolean {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query = q < 0 ? '' : req.url.slice(q + 1);
  const canonical = [
    req.method,
    canonicalUri(path),
    canonicalQuery(query),
    auth.signedHeaders.map((h) => `${h}:${headerValue(req.headers, h)}\n`).join(''),
    auth.signedHeaders.join(';'),
    bodyHash,
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
  const expected = createHmac('sha256', signingKey(secret, auth.date, auth.region, auth.service))
    .update(stringToSign)
    .digest();
  const given = Buffer.from(auth.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const EMPTY_SHA256 = sha256Hex('');

/**
 * `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`: each chunk's signature signs the previous one (the seed: the header's) and
 * the chunk's bytes, the final empty chunk included, so no chunk can be swapped, dropped or added.
 */
export function verifyChunkSignatures(
  payload: ChunkedPayload,
  auth: SigV4Authorization,
  secret: string,
  amzDate: string,
): boolean {
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const key = signingKey(secret, auth.date, auth.region, auth.service);
  let previous = auth.signature;
  for (const chunk of payload.chunks) {
    const stringToSign = `AWS4-HMAC-SHA256-PAYLOAD\n${amzDate}\n${scope}\n${previous}\n${EMPTY_SHA256}\n${sha256Hex(chunk.data)}`;
    const expected = createHmac('sha256', key).update(stringToSign).digest();
    const given = Buffer.from(chunk.signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    previous = chunk.signature;
  }
  return true;
}

/** Parses `20240102T030405Z` to epoch ms, or `undefined`. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
