import { AwsApiError } from '../errors.js';
import { escapeXml, toXml } from './xml.js';

export const XML_CONTENT_TYPE = 'text/xml';

/** A decoded awsQuery body: `Tags.member.1.Key=a` becomes `{ Tags: [{ Key: 'a' }] }`. */
export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };
export type QueryInput = Record<string, QueryValue>;

export function parseQueryBody(body: string): {
  action: string | undefined;
  version: string | undefined;
  input: QueryInput;
} {
  const params = new URLSearchParams(body);
  const root: Record<string, unknown> = {};
  let action: string | undefined;
  let version: string | undefined;
  for (const [key, value] of params) {
    if (key === 'Action') {
      action = value;
      continue;
    }
    if (key === 'Version') {
      version = value;
      continue;
    }
    setPath(root, key.split('.'), value);
  }
  return { action, version, input: normalize(root) as QueryInput };
}

function setPath(target: Record<string, unknown>, parts: string[], value: string): void {
  let node = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] ?? '';
    const next = node[part];
    if (typeof next !== 'object' || next === null) {
      const created: Record<string, unknown> = {};
      node[part] = created;
      node = created;
    } else node = next as Record<string, unknown>;
  }
  const last = parts[parts.length - 1] ?? '';
  node[last] = value;
}

/** Turns `{ member: { '1': x, '2': y } }` into `[x, y]` (ordered by index), recursively. */
function normalize(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const obj = node as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === 'member') {
    const members = obj.member;
    if (typeof members !== 'object' || members === null) return [];
    return Object.entries(members as Record<string, unknown>)
      .filter(([k]) => /^\d+$/.test(k))
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, v]) => normalize(v));
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = normalize(obj[k]);
  return out;
}

export function serializeQueryResponse(action: string, namespace: string, output: unknown, requestId: string): string {
  const result = output === undefined ? '' : `<${action}Result>${toXml(output)}</${action}Result>`;
  return (
    `<${action}Response xmlns="${namespace}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function serializeQueryError(err: AwsApiError, namespace: string, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${err.fault}</Type><Code>${escapeXml(err.code)}</Code>` +
    `<Message>${escapeXml(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

/** Reads a query string member; `undefined` when absent, ValidationError when it is not a plain value. */
export function queryString(input: QueryInput, name: string): string | undefined {
  const v = input[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new AwsApiError('ValidationError', `Invalid value for parameter ${name}.`);
  return v;
}
