import type { Principal } from './auth/credentials.js';
import type { RawRequest, RawResponse } from './dispatch.js';
import type { ObservedCall, ServiceDefinition } from './services/registry.js';

/** The message of an error response body, whichever protocol wrote it (JSON `message`/`Message`, XML `<Message>`). */
export function errorMessageOf(raw: string | Buffer): string {
  const body = typeof raw === 'string' ? raw : raw.toString('utf8');
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const m = parsed.message ?? parsed.Message ?? parsed.error_description;
    if (typeof m === 'string') return m;
  } catch {
    const m = /<Message>([^<]*)<\/Message>/.exec(body);
    if (m?.[1] !== undefined) return m[1];
  }
  return '';
}

/** One answered call as the services that record calls see it (CloudTrail's events). */
export function observedCall(
  req: RawRequest,
  routed: { service: ServiceDefinition; operation: string; input: Record<string, unknown>; region: string },
  answered: { principal: Principal | undefined; response: RawResponse; requestId: string; now: number },
): ObservedCall {
  const { response } = answered;
  const agent = req.headers['user-agent'];
  const call: ObservedCall = {
    time: answered.now,
    requestId: answered.requestId,
    service: routed.service.name,
    signingName: routed.service.signingName,
    operation: routed.operation,
    region: routed.region,
    principal: answered.principal,
    sourceIp: req.remoteAddress ?? '127.0.0.1',
    userAgent: agent ?? '',
    input: routed.input,
    status: response.status,
  };
  if (response.status >= 300) {
    call.errorCode = response.headers['x-amzn-ErrorType'] ?? 'Error';
    call.errorMessage = errorMessageOf(response.body);
  }
  return call;
}
