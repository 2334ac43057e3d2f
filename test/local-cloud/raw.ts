import { createHash, createHmac } from 'node:crypto';
import type { LocalCloudCredentials } from '../../src/local-cloud/index.js';

/** A minimal SigV4 signer for hand-made requests (bad bodies, unknown operations); the SDK tests cover the real signer. */
export interface RawRequest {
  endpoint: string;
  service: 'organizations' | 'iam' | 'sts';
  body: string;
  target?: string;
  contentType?: string;
  credentials?: (LocalCloudCredentials & { sessionToken?: string }) | undefined;
  headers?: Record<string, string>;
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const sha = (data: string): string => createHash('sha256').update(data).digest('hex');

export async function rawRequest(req: RawRequest): Promise<{ status: number; body: string; headers: Headers }> {
  const url = new URL(req.endpoint);
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
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
    const names = Object.keys(headers)
      .map((h) => h.toLowerCase())
      .sort();
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const canonical = [
      'POST',
      '/',
      '',
      names.map((n) => `${n}:${(lower[n] ?? '').trim()}\n`).join(''),
      names.join(';'),
      sha(req.body),
    ].join('\n');
    const scope = `${date}/us-east-1/${req.service}/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha(canonical)}`;
    const key = hmac(
      hmac(hmac(hmac(`AWS4${req.credentials.secretAccessKey}`, date), 'us-east-1'), req.service),
      'aws4_request',
    );
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${req.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  }
  delete headers.host;
  const res = await fetch(`${req.endpoint}/`, { method: 'POST', headers, body: req.body });
  return { status: res.status, body: await res.text(), headers: res.headers };
}
