import { Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { matchPath } from '../../../src/local-cloud/protocols/rest-json.js';
import { SERVICES } from '../../../src/local-cloud/services/all.js';
import type { WireResponse } from './response-validation.js';

/** One exchange as it crossed the wire: the operation the SDK called and the raw response. */
export interface Exchange extends WireResponse {
  /** `organizations`, `sso-admin`, `identitystore`, `iam` or `sts`, from the X-Amz-Target prefix or the signing scope. */
  service: string;
  operation: string;
}

type HttpRequest = Parameters<NodeHttpHandler['handle']>[0];
type HandleResult = Awaited<ReturnType<NodeHttpHandler['handle']>>;

/** awsJson1_1 X-Amz-Target prefixes (botocore `metadata.targetPrefix`) to service names. */
const JSON_TARGET_PREFIXES: Readonly<Record<string, string>> = {
  AWSOrganizationsV20161128: 'organizations',
  SWBExternalService: 'sso-admin',
  AWSIdentityStore: 'identitystore',
  StarlingDoveService: 'config',
  ServiceQuotasV20190624: 'servicequotas',
  AWSInsightsIndexService: 'ce',
};

/** restJson1: the service and operation whose route (botocore `http.requestUri`) matches, preferring the signed scope's. */
function restOperation(request: HttpRequest, scope: string): { service: string; operation: string } | undefined {
  const found = SERVICES.filter((s) => s.protocol === 'rest-json')
    .sort((x, y) => Number(y.signingName === scope) - Number(x.signingName === scope))
    .flatMap((s) =>
      (s.routes ?? [])
        .filter((r) => r.method === request.method && matchPath(r.path, request.path) !== undefined)
        .map((r) => ({ service: s.name, operation: r.operation })),
    );
  return found[0];
}

function operationOf(request: HttpRequest): { service: string; operation: string } {
  const auth = request.headers.authorization ?? request.headers.Authorization ?? '';
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? '';
  const rest = restOperation(request, scope);
  if (rest !== undefined) return rest;
  const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'];
  if (target !== undefined) {
    const prefix = target.slice(0, target.lastIndexOf('.'));
    const service = JSON_TARGET_PREFIXES[prefix] ?? prefix;
    return { service, operation: target.slice(target.lastIndexOf('.') + 1) };
  }
  const body = typeof request.body === 'string' ? request.body : '';
  const action = new URLSearchParams(body).get('Action') ?? '';
  return { service: scope, operation: action };
}

async function drain(body: unknown): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * An SDK request handler that keeps a copy of every raw response (status, headers, body) before
 * the SDK deserialises it, so the bytes the local cloud sent can be checked against the model.
 */
export class RecordingHandler extends NodeHttpHandler {
  readonly exchanges: Exchange[] = [];

  override async handle(
    request: HttpRequest,
    options?: Parameters<NodeHttpHandler['handle']>[1],
  ): Promise<HandleResult> {
    const { response } = await super.handle(request, options);
    const bytes = await drain(response.body);
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    this.exchanges.push({
      ...operationOf(request),
      status: response.statusCode,
      headers,
      body: bytes.toString('utf8'),
    });
    response.body = Readable.from([bytes]);
    return { response };
  }
}
