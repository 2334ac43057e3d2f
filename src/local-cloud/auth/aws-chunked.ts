import type { IncomingHttpHeaders } from 'node:http';

/**
 * The aws-chunked payload framing S3 accepts (SigV4 streaming, "Signature Calculations for the Authorization Header:
 * Transferring Payload in Multiple Chunks"):
 *   `<hex size>[;chunk-signature=<64 hex>]\r\n<bytes>\r\n` … `0[;chunk-signature=…]\r\n[<trailer>:<value>\r\n]*\r\n`
 * `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` signs every chunk; `STREAMING-UNSIGNED-PAYLOAD-TRAILER` sends no chunk
 * signatures and a checksum trailer (`x-amz-checksum-crc32:…`), which the SDK v3 and botocore send by default.
 */
export interface ChunkedPayload {
  data: Buffer;
  /** Each chunk's signature in order, the final empty chunk's included (empty strings when unsigned). */
  chunks: { signature: string; data: Buffer }[];
  trailers: Record<string, string>;
}

export const STREAMING_PAYLOADS: ReadonlySet<string> = new Set([
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
]);

function headerText(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  return (Array.isArray(v) ? v.join(',') : (v ?? '')).trim();
}

/** Whether the body is aws-chunked: a streaming payload hash, or `Content-Encoding: aws-chunked`. */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  if (STREAMING_PAYLOADS.has(headerText(headers, 'x-amz-content-sha256'))) return true;
  return headerText(headers, 'content-encoding')
    .split(',')
    .some((e) => e.trim().toLowerCase() === 'aws-chunked');
}

const SIZE_LINE = /^([0-9a-fA-F]{1,16})(?:;chunk-signature=([0-9a-f]{64}))?$/;
const TRAILER_LINE = /^([A-Za-z0-9-]+):(.*)$/;

/** Decodes an aws-chunked body; returns a message saying what is wrong when the framing is broken. */
export function decodeAwsChunked(body: Buffer): ChunkedPayload | string {
  const chunks: ChunkedPayload['chunks'] = [];
  let i = 0;
  const line = (): string | undefined => {
    const end = body.indexOf('\r\n', i);
    if (end < 0) return undefined;
    const text = body.subarray(i, end).toString('latin1');
    i = end + 2;
    return text;
  };
  for (;;) {
    const sizeLine = line();
    if (sizeLine === undefined) return 'The aws-chunked payload ends before its final chunk.';
    const m = SIZE_LINE.exec(sizeLine);
    if (m === null) return 'The aws-chunked payload has a malformed chunk header.';
    const size = parseInt(m[1] ?? '', 16);
    if (size > body.length - i) return 'The aws-chunked payload has a chunk longer than the data sent.';
    const data = body.subarray(i, i + size);
    chunks.push({ signature: m[2] ?? '', data });
    i += size;
    if (size === 0) break;
    if (body.subarray(i, i + 2).toString('latin1') !== '\r\n') return 'An aws-chunked chunk is not followed by CRLF.';
    i += 2;
  }
  const trailers: Record<string, string> = {};
  for (;;) {
    if (i >= body.length) break; // some clients end right after the final chunk's CRLF
    const t = line();
    if (t === undefined) return 'The aws-chunked trailer is not terminated by CRLF.';
    if (t === '') break;
    const m = TRAILER_LINE.exec(t);
    if (m === null) return 'The aws-chunked payload has a malformed trailer.';
    trailers[(m[1] ?? '').toLowerCase()] = (m[2] ?? '').trim();
  }
  if (i !== body.length) return 'The aws-chunked payload has data after its final chunk.';
  return { data: Buffer.concat(chunks.map((c) => c.data)), chunks, trailers };
}
