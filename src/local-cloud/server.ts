import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatcher, RawResponse } from './dispatch.js';
import { AwsApiError } from './errors.js';
import { newRequestId } from './ids.js';
import { serializeJsonError } from './protocols/json.js';
import { serializeQueryError } from './protocols/query.js';
import { REST_XML_CONTENT_TYPE, serializeRestXmlError } from './protocols/rest-xml.js';
import { scopeService } from './auth/sigv4.js';
import { MAX_LOCAL_OBJECT_BYTES } from './services/s3/object-writes.js';

/** AWS rejects request bodies this large long before any handler sees them. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** S3 requests carry object bodies: up to MAX_LOCAL_OBJECT_BYTES, plus room for aws-chunked framing. */
export const MAX_S3_BODY_BYTES = MAX_LOCAL_OBJECT_BYTES + 1024 * 1024;

const isS3 = (req: IncomingMessage): boolean => scopeService(req.headers.authorization) === 's3';

function send(res: ServerResponse, r: RawResponse): void {
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
  res.writeHead(r.status, { 'content-length': String(body.length), ...r.headers });
  res.end(body);
}

/** An error answered before dispatch, in the request's protocol (awsJson1_1 when it names an X-Amz-Target). */
function earlyError(req: IncomingMessage, json: AwsApiError, query: AwsApiError): RawResponse {
  const requestId = newRequestId();
  const base = { 'x-amzn-RequestId': requestId, connection: 'close' };
  // restJson1 (SSO OIDC, the portal) sends plain JSON: its errors are `{"message"}` with the code in the header.
  if (req.headers['x-amz-target'] === undefined && (req.headers['content-type'] ?? '').startsWith('application/json')) {
    return {
      status: json.httpStatus,
      headers: { ...base, 'content-type': 'application/json', 'x-amzn-ErrorType': json.code },
      body: JSON.stringify({ message: json.message }),
    };
  }
  if (req.headers['x-amz-target'] !== undefined) {
    return {
      status: json.httpStatus,
      headers: { ...base, 'content-type': 'application/x-amz-json-1.1', 'x-amzn-ErrorType': json.code },
      body: serializeJsonError(json),
    };
  }
  return {
    status: query.httpStatus,
    headers: { ...base, 'content-type': 'text/xml', 'x-amzn-ErrorType': query.code },
    body: serializeQueryError(query, 'https://iam.amazonaws.com/doc/2010-05-08/', requestId),
  };
}

function tooLarge(req: IncomingMessage): RawResponse {
  if (isS3(req)) {
    const requestId = newRequestId();
    const err = new AwsApiError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
      MaxSizeAllowed: String(MAX_LOCAL_OBJECT_BYTES),
    });
    return {
      status: 400,
      headers: { 'content-type': REST_XML_CONTENT_TYPE, 'x-amz-request-id': requestId, connection: 'close' },
      body: serializeRestXmlError(err, requestId),
    };
  }
  const message = `Request body must be no more than ${MAX_BODY_BYTES} bytes.`;
  return earlyError(
    req,
    new AwsApiError('RequestEntityTooLargeException', message, 413),
    new AwsApiError('RequestEntityTooLarge', message, 413),
  );
}

/**
 * A request whose Host is not this server's loopback address: a web page that rebinds its own DNS
 * name to 127.0.0.1 would otherwise drive the local cloud from a browser. 421 Misdirected Request.
 */
function wrongHost(req: IncomingMessage, expected: string): RawResponse {
  const message = `The Host header ${JSON.stringify(req.headers.host ?? '')} does not name this local cloud; it answers only requests addressed to ${expected}.`;
  const err = new AwsApiError('MisdirectedRequest', message, 421);
  return earlyError(req, err, err);
}

export interface HttpServerOptions {
  /** The health probe's answer. */
  health: () => Record<string, unknown>;
  /** The Host values this server answers (its loopback address and port), known once it listens. */
  ownHosts: () => readonly string[];
}

/** The HTTP front: checks Host, reads bodies (bounded), answers a health probe, hands everything else to the dispatcher. */
export function createHttpServer(dispatcher: Dispatcher, options: HttpServerOptions): Server {
  const { health, ownHosts } = options;
  return createServer((req, res) => {
    const hosts = ownHosts();
    if (!hosts.includes((req.headers.host ?? '').toLowerCase())) {
      send(res, wrongHost(req, hosts[0] ?? 'its own address'));
      req.resume();
      return;
    }
    if (req.method === 'GET' && req.url === '/_bulkhead/health') {
      send(res, {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-amzn-RequestId': newRequestId() },
        body: JSON.stringify(health()),
      });
      return;
    }
    const limit = isS3(req) ? MAX_S3_BODY_BYTES : MAX_BODY_BYTES;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      send(res, tooLarge(req));
      req.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (chunk: Buffer) => {
      if (aborted) return;
      size += chunk.length;
      if (size > limit) {
        aborted = true;
        send(res, tooLarge(req));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      aborted = true;
    });
    req.on('end', () => {
      if (aborted) return;
      const response = dispatcher.handle({
        method: req.method ?? 'POST',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
        remoteAddress: req.socket.remoteAddress ?? '127.0.0.1',
      });
      send(res, response);
    });
  });
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
