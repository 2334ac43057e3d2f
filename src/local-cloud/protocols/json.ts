import { AwsApiError } from '../errors.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Parses an awsJson1_1 body: empty means `{}`, anything but a JSON object is a SerializationException. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsApiError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsApiError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return parsed as Record<string, unknown>;
}

/** awsJson1_1 timestamps are epoch seconds (fractional). */
function replacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Date) return raw.getTime() / 1000;
  return value;
}

export function serializeJson(output: unknown): string {
  return JSON.stringify(output ?? {}, replacer);
}

export function serializeJsonError(err: AwsApiError): string {
  return JSON.stringify({ __type: err.code, Message: err.message, ...err.extras });
}
