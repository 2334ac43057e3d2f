import { AwsApiError } from '../errors.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** A JSON object body: empty means `{}`; anything else but a JSON object raises the protocol's own error. */
export function parseJsonObjectBody(body: Buffer, malformed: () => AwsApiError): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformed();
  return parsed as Record<string, unknown>;
}

/** Parses an awsJson1_1 body: anything but a JSON object is a SerializationException. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  return parseJsonObjectBody(
    body,
    () => new AwsApiError('SerializationException', 'Start of structure or map found where not expected.'),
  );
}

/**
 * awsJson1_1 timestamps are epoch seconds (fractional). Dates are converted in one walk first so
 * that JSON.stringify runs without a replacer (its fast path).
 */
function withEpochSeconds(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(withEpochSeconds);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key in value) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = withEpochSeconds(v);
    }
    return out;
  }
  return value;
}

/**
 * A response a handler has already written as JSON text (Cost Explorer's pages of hundreds of thousands of groups):
 * sent as it is, without the walk and the stringify of an object per value.
 */
export class PreSerializedJson {
  constructor(readonly text: string) {}
}

export function serializeJson(output: unknown): string {
  if (output instanceof PreSerializedJson) return output.text;
  return JSON.stringify(withEpochSeconds(output ?? {}));
}

export function serializeJsonError(err: AwsApiError): string {
  return JSON.stringify({ __type: err.code, Message: err.message, ...err.extras });
}
