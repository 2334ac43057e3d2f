import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { LocalCloudCredentials } from '../../src/local-cloud/index.js';

/** A minimal SigV4 signer for hand-made requests (bad bodies, unknown operations); the SDK tests cover the real signer. */
export interface RawRequest {
  endpoint: string;
  service: 'organizations' | 'iam' | 'sts' | 'sso' | 'identitystore' | 'guardduty' | 'securityhub' | 'config';
  body: string;
  target?: string;
  contentType?: string;
  credentials?: (LocalCloudCredentials & { sessionToken?: string }) | undefined;
  headers?: Record<string, string>;
  /** Tampering, to test what the server refuses: the scope's parts, the body signed, the Host sent. */
  scope?: { date?: string; region?: string; service?: string };
  /** The payload hash put into the canonical request (default: the hash of `body`). */
  signedPayloadHash?: string;
  /** Sent as Host instead of the endpoint's host:port (the signature covers the real one). */
  host?: string;
  method?: string;
  path?: string;
}

export interface RawResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
export const sha = (data: string): string => createHash('sha256').update(data).digest('hex');

/** The headers of a signed request (or unsigned, without credentials). */
export function signedHeaders(req: RawRequest): Record<string, string> {
  const url = new URL(req.endpoint);
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-date': amzDate,
    'content-type':
      req.contentType ??
      (req.target !== undefined ? 'application/x-amz-json-1.1' : 'application/x-www-form-urlencoded; charset=utf-8'),
    ...(req.target !== undefined ? { 'x-amz-target': req.target } : {}),
    ...(req.credentials?.sessionToken !== undefined ? { 'x-amz-security-token': req.credentials.sessionToken } : {}),
    ...(req.headers ?? {}),
  };
  if (req.credentials !== undefined) {
    const date = req.scope?.date ?? amzDate.slice(0, 8);
    const region = req.scope?.region ?? 'us-east-1';
    const service = req.scope?.service ?? req.service;
    const names = Object.keys(headers)
      .map((h) => h.toLowerCase())
      .sort();
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const canonical = [
      req.method ?? 'POST',
      req.path ?? '/',
      '',
      names.map((n) => `${n}:${(lower[n] ?? '').trim()}\n`).join(''),
      names.join(';'),
      req.signedPayloadHash ?? sha(req.body),
    ].join('\n');
    const scope = `${date}/${region}/${service}/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha(canonical)}`;
    const key = hmac(hmac(hmac(hmac(`AWS4${req.credentials.secretAccessKey}`, date), region), service), 'aws4_request');
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${req.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  }
  if (req.host !== undefined) headers.host = req.host;
  return headers;
}

/** Sends headers and body as given (Host included), over plain HTTP. */
export function send(
  endpoint: string,
  headers: Record<string, string>,
  body: string,
  method = 'POST',
  path = '/',
): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function rawRequest(req: RawRequest): Promise<RawResponse> {
  return send(req.endpoint, signedHeaders(req), req.body, req.method, req.path);
}
