import type { IncomingHttpHeaders } from 'node:http';
import type { WireProtocol } from './auth/credentials.js';
import { parseAuthorization } from './auth/sigv4.js';
import { AwsApiError } from './errors.js';
import { parseJsonBody } from './protocols/json.js';
import { parseQueryBody } from './protocols/query.js';
import { matchPath, pathOf, restInput } from './protocols/rest-json.js';
import { restXmlRequest } from './protocols/rest-xml.js';
import { parseCborBody, rpcV2CborAddress } from './protocols/rpc-v2-cbor.js';
import type { RestRoute, ServiceDefinition } from './services/registry.js';
import type { RawRequest } from './dispatch.js';

// Which service and operation a raw request addresses, and its decoded input: the dispatcher's first step.

export interface Route {
  service: ServiceDefinition | undefined;
  protocol: WireProtocol | 'rest-json' | 'rpc-v2-cbor';
  operation: string | undefined;
  input: Record<string, unknown> | undefined;
  /** The region of the SigV4 credential scope (unverified until authentication). */
  region: string;
  parseError?: AwsApiError;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * restJson1: the service one of whose routes matches this path (a literal route before a templated one); when several
 * services have such a route, the one the SigV4 scope names. The operation is the route of this method; a known path
 * asked with another method names no operation (UnknownOperationException), as does an unknown path signed for a
 * restJson1 service.
 */
export function restRoute(
  req: RawRequest,
  services: readonly ServiceDefinition[],
  signingName?: string,
): Route | undefined {
  const path = pathOf(req.url);
  const matching = (s: ServiceDefinition) =>
    (s.routes ?? [])
      .map((route) => ({ route, labels: matchPath(route.path, path) }))
      .filter((m): m is { route: RestRoute; labels: Record<string, string> } => m.labels !== undefined)
      .sort((a, b) => Object.keys(a.labels).length - Object.keys(b.labels).length);
  const rest = services.filter((s) => s.protocol === 'rest-json');
  const candidates = rest.filter((s) => matching(s).length > 0);
  const service = candidates.find((s) => s.signingName === signingName) ?? candidates[0];
  if (service === undefined) {
    const signed = rest.find((s) => s.noAuth !== true && s.signingName === signingName);
    return signed === undefined
      ? undefined
      : { service: signed, protocol: 'rest-json', operation: undefined, input: undefined, region: '' };
  }
  const match = matching(service).find((m) => m.route.method === req.method);
  const r: Route = { service, protocol: 'rest-json', operation: match?.route.operation, input: undefined, region: '' };
  if (match === undefined) return r;
  try {
    r.input = restInput(req.method, req.url, req.headers, req.body, match.route, match.labels);
  } catch (err) {
    const own = service.malformedBody;
    r.parseError = own === undefined ? (err as AwsApiError) : new AwsApiError(own.code, own.message, own.status);
  }
  return r;
}

/** restXml (S3): the service whose signing name the SigV4 scope names; it reads the operation from the request. */
function restXmlRoute(req: RawRequest, service: ServiceDefinition, region: string): Route {
  const r: Route = { service, protocol: 'rest-xml', operation: undefined, input: undefined, region };
  try {
    const routed = service.restXmlRoute?.(restXmlRequest(req.method, req.url, req.headers, req.body));
    r.operation = routed?.operation;
    r.input = routed?.input;
  } catch (err) {
    r.parseError = err as AwsApiError;
  }
  return r;
}

/**
 * Routes by X-Amz-Target prefix (awsJson1_1), by METHOD + PATH (restJson1, whose paths are never `/`) or by the SigV4
 * scope's service name (awsQuery), never by action name alone.
 */
export function route(req: RawRequest, services: readonly ServiceDefinition[]): Route {
  const auth = parseAuthorization(header(req.headers, 'authorization'));
  const scope = typeof auth === 'object' ? auth : undefined;
  const region = scope?.region ?? '';
  const cbor = rpcV2CborAddress(req.method, req.url, req.headers);
  if (cbor !== undefined) {
    const service = services.find((s) => s.rpcV2Cbor === true && s.targetPrefix === cbor.service);
    const r: Route = { service, protocol: 'rpc-v2-cbor', operation: cbor.operation, input: undefined, region };
    try {
      r.input = parseCborBody(req.body);
    } catch (err) {
      r.parseError = err as AwsApiError;
    }
    return r;
  }
  const target = header(req.headers, 'x-amz-target');
  if (target !== undefined) {
    const dot = target.lastIndexOf('.');
    const prefix = dot < 0 ? target : target.slice(0, dot);
    const service = services.find(
      (s) => s.protocol === 'json' && (s.targetPrefix === prefix || s.targetPrefixAliases?.includes(prefix) === true),
    );
    const route: Route = {
      service,
      protocol: 'json',
      operation: dot < 0 ? undefined : target.slice(dot + 1),
      input: undefined,
      region,
    };
    try {
      route.input = parseJsonBody(req.body);
    } catch (err) {
      route.parseError = err as AwsApiError;
    }
    return route;
  }
  const restXml = services.find((s) => s.protocol === 'rest-xml' && s.signingName === scope?.service);
  if (restXml !== undefined) return restXmlRoute(req, restXml, region);
  const rest = restRoute(req, services, scope?.service);
  if (rest !== undefined) return { ...rest, region };
  const service = services.find((s) => s.protocol === 'query' && s.signingName === scope?.service);
  const q = req.url.indexOf('?');
  const text = req.method === 'GET' ? (q < 0 ? '' : req.url.slice(q + 1)) : req.body.toString('utf8');
  const parsed = parseQueryBody(text);
  return { service, protocol: 'query', operation: parsed.action, input: parsed.input, region };
}
