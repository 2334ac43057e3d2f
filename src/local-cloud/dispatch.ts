import type { IncomingHttpHeaders } from 'node:http';
import type { ApiLog } from './api-log.js';
import type { Principal, WireProtocol } from './auth/credentials.js';
import { authenticate } from './auth/credentials.js';
import { authorize } from './authz/authorize.js';
import type { ResolvedConfig } from './config.js';
import { AwsApiError } from './errors.js';
import { newRequestId } from './ids.js';
import type { FaultInjector } from './knobs/faults.js';
import type { Throttler } from './knobs/throttle.js';
import { JSON_CONTENT_TYPE, serializeJson, serializeJsonError } from './protocols/json.js';
import { REST_JSON_CONTENT_TYPE, serializeRestJson } from './protocols/rest-json.js';
import { serializeQueryError, serializeQueryResponse, XML_CONTENT_TYPE } from './protocols/query.js';
import { cborErrorResponse, cborResponse } from './protocols/rpc-v2-cbor.js';
import type { RestXmlOutput } from './protocols/rest-xml.js';
import { REST_XML_CONTENT_TYPE, restXmlResponse, serializeRestXmlError } from './protocols/rest-xml.js';
import { observedCall } from './observed-call.js';
import type { HandlerContext, Job, ServiceDefinition } from './services/registry.js';
import { route, type Route } from './routing.js';
import { loadRoute } from './load-routes.js';
import { signInRoute } from './sign-in-routes.js';
import type { Persistence } from './store/persistence.js';
import type { Store } from './store/store.js';

export interface RawRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The caller's IP address (CloudTrail's sourceIPAddress). */
  remoteAddress?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** Text, or bytes (an S3 object); a `content-length` header given here wins (HEAD answers a length, no body). */
  body: string | Buffer;
}

export interface DispatcherDeps {
  config: ResolvedConfig;
  store: Store;
  persistence: Persistence;
  services: readonly ServiceDefinition[];
  throttler: Throttler;
  faults: FaultInjector | undefined;
  apiLog: ApiLog;
  schedule: (job: Job) => void;
  /** The server's own endpoint, known once it listens (the OIDC verification URI names it). */
  endpoint?: () => string;
}

const GENERIC_QUERY_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
/** `aws:RequestedRegion` of a global service's calls (IAM, Organizations). */
export const GLOBAL_SERVICE_REGION = 'us-east-1';

/** The caller of an unsigned (noAuth) service: nobody yet; the handler finds out from the token it is given. */
const ANONYMOUS: Principal = { accountId: '', arn: '', userId: '', accessKeyId: '', kind: 'root' };

export class Dispatcher {
  /** The services that record every call (CloudTrail), found once. */
  private readonly observers: readonly ServiceDefinition[];

  constructor(private readonly deps: DispatcherDeps) {
    this.observers = deps.services.filter((s) => s.observeCalls !== undefined);
  }

  handle(req: RawRequest): RawResponse {
    const started = Date.now();
    const own =
      signInRoute(req, this.deps.store, this.deps.persistence, started) ??
      loadRoute(req, this.deps.store, this.deps.persistence, started);
    if (own !== undefined) return own;
    const requestId = newRequestId();
    const r = route(req, this.deps.services);
    let principal: Principal | undefined;
    let response: RawResponse;
    try {
      principal =
        r.protocol === 'rest-json' && r.service?.noAuth === true
          ? ANONYMOUS
          : authenticate(req, this.deps.store, authProtocol(r.protocol), started, {
              signingName: r.service?.signingName,
              unsignedPayload: r.service?.unsignedPayload ?? false,
              ownRegion: this.deps.config.region,
            });
      response = this.invoke(r, principal, requestId, started);
    } catch (err) {
      response = this.errorResponse(r, toApiError(err, r.service), requestId);
    }
    this.deps.apiLog.write({
      time: new Date(started).toISOString(),
      requestId,
      service: r.service?.name ?? 'unknown',
      operation: r.operation ?? 'unknown',
      account: principal === undefined || principal.accountId === '' ? null : principal.accountId,
      principal: principal === undefined || principal.arn === '' ? null : principal.arn,
      status: response.status,
      result: response.status < 300 ? 'OK' : (response.headers['x-amzn-ErrorType'] ?? 'Error'),
      durationMs: Date.now() - started,
    });
    this.observe(req, r, principal, response, requestId, started);
    return response;
  }

  /** Hands the call to the services that record calls (CloudTrail), then persists what they wrote. */
  private observe(
    req: RawRequest,
    r: Route,
    principal: Principal | undefined,
    response: RawResponse,
    requestId: string,
    now: number,
  ): void {
    if (this.observers.length === 0 || r.service === undefined || r.operation === undefined || r.operation === '')
      return;
    const region = r.service.global ? GLOBAL_SERVICE_REGION : r.region || this.deps.config.region;
    const call = observedCall(
      req,
      { service: r.service, operation: r.operation, input: r.input ?? {}, region },
      {
        principal,
        response,
        requestId,
        now,
      },
    );
    const ctx: HandlerContext = {
      store: this.deps.store,
      principal: principal ?? ANONYMOUS,
      now,
      requestId,
      region,
      config: this.deps.config,
      schedule: this.deps.schedule,
    };
    for (const service of this.observers) {
      try {
        service.observeCalls?.(call, ctx);
      } catch {
        // Recording a call is best effort: it never fails the call it records.
      }
    }
    this.deps.persistence.commit(this.deps.store.takePending(), this.deps.store);
  }

  private invoke(r: Route, principal: Principal, requestId: string, now: number): RawResponse {
    const { service, operation } = r;
    if (r.parseError !== undefined) throw r.parseError;
    if (service === undefined || operation === undefined || operation === '') {
      if (r.protocol === 'rest-json')
        throw new AwsApiError('UnknownOperationException', 'The requested method is not supported for this path.', 404);
      if (r.protocol === 'rest-xml')
        throw new AwsApiError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
      throw r.protocol !== 'query'
        ? new AwsApiError(
            'UnknownOperationException',
            'The action or operation requested is invalid. Verify that the action is typed correctly.',
          )
        : new AwsApiError(
            'InvalidAction',
            'The action or operation requested is invalid. Verify that the action is typed correctly.',
          );
    }
    const op = Object.hasOwn(service.operations, operation) ? service.operations[operation] : undefined;
    if (op === undefined) {
      throw r.protocol !== 'query'
        ? new AwsApiError('UnknownOperationException', `The action ${operation} is not valid for this web service.`)
        : new AwsApiError(
            'InvalidAction',
            `Could not find operation ${operation} for version ${service.apiVersion ?? ''}`,
          );
    }
    const collective = service.collectiveThrottle;
    const bucket = `${principal.accountId}|${service.name}|${collective === undefined ? operation : '*'}`;
    if (!this.deps.throttler.take(bucket, now, collective)) {
      throw new AwsApiError(service.throttleError.code, service.throttleError.message, service.throttleError.status);
    }
    const fault = this.deps.faults?.next();
    if (fault === 'throttle')
      throw new AwsApiError(service.throttleError.code, service.throttleError.message, service.throttleError.status);
    if (fault === 'error5xx')
      throw new AwsApiError(service.internalError.code, service.internalError.message, service.internalError.status);
    // AWS serves a global service from us-east-1, whatever region the client signed with.
    const region = service.global ? GLOBAL_SERVICE_REGION : r.region;
    // AWS authorizes a call before acting on it: SCPs, identity policies and boundaries (src/access/); an unsigned
    // service has no IAM principal to authorize.
    if (service.noAuth !== true)
      authorize({
        service,
        operation,
        input: r.input ?? {},
        principal,
        store: this.deps.store,
        region,
      });
    const ctx: HandlerContext = {
      store: this.deps.store,
      principal,
      now,
      requestId,
      region,
      config: this.deps.config,
      schedule: this.deps.schedule,
    };
    const endpoint = this.deps.endpoint?.();
    if (endpoint !== undefined) ctx.endpoint = endpoint;
    let output: unknown;
    try {
      output = op.handler(r.input ?? {}, ctx);
    } finally {
      // Persist before answering, success or not: a handler that changed state and then failed must not lose the change.
      this.deps.persistence.commit(this.deps.store.takePending(), this.deps.store);
    }
    if (r.protocol === 'rest-xml') return restXmlResponse(output as RestXmlOutput | undefined, requestId);
    if (r.protocol === 'rpc-v2-cbor') return cborResponse(output, requestId);
    if (r.protocol === 'rest-json') {
      return {
        status: 200,
        headers: { 'content-type': REST_JSON_CONTENT_TYPE, 'x-amzn-RequestId': requestId },
        body: serializeRestJson(output),
      };
    }
    if (r.protocol === 'json') {
      return {
        status: 200,
        headers: { 'content-type': jsonContentType(service), 'x-amzn-RequestId': requestId },
        body: serializeJson(output),
      };
    }
    return {
      status: 200,
      headers: { 'content-type': XML_CONTENT_TYPE, 'x-amzn-RequestId': requestId },
      body: serializeQueryResponse(operation, service.xmlNamespace ?? GENERIC_QUERY_NS, output ?? undefined, requestId),
    };
  }

  private errorResponse(r: Route, err: AwsApiError, requestId: string): RawResponse {
    const queryError = r.service?.awsQueryErrors?.[err.code];
    if (r.protocol === 'rpc-v2-cbor') return cborErrorResponse(err, requestId, queryError);
    if (r.protocol === 'rest-xml') {
      const { headers } = restXmlResponse(undefined, requestId);
      return {
        status: err.httpStatus,
        headers: { ...headers, 'content-type': REST_XML_CONTENT_TYPE, 'x-amzn-ErrorType': err.code },
        body: serializeRestXmlError(err, requestId),
      };
    }
    if (r.protocol === 'rest-json') {
      const body = r.service?.restErrorBody?.(err) ?? { message: err.message };
      return {
        status: err.httpStatus,
        headers: {
          'content-type': REST_JSON_CONTENT_TYPE,
          'x-amzn-RequestId': requestId,
          'x-amzn-ErrorType': err.code,
        },
        body: JSON.stringify(body),
      };
    }
    if (r.protocol === 'json') {
      return {
        status: err.httpStatus,
        headers: {
          'content-type': jsonContentType(r.service),
          'x-amzn-RequestId': requestId,
          'x-amzn-ErrorType': err.code,
          ...(queryError === undefined ? {} : { 'x-amzn-query-error': queryError }),
        },
        body: serializeJsonError(err),
      };
    }
    return {
      status: err.httpStatus,
      headers: { 'content-type': XML_CONTENT_TYPE, 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': err.code },
      body: serializeQueryError(err, r.service?.xmlNamespace ?? GENERIC_QUERY_NS, requestId),
    };
  }
}

/** The auth errors' wording: JSON-like protocols say `...Exception`. */
const authProtocol = (p: Route['protocol']): WireProtocol => (p === 'rest-json' || p === 'rpc-v2-cbor' ? 'json' : p);

const jsonContentType = (service: ServiceDefinition | undefined): string =>
  service?.jsonVersion === '1.0' ? 'application/x-amz-json-1.0' : JSON_CONTENT_TYPE;

/**
 * Anything that is not an AwsApiError is a bug of ours; the caller sees the service's own internal error (sso-admin
 * and the Identity Store: InternalServerException; Organizations: ServiceException…), the server keeps serving.
 */
export function toApiError(err: unknown, service?: ServiceDefinition): AwsApiError {
  if (err instanceof AwsApiError) return err;
  if (service !== undefined)
    return new AwsApiError(service.internalError.code, service.internalError.message, service.internalError.status);
  return new AwsApiError(
    'InternalFailure',
    'The request processing has failed because of an unknown error, exception or failure.',
    500,
  );
}
