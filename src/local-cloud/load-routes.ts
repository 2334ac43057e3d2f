import type { RawRequest, RawResponse } from './dispatch.js';
import { newRequestId } from './ids.js';
import { pathOf } from './protocols/rest-json.js';
import type { LoadRequest } from './services/cloudwatch/load.js';
import { runLoad } from './services/cloudwatch/load.js';
import type { Persistence } from './store/persistence.js';
import type { Store } from './store/store.js';

/** Where `bulkhead local load` starts or stops a load test (CloudWatch usage of one account). */
export const LOAD_PATH = '/_bulkhead/usage/load';

function json(status: number, body: unknown): RawResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-RequestId': newRequestId(), 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/**
 * POST /_bulkhead/usage/load `{"account","quota","usage"?,"forSeconds"?,"stop"?}`: JSON only, and never from a web
 * page (an Origin header is refused), as the sign-in approval route.
 */
export function loadRoute(
  req: RawRequest,
  store: Store,
  persistence: Persistence,
  now: number,
): RawResponse | undefined {
  if (pathOf(req.url) !== LOAD_PATH) return undefined;
  if (req.method !== 'POST') return json(405, { code: 'InvalidRequest', message: `Use POST ${LOAD_PATH}.` });
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== 'application/json' || req.headers.origin !== undefined)
    return json(415, { code: 'InvalidRequest', message: 'Load tests are started with a JSON body, not from a page.' });
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    return json(400, { code: 'InvalidRequest', message: 'The body is not valid JSON.' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return json(400, { code: 'InvalidRequest', message: 'The body must be a JSON object.' });
  const result = runLoad(store, body as LoadRequest, now);
  persistence.commit(store.takePending(), store);
  if (!result.ok) return json(result.status, { code: result.code, message: result.message });
  return json(200, { ...result.load, stopped: result.stopped });
}
