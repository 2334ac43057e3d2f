import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { LocalCloudCredentials } from '../../src/local-cloud/index.js';

/**
 * A hand-made S3 client for requests the SDK will not send: broken XML, broken aws-chunked framing, forged chunk
 * signatures, bodies past the limits. Signs SigV4 for service `s3` (path as sent, query sorted).
 */
export interface S3RawRequest {
  method: string;
  /** Path and query exactly as sent, already percent-encoded: `/bucket/key?tagging`. */
  target: string;
  body?: Buffer | string;
  headers?: Record<string, string>;
  /** The x-amz-content-sha256 value signed and sent (default: the body's hash). */
  payloadHash?: string;
}

export interface S3RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const sha = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .map((p) => (p.includes('=') ? p : `${p}=`))
    .sort()
    .join('&');
}

export interface Signed {
  headers: Record<string, string>;
  signature: string;
  amzDate: string;
  scope: string;
  key: Buffer;
}

export function signS3(
  endpoint: string,
  creds: LocalCloudCredentials,
  req: S3RawRequest,
  region = 'us-east-1',
): Signed {
  const url = new URL(endpoint);
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const body = req.body ?? '';
  const payloadHash = req.payloadHash ?? sha(body);
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': payloadHash,
    ...req.headers,
  };
  const q = req.target.indexOf('?');
  const path = q < 0 ? req.target : req.target.slice(0, q);
  const query = q < 0 ? '' : req.target.slice(q + 1);
  const names = Object.keys(headers).sort();
  const canonical = [
    req.method,
    path,
    canonicalQuery(query),
    names.map((n) => `${n}:${(headers[n] ?? '').trim()}\n`).join(''),
    names.join(';'),
    payloadHash,
  ].join('\n');
  const date = amzDate.slice(0, 8);
  const scope = `${date}/${region}/s3/aws4_request`;
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, date), region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key)
    .update(`AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha(canonical)}`)
    .digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return { headers, signature, amzDate, scope, key };
}

/** The chunk signature of STREAMING-AWS4-HMAC-SHA256-PAYLOAD: signs the previous signature and the chunk's bytes. */
export function chunkSignature(s: Signed, previous: string, data: Buffer): string {
  return createHmac('sha256', s.key)
    .update(`AWS4-HMAC-SHA256-PAYLOAD\n${s.amzDate}\n${s.scope}\n${previous}\n${sha('')}\n${sha(data)}`)
    .digest('hex');
}

export function sendRaw(
  endpoint: string,
  method: string,
  target: string,
  headers: Record<string, string>,
  body: Buffer | string,
): Promise<S3RawResponse> {
  const url = new URL(endpoint);
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: target,
        headers: { ...headers, 'content-length': String(payload.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Signs and sends one request. */
export function s3Raw(endpoint: string, creds: LocalCloudCredentials, req: S3RawRequest): Promise<S3RawResponse> {
  const signed = signS3(endpoint, creds, req);
  return sendRaw(endpoint, req.method, req.target, signed.headers, req.body ?? '');
}

export const errorCode = (r: S3RawResponse): string | undefined => /<Code>([^<]*)<\/Code>/.exec(r.body)?.[1];
