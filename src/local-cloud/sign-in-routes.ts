import { createHash } from 'node:crypto';
import type { RawRequest, RawResponse } from './dispatch.js';
import { newRequestId } from './ids.js';
import { pathOf } from './protocols/rest-json.js';
import { approveDeviceCode } from './services/sso-oidc/approval.js';
import { normalizeUserCode } from './services/sso-oidc/common.js';
import type { Persistence } from './store/persistence.js';
import type { Store } from './store/store.js';

/** Where a pending device code is approved (`bulkhead local sign-in` posts here), and the page that does the same. */
export const APPROVE_PATH = '/_bulkhead/sso/approve';
export const DEVICE_PAGE_PATH = '/_bulkhead/device';

function json(status: number, body: unknown): RawResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-RequestId': newRequestId(), 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

function header(req: RawRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * POST /_bulkhead/sso/approve `{"userName","userCode"}`. Only JSON is taken (a cross-site HTML form cannot send it
 * without the browser asking first) and a browser's Origin must be this server's own.
 */
function approve(req: RawRequest, store: Store, persistence: Persistence, now: number): RawResponse {
  if (req.method !== 'POST')
    return json(405, { code: 'InvalidRequest', message: `Use POST ${APPROVE_PATH} with a JSON body.` });
  const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    return json(415, { code: 'InvalidRequest', message: 'The body must be JSON (content-type: application/json).' });
  const origin = header(req, 'origin');
  if (origin !== undefined && origin.toLowerCase() !== `http://${(header(req, 'host') ?? '').toLowerCase()}`)
    return json(403, { code: 'InvalidRequest', message: 'Approvals are taken only from the local cloud itself.' });
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    return json(400, { code: 'InvalidRequest', message: 'The body is not valid JSON.' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return json(400, { code: 'InvalidRequest', message: 'The body must be a JSON object {"userName","userCode"}.' });
  const { userName, userCode } = body as Record<string, unknown>;
  const result = approveDeviceCode(store, userName, userCode, now);
  persistence.commit(store.takePending(), store);
  if (!result.ok) return json(result.status, { code: result.code, message: result.message });
  return json(200, { approved: true, userName: result.userName, userId: result.userId, clientName: result.clientName });
}

const PAGE_SCRIPT = `document.querySelector('form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target, out = document.querySelector('output');
  const r = await fetch(${JSON.stringify(APPROVE_PATH)}, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName: f.userName.value, userCode: f.userCode.value }) });
  const b = await r.json();
  out.textContent = r.ok ? 'Signed in as ' + b.userName + '. You can close this page.' : b.message;
});`;

/** The page runs only its own script: the CSP names it by hash. */
const PAGE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}'`;

/** GET /_bulkhead/device[?user_code=]: the verification page, a form posting to the approval route. */
function devicePage(req: RawRequest): RawResponse {
  const q = req.url.indexOf('?');
  const given = new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1)).get('user_code') ?? '';
  // Only a well-formed code is echoed into the page, so nothing from the URL can become markup.
  const code = normalizeUserCode(given) ?? '';
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bulkhead local cloud: sign in</title></head>
<body><h1>Sign in to the local cloud's IAM Identity Center</h1>
<form><p><label>User name <input name="userName" autocomplete="username" required></label></p>
<p><label>Code <input name="userCode" value="${code}" required></label></p>
<p><button type="submit">Approve</button></p></form><p><output></output></p>
<script>${PAGE_SCRIPT}</script></body></html>
`;
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; script-src ${PAGE_SCRIPT_HASH}; connect-src 'self'; form-action 'none'; frame-ancestors 'none'`,
      'x-amzn-RequestId': newRequestId(),
    },
    body,
  };
}

/** The local cloud's own sign-in routes, or undefined when the request is for an AWS service. */
export function signInRoute(
  req: RawRequest,
  store: Store,
  persistence: Persistence,
  now: number,
): RawResponse | undefined {
  const path = pathOf(req.url);
  if (path === APPROVE_PATH) return approve(req, store, persistence, now);
  if (path === DEVICE_PAGE_PATH && req.method === 'GET') return devicePage(req);
  return undefined;
}
