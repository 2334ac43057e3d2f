import type { IncomingHttpHeaders } from 'node:http';
import { decodeAwsChunked, isAwsChunked } from '../auth/aws-chunked.js';
import { AwsApiError } from '../errors.js';
import { escapeXml } from './xml.js';

/**
 * restXml (S3): the operation named by METHOD + path shape + query-string subresources, XML bodies in and out,
 * errors as `<Error><Code/><Message/><RequestId/></Error>` with the code in the body (no JSON, no `__type`).
 */
export const REST_XML_CONTENT_TYPE = 'application/xml';
export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** A request as a restXml service routes it: the path decoded into its segments' text, the payload de-chunked. */
export interface RestXmlRequest {
  method: string;
  /** The request path, percent-decoded (`/bucket/a b/c`); undecodable escapes are a 400 before this. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The payload, decoded from aws-chunked framing when it was sent that way. */
  body: Buffer;
  /** The trailing headers of an aws-chunked payload (`x-amz-checksum-crc32`…), lower-cased names. */
  trailers: Record<string, string>;
}

/** What a restXml handler answers: a status, headers, and an XML document or raw bytes. */
export interface RestXmlOutput {
  status?: number;
  headers?: Record<string, string>;
  /** An XML document: root element name and its content (see toRestXml). */
  xml?: { root: string; value: unknown };
  /** A raw payload (an object's bytes, a policy's JSON text). */
  body?: Buffer | string;
}

export const malformedXml = (): AwsApiError =>
  new AwsApiError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );

/** Builds the request a restXml service routes: decodes the path and an aws-chunked payload (InvalidRequest if bad). */
export function restXmlRequest(method: string, url: string, headers: IncomingHttpHeaders, raw: Buffer): RestXmlRequest {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    throw new AwsApiError('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  if (!isAwsChunked(headers)) return { method, path, query, headers, body: raw, trailers: {} };
  const decoded = decodeAwsChunked(raw);
  if (typeof decoded === 'string') throw new AwsApiError('InvalidRequest', decoded, 400);
  const declared = headers['x-amz-decoded-content-length'];
  if (declared !== undefined && Number(declared) !== decoded.data.length)
    throw new AwsApiError(
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
      400,
    );
  return { method, path, query, headers, body: decoded.data, trailers: decoded.trailers };
}

// ---------- XML in ----------

/** One element of a request document: its children by name (in order) and its text. */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    const code = ref.startsWith('#x')
      ? parseInt(ref.slice(2), 16)
      : ref.startsWith('#')
        ? parseInt(ref.slice(1), 10)
        : -1;
    if (code >= 0) {
      if (code > 0x10ffff) throw malformedXml();
      return String.fromCodePoint(code);
    }
    const named = ENTITIES[ref];
    if (named === undefined) throw malformedXml();
    return named;
  });
}

const NAME = /^[A-Za-z_][\w.:-]*/;
/** Request documents are small (the largest, DeleteObjects, is 1000 keys); deeper nesting than this is an attack. */
const MAX_DEPTH = 32;

/**
 * Parses a request body (elements, attributes skipped, text, entities, CDATA, comments, the XML declaration).
 * No DTDs and no external entities, ever: a `<!DOCTYPE` is MalformedXML. Namespace prefixes are dropped.
 */
export function parseRequestXml(source: string): XmlNode {
  let i = 0;
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const text = source.slice(i, lt < 0 ? source.length : lt);
    const top = stack[stack.length - 1];
    if (top !== undefined) top.text += decodeText(text);
    else if (text.trim() !== '') throw malformedXml();
    if (lt < 0) break;
    i = lt;
    if (source.startsWith('<?', i)) {
      if (root !== undefined || stack.length > 0) throw malformedXml();
      const end = source.indexOf('?>', i);
      if (end < 0) throw malformedXml();
      i = end + 2;
    } else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end < 0) throw malformedXml();
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i);
      if (end < 0 || top === undefined) throw malformedXml();
      top.text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith('</', i)) {
      const end = source.indexOf('>', i);
      if (end < 0) throw malformedXml();
      const name = localName(source.slice(i + 2, end).trim());
      const open = stack.pop();
      if (open === undefined || open.name !== name) throw malformedXml();
      i = end + 1;
    } else {
      const end = source.indexOf('>', i);
      if (end < 0) throw malformedXml();
      const inner = source.slice(i + 1, end);
      const selfClosing = inner.endsWith('/');
      const m = NAME.exec(inner);
      if (m === null) throw malformedXml();
      const node: XmlNode = { name: localName(m[0]), children: [], text: '' };
      if (top !== undefined) top.children.push(node);
      else if (root === undefined) root = node;
      else throw malformedXml();
      if (!selfClosing) stack.push(node);
      if (stack.length > MAX_DEPTH) throw malformedXml();
      i = end + 1;
    }
  }
  if (root === undefined || stack.length > 0) throw malformedXml();
  return root;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The first child named `name`. */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** The trimmed text of the first child named `name`, or undefined. */
export function childText(node: XmlNode, name: string): string | undefined {
  const c = child(node, name);
  return c === undefined ? undefined : c.text.trim();
}

/** Parses a body that must be an XML document whose root is `root` (MalformedXML otherwise). */
export function requestDocument(body: Buffer, root: string): XmlNode {
  const doc = parseRequestXml(body.toString('utf8'));
  if (doc.name !== root) throw malformedXml();
  return doc;
}

// ---------- XML out ----------

/**
 * A restXml document body: objects become elements; an array value repeats its key's element (S3's flattened lists:
 * `{ Contents: [a, b] }` is `<Contents>a</Contents><Contents>b</Contents>`); Dates are ISO 8601; undefined is left out.
 */
export function toRestXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    let out = '';
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || v === null) continue;
      for (const item of Array.isArray(v) ? (v as unknown[]) : [v]) out += `<${k}>${toRestXml(item)}</${k}>`;
    }
    return out;
  }
  return escapeXml(String(value as string | number | boolean));
}

export function restXmlDocument(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_XML_NAMESPACE}">${toRestXml(value)}</${root}>`;
}

/** S3's error document; `extras` are the error's own members (`BucketName`, `Key`…). */
export function serializeRestXmlError(err: AwsApiError, requestId: string): string {
  const extras = Object.entries(err.extras)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(err.code)}</Code>` +
    `<Message>${escapeXml(err.message)}</Message>${extras}<RequestId>${requestId}</RequestId>` +
    `<HostId>${hostId(requestId)}</HostId></Error>`
  );
}

/** S3's `x-amz-id-2`: an opaque base64 token; derived from the request id so one request has one. */
export function hostId(requestId: string): string {
  return Buffer.from(`bulkhead-local-cloud/${requestId}`).toString('base64');
}

/** The HTTP answer of a restXml handler's output. */
export function restXmlResponse(
  output: RestXmlOutput | undefined,
  requestId: string,
): { status: number; headers: Record<string, string>; body: Buffer | string } {
  const headers: Record<string, string> = {
    'x-amz-request-id': requestId,
    'x-amz-id-2': hostId(requestId),
    ...output?.headers,
  };
  if (output?.xml !== undefined) {
    headers['content-type'] = REST_XML_CONTENT_TYPE;
    return { status: output.status ?? 200, headers, body: restXmlDocument(output.xml.root, output.xml.value) };
  }
  return { status: output?.status ?? 200, headers, body: output?.body ?? '' };
}
