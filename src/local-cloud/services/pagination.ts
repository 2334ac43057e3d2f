import { createHash } from 'node:crypto';
import { AwsApiError } from '../errors.js';
import type { InvalidInput } from './json-input.js';
import { typeError } from './json-input.js';

/**
 * Pagination tokens are opaque to callers: base64url of the operation, the offset, and a check
 * value, so a token from another operation or a hand-edited one is rejected. Page sizes and the
 * invalid-input error are the service's (Organizations: 1..20; IAM: 1..1000, default 100).
 */
function check(op: string, offset: number): string {
  return createHash('sha256').update(`${op}:${offset}`).digest('hex').slice(0, 8);
}

export function encodeToken(op: string, offset: number): string {
  return Buffer.from(`${op}:${offset}:${check(op, offset)}`).toString('base64url');
}

export function decodeToken(op: string, token: string): number | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const [tokOp, rawOffset, sum] = text.split(':');
  const offset = Number(rawOffset);
  if (tokOp !== op || !Number.isInteger(offset) || offset < 0 || sum !== check(op, offset)) return undefined;
  return offset;
}

export interface PageSizes {
  defaultSize: number;
  maxSize: number;
}

/** awsJson1_1: `MaxResults` and `NextToken`; `invalid` words a bad size or token as the service does. */
export function paginateJson<T>(
  items: readonly T[],
  op: string,
  input: Record<string, unknown>,
  sizes: PageSizes & { invalid: InvalidInput },
): { page: T[]; NextToken?: string } {
  const max = input.MaxResults;
  let size = sizes.defaultSize;
  if (max !== undefined && max !== null) {
    if (typeof max !== 'number' || !Number.isInteger(max)) throw typeError('MaxResults', 'an integer');
    if (max < 1)
      throw sizes.invalid(
        'MIN_VALUE_EXCEEDED',
        'You provided a value that does not meet the required minimum value for MaxResults.',
      );
    if (max > sizes.maxSize)
      throw sizes.invalid(
        'MAX_VALUE_EXCEEDED',
        'You provided a value that exceeds the maximum allowed value for MaxResults.',
      );
    size = max;
  }
  let offset = 0;
  const token = input.NextToken;
  if (token !== undefined && token !== null) {
    const decoded = typeof token === 'string' ? decodeToken(op, token) : undefined;
    if (decoded === undefined) throw sizes.invalid('INVALID_NEXT_TOKEN', 'The NextToken value is not valid.');
    offset = decoded;
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, NextToken: encodeToken(op, next) } : { page };
}

/** awsQuery: `MaxItems`, `Marker`, `IsTruncated`; failures are the protocol's `ValidationError`. */
export function paginateQuery<T>(
  items: readonly T[],
  op: string,
  input: Record<string, unknown>,
  sizes: PageSizes,
): { page: T[]; IsTruncated: boolean; Marker?: string } {
  let size = sizes.defaultSize;
  const raw = input.MaxItems;
  if (raw !== undefined) {
    const n = Number(raw);
    if (typeof raw !== 'string' || !Number.isInteger(n) || n < 1 || n > sizes.maxSize) {
      throw new AwsApiError(
        'ValidationError',
        `1 validation error detected: Value '${String(raw)}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and ${sizes.maxSize}`,
      );
    }
    size = n;
  }
  let offset = 0;
  const marker = input.Marker;
  if (marker !== undefined) {
    const decoded = typeof marker === 'string' ? decodeToken(op, marker) : undefined;
    if (decoded === undefined) throw new AwsApiError('ValidationError', 'Invalid Marker.');
    offset = decoded;
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length
    ? { page, IsTruncated: true, Marker: encodeToken(op, next) }
    : { page, IsTruncated: false };
}
