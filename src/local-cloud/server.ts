import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatcher, RawResponse } from './dispatch.js';
import { AwsApiError } from './errors.js';
import { newRequestId } from './ids.js';
import { serializeJsonError } from './protocols/json.js';
import { serializeQueryError } from './protocols/query.js';

/** AWS rejects request bodies this large long before any handler sees them. */
export const MAX_BODY_BYTES = 1024 * 1024;

function send(res: ServerResponse, r: RawResponse): void {
  const body = Buffer.from(r.body, 'utf8');
  res.writeHead(r.status, { ...r.headers, 'content-length': String(body.length) });
  res.end(body);
}

function tooLarge(req: IncomingMessage): RawResponse {
  const requestId = newRequestId();
  const err = new AwsApiError(
    'RequestEntityTooLargeException',
    `Request body must be no more than ${MAX_BODY_BYTES} bytes.`,
    413,
  );
  if (req.headers['x-amz-target'] !== undefined) {
    return {
      status: 413,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-RequestId': requestId,
        'x-amzn-ErrorType': err.code,
        connection: 'close',
      },
      body: serializeJsonError(err),
    };
  }
  const q = new AwsApiError('RequestEntityTooLarge', err.message, 413);
  return {
    status: 413,
    headers: {
      'content-type': 'text/xml',
      'x-amzn-RequestId': requestId,
      'x-amzn-ErrorType': q.code,
      connection: 'close',
    },
    body: serializeQueryError(q, 'https://iam.amazonaws.com/doc/2010-05-08/', requestId),
  };
}

/** The HTTP front: reads bodies (bounded), answers a health probe, hands everything else to the dispatcher. */
export function createHttpServer(dispatcher: Dispatcher, health: () => Record<string, unknown>): Server {
  return createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/_bulkhead/health') {
      send(res, {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-amzn-RequestId': newRequestId() },
        body: JSON.stringify(health()),
      });
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
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
      if (size > MAX_BODY_BYTES) {
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
