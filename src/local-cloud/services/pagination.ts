import { createHash } from 'node:crypto';
import { AwsApiError, invalidInput } from '../errors.js';

/**
 * Pagination tokens are opaque to callers: base64url of the operation, the offset, and a check
 * value, so a token from another operation or a hand-edited one is rejected.
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

/** Organizations: MaxResults 1..20 (AWS default and maximum 20), NextToken. */
export function paginateOrg<T>(
  items: readonly T[],
  op: string,
  input: Record<string, unknown>,
): { page: T[]; NextToken?: string } {
  const max = input.MaxResults;
  let size = 20;
  if (max !== undefined && max !== null) {
    if (typeof max !== 'number' || !Number.isInteger(max))
      throw new AwsApiError('SerializationException', 'Unexpected value type for MaxResults: expected an integer.');
    if (max < 1)
      throw invalidInput(
        'MIN_VALUE_EXCEEDED',
        'You provided a value that does not meet the required minimum value for MaxResults.',
      );
    if (max > 20)
      throw invalidInput(
        'MAX_VALUE_EXCEEDED',
        'You provided a value that exceeds the maximum allowed value for MaxResults.',
      );
    size = max;
  }
  let offset = 0;
  const token = input.NextToken;
  if (token !== undefined && token !== null) {
    const decoded = typeof token === 'string' ? decodeToken(op, token) : undefined;
    if (decoded === undefined) throw invalidInput('INVALID_NEXT_TOKEN', 'The NextToken value is not valid.');
    offset = decoded;
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, NextToken: encodeToken(op, next) } : { page };
}

/** IAM: MaxItems 1..1000 (default 100), Marker, IsTruncated. */
export function paginateIam<T>(
  items: readonly T[],
  op: string,
  input: Record<string, unknown>,
): { page: T[]; IsTruncated: boolean; Marker?: string } {
  let size = 100;
  const raw = input.MaxItems;
  if (raw !== undefined) {
    const n = Number(raw);
    if (typeof raw !== 'string' || !Number.isInteger(n) || n < 1 || n > 1000) {
      throw new AwsApiError(
        'ValidationError',
        `1 validation error detected: Value '${String(raw)}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
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
