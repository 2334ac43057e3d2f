import type { IncomingHttpHeaders } from 'node:http';
import { AwsApiError } from '../errors.js';
import { parseJsonObjectBody } from './json.js';

/**
 * restJson1 (SSO OIDC, the SSO portal, GuardDuty, Security Hub): plain JSON bodies, the operation named by METHOD +
 * PATH, where a path may hold labels (`/detector/{DetectorId}/admin`) bound to input members.
 */
export const REST_JSON_CONTENT_TYPE = 'application/json';

/** How a rest route's members travel besides the JSON body: query-string and header names → input members. */
export interface RestBindings {
  query?: Readonly<Record<string, string>>;
  headers?: Readonly<Record<string, string>>;
}

const malformed = (): AwsApiError =>
  new AwsApiError('InvalidRequestException', 'The request body is not a JSON object.');

/** The JSON body of a rest request: empty means `{}`, anything but a JSON object is an InvalidRequestException. */
export function parseRestJsonBody(body: Buffer): Record<string, unknown> {
  return parseJsonObjectBody(body, malformed);
}

/**
 * The labels of a path template matched against a request path, or undefined when it does not match. A label
 * (`{DetectorId}`) matches one non-empty segment, percent-decoded (a segment that does not decode is kept as sent, for
 * the handler to refuse as a bad value).
 */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  if (!template.includes('{')) return template === path ? {} : undefined;
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const labels: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith('{') && w.endsWith('}')) {
      if (g === '') return undefined;
      labels[w.slice(1, -1)] = decodeSegment(g);
    } else if (w !== g) return undefined;
  }
  return labels;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The path of a request target, without its query string. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/**
 * The operation's input: the body's members, then those bound to the query string, headers and path labels (which
 * win, as they are where the model puts them; a label binds the member of its name). A query parameter given twice
 * counts once, its first value.
 */
export function restInput(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  bindings: RestBindings,
  labels: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const input: Record<string, unknown> = method === 'GET' ? {} : parseRestJsonBody(body);
  const q = url.indexOf('?');
  const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  for (const [name, member] of Object.entries(bindings.query ?? {})) {
    const value = params.get(name);
    if (value !== null) input[member] = value;
  }
  for (const [name, member] of Object.entries(bindings.headers ?? {})) {
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined) input[member] = value;
  }
  Object.assign(input, labels);
  return input;
}

export function serializeRestJson(output: unknown): string {
  return output === undefined || output === null ? '' : JSON.stringify(output);
}
