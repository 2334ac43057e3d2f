// A logging proxy in front of moto for the peer benchmark: records every call (service, operation, latency, calls in
// flight), can make CreateAccount asynchronous by time (each new account IN_PROGRESS for `createAccountSeconds`,
// however often it is polled), and answers the few calls moto lacks that org-formation makes on its way (recorded as
// answered by the proxy).
import { Agent, createServer, request as httpRequest } from 'node:http';
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';

/** Calls moto does not implement, answered here with what AWS answers for an account without a support plan. */
const PROXY_ANSWERS = {
  'AWSSupport_20130415.DescribeSeverityLevels': {
    status: 400,
    body: { __type: 'SubscriptionRequiredException', message: 'AWS Premium Support Subscription is required.' },
  },
};

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the message: a proxy drops them, and any header
 * its `Connection` names, in both directions. moto's server answers every call with `Connection: close`; passed on,
 * it would make each tool open a new connection per call, which AWS does not make them do.
 */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

export function endToEnd(headers) {
  const named = String(headers['connection'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const kept = { ...headers };
  for (const h of [...HOP_BY_HOP, ...named]) delete kept[h];
  return kept;
}

function operationOf(req, body) {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return { service: target.split('.')[0], operation: target.split('.')[1], target };
  const auth = String(req.headers['authorization'] ?? '');
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? 'unknown';
  const action = /(?:^|&)Action=([^&]+)/.exec(body.toString('utf8'))?.[1];
  if (action) return { service, operation: decodeURIComponent(action), target: `${service}.${action}` };
  return { service, operation: `${req.method} ${req.url?.split('?')[0]}`, target: `${service}.${req.method}` };
}

/**
 * Starts the proxy on an ephemeral port. `options.upstream` is moto's base URL; `options.createAccountSeconds` (0 by
 * default) keeps every CreateAccount IN_PROGRESS for that long.
 */
export function startProxy(options) {
  const upstream = new URL(options.upstream);
  // Connections to moto are kept open between calls, as the tools keep theirs to the proxy: the proxy's own cost
  // per call stays small next to moto's.
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const state = {
    calls: [],
    inFlight: 0,
    maxInFlight: 0,
    /** Connections the tools opened to the proxy. */
    connections: 0,
    createAccountSeconds: options.createAccountSeconds ?? 0,
    /** CreateAccount request id → when it was made (ms). */
    creations: new Map(),
    /** When set, every request is kept (to replay against moto for the no-change floor). */
    keepRequests: false,
    requests: [],
  };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const op = operationOf(req, body);
      if (state.keepRequests) state.requests.push({ method: req.method, path: req.url, headers: req.headers, body });
      const started = performance.now();
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      const record = { ...op, at: started, inFlight: state.inFlight, ms: 0, status: 0, byProxy: false };
      const finish = (status, headers, payload) => {
        state.inFlight--;
        record.ms = performance.now() - started;
        record.status = status;
        state.calls.push(record);
        res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(payload) });
        res.end(payload);
      };
      const canned = PROXY_ANSWERS[op.target];
      if (canned) {
        record.byProxy = true;
        finish(canned.status, { 'content-type': 'application/x-amz-json-1.1' }, JSON.stringify(canned.body));
        return;
      }
      const up = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...endToEnd(req.headers), host: upstream.host },
          agent,
        },
        (upRes) => {
          const parts = [];
          upRes.on('data', (c) => parts.push(c));
          upRes.on('end', () => {
            let payload = Buffer.concat(parts);
            const headers = endToEnd(upRes.headers);
            delete headers['content-length'];
            payload = rewrite(state, op, body, payload);
            finish(upRes.statusCode ?? 502, headers, payload);
          });
        },
      );
      up.on('error', (e) => finish(502, { 'content-type': 'text/plain' }, `proxy: ${e.message}`));
      up.end(body);
    });
  });
  server.on('connection', () => state.connections++);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        state,
        reset() {
          state.calls = [];
          state.inFlight = 0;
          state.maxInFlight = 0;
          state.connections = 0;
          state.creations.clear();
          state.requests = [];
        },
        close: () =>
          new Promise((r) => {
            agent.destroy();
            server.close(() => r());
            // Keep-alive connections would hold the server (and the benchmark) open.
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** CreateAccount made asynchronous: its status reads IN_PROGRESS, without an account id, until its time is up. */
function rewrite(state, op, requestBody, payload) {
  if (state.createAccountSeconds <= 0 || op.service !== 'AWSOrganizationsV20161128') return payload;
  if (op.operation === 'CreateAccount') {
    const parsed = safeJson(payload);
    const id = parsed?.CreateAccountStatus?.Id;
    if (id) {
      state.creations.set(id, performance.now());
      return Buffer.from(JSON.stringify(inProgress(parsed, 'CreateAccountStatus')));
    }
  }
  if (op.operation === 'DescribeCreateAccountStatus') {
    const id = safeJson(requestBody)?.CreateAccountRequestId;
    const at = state.creations.get(id);
    if (at !== undefined && performance.now() - at < state.createAccountSeconds * 1000) {
      const parsed = safeJson(payload);
      if (parsed?.CreateAccountStatus) return Buffer.from(JSON.stringify(inProgress(parsed, 'CreateAccountStatus')));
    }
  }
  if (op.operation === 'ListCreateAccountStatus') {
    const parsed = safeJson(payload);
    if (Array.isArray(parsed?.CreateAccountStatuses)) {
      parsed.CreateAccountStatuses = parsed.CreateAccountStatuses.map((s) => {
        const at = state.creations.get(s.Id);
        return at !== undefined && performance.now() - at < state.createAccountSeconds * 1000
          ? stripAccount({ ...s, State: 'IN_PROGRESS' })
          : s;
      });
      return Buffer.from(JSON.stringify(parsed));
    }
  }
  return payload;
}

function inProgress(parsed, field) {
  return { ...parsed, [field]: stripAccount({ ...parsed[field], State: 'IN_PROGRESS' }) };
}

function stripAccount(status) {
  const { AccountId: _id, CompletedTimestamp: _done, ...rest } = status;
  return rest;
}

function safeJson(buffer) {
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch {
    return undefined;
  }
}
