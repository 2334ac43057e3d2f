import type { IncomingHttpHeaders } from 'node:http';
import { cbor, dateToTag, tagSymbol } from '@smithy/core/cbor';
import type { RawResponse } from '../dispatch.js';
import { AwsApiError } from '../errors.js';
import { pathOf } from './rest-json.js';

/**
 * Smithy RPC v2 CBOR (what botocore 1.43 sends CloudWatch): `POST /service/<ServiceShape>/operation/<Operation>` with
 * `smithy-protocol: rpc-v2-cbor`, CBOR bodies both ways, timestamps as tag 1 (epoch seconds), errors as a CBOR map
 * with `__type`. The codec is @smithy/core's (the one SDK v3 uses); this module only adapts it to the dispatcher.
 */
export const CBOR_CONTENT_TYPE = 'application/cbor';
export const SMITHY_PROTOCOL = 'rpc-v2-cbor';

const ADDRESS = /^\/service\/([^/]+)\/operation\/([^/]+)$/;

/** The service shape and operation a request addresses, when it speaks rpc-v2-cbor (header and path). */
export function rpcV2CborAddress(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
): { service: string; operation: string } | undefined {
  if (headers['smithy-protocol'] !== SMITHY_PROTOCOL || method !== 'POST') return undefined;
  const m = ADDRESS.exec(pathOf(url));
  if (m === null) return undefined;
  return { service: decodeURIComponent(m[1] ?? ''), operation: decodeURIComponent(m[2] ?? '') };
}

const isTag = (v: object): v is { tag: number | bigint; value: unknown } =>
  (v as Record<symbol, unknown>)[tagSymbol] === true;

/** Decoded CBOR as handlers take it: tag 1 becomes a Date, bigints numbers; other tags are refused. */
function fromCbor(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(fromCbor);
  if (isTag(value)) {
    if (Number(value.tag) !== 1 || typeof value.value !== 'number') throw malformed();
    return new Date(value.value * 1000);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = fromCbor(v);
  return out;
}

const malformed = (): AwsApiError =>
  new AwsApiError('SerializationException', 'The request body could not be deserialized as CBOR.');

/** A request body: empty means `{}`; anything but one CBOR map is a SerializationException. */
export function parseCborBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let decoded: unknown;
  try {
    decoded = cbor.deserialize(new Uint8Array(body.buffer, body.byteOffset, body.length));
  } catch {
    throw malformed();
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded) || isTag(decoded)) throw malformed();
  return fromCbor(decoded) as Record<string, unknown>;
}

/** Output as the codec takes it: Dates become tag 1, undefined members are left out. */
function toCbor(value: unknown): unknown {
  if (value instanceof Date) return dateToTag(value);
  if (Array.isArray(value)) return value.map(toCbor);
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toCbor(v);
    return out;
  }
  return value;
}

export function serializeCbor(value: unknown): Buffer {
  // The codec encodes into a shared buffer: copy before the next call reuses it.
  return Buffer.from(cbor.serialize(toCbor(value ?? {})));
}

function headers(requestId: string): Record<string, string> {
  return { 'content-type': CBOR_CONTENT_TYPE, 'smithy-protocol': SMITHY_PROTOCOL, 'x-amzn-RequestId': requestId };
}

export function cborResponse(output: unknown, requestId: string): RawResponse {
  return { status: 200, headers: headers(requestId), body: serializeCbor(output) };
}

/**
 * An error: `{__type, message, …members}`; for a service that was awsQuery before (CloudWatch), the query error code
 * in `x-amzn-query-error: <Code>;<Sender|Receiver>`, which botocore and SDK v3 map back to the modelled error.
 */
export function cborErrorResponse(err: AwsApiError, requestId: string, queryError?: string): RawResponse {
  const h = headers(requestId);
  h['x-amzn-ErrorType'] = err.code;
  if (queryError !== undefined) h['x-amzn-query-error'] = queryError;
  return {
    status: err.httpStatus,
    headers: h,
    body: serializeCbor({ __type: err.code, message: err.message, ...err.extras }),
  };
}
