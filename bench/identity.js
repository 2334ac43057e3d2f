// IAM Identity Center at scale (issue #10). Run after `npm run build`: node bench/identity.js [ACCOUNTS] [--scale N]
// 1,000 accounts × 40 groups × 10 permission sets (about 20,000 assignments) on the local cloud:
//  1. apply of identity from empty, against the bound AWS's request rate (20 calls/s for sso-admin and identitystore
//     together) and outstanding-operation limit (10 assignment operations) impose with the local cloud's AWS-like
//     assignment latency (1.5 s): max(W / rate, N × L / 10);
//  2. a no-change plan of the whole organization (no throttling), with the assignment read it chose.
// Time runs SCALE times faster (default 10; `--scale 1` is AWS's own pace, about an hour): the local cloud's
// durations and Bulkhead's poll delays divided by SCALE, the request rate multiplied by it. The ratio is unchanged.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { SERVICES } from '../dist/local-cloud/services/all.js';
import { SSO_ADMIN_TPS } from '../dist/providers/aws/clients.js';
import { defaultPollDelayMs } from '../dist/toolkit/apply-walk.js';
import { ASSIGNMENT_OPERATIONS_OUTSTANDING } from '../dist/providers/aws/identity-center/index.js';
import { apply } from '../dist/toolkit/apply.js';
import { plan } from '../dist/toolkit/plan.js';
import { generateOrg } from './generate-org.js';
import { addIdentity } from './generate-identity.js';
import { startCloud } from './start-cloud.js';

const args = process.argv.slice(2);
const scaleAt = args.indexOf('--scale');
const ACCOUNTS = Number(args.find((a, i) => /^\d+$/.test(a) && (scaleAt < 0 || i !== scaleAt + 1)) ?? 1000);
const SCALE = scaleAt >= 0 ? Number(args[scaleAt + 1]) : 10;
const RATE = SSO_ADMIN_TPS * SCALE;
/** The default profile's assignment latency (src/local-cloud/config.ts), scaled. */
const ASSIGNMENT_LATENCY_MS = 1500 / SCALE;
const pollDelayMs = (attempt, elapsedMs) => defaultPollDelayMs(attempt, elapsedMs * SCALE) / SCALE;
const work = mkdtempSync(join(tmpdir(), 'bulkhead-bench-identity-'));
const ms = (t) => `${Math.round(t)} ms`;
const s = (t) => `${(t / 1000).toFixed(1)} s`;
const quiet = { notify() {} };

/** The operations of sso-admin and identitystore (both share AWS's collective rate). */
const identityOps = new Set(
  SERVICES.filter((svc) => svc.name === 'sso-admin' || svc.name === 'identitystore').flatMap((svc) =>
    Object.keys(svc.operations),
  ),
);
function ssoCalls(calls) {
  let n = 0;
  for (const [op, count] of calls) if (identityOps.has(op)) n += count;
  return n;
}

const spec = addIdentity(generateOrg(ACCOUNTS));
const orgOnly = { ...spec };
delete orgOnly.identity;
const file = join(work, 'org.yaml');
const results = {};
const cloud = startCloud(work, 'cloud', ['--time-scale', String(1 / SCALE)]);
try {
  // Setup: the organization without identity.
  writeFileSync(file, stringify(orgOnly, { lineWidth: 0 }));
  let connection = cloud.connect();
  let t = performance.now();
  let r = await apply({ yes: true, file, connection, io: quiet, pollDelayMs });
  if (r.failed.length > 0) throw new Error(`setup failed: ${JSON.stringify(r.failed[0])}`);
  results['setup: organization'] = { accounts: ACCOUNTS, changes: r.done.length, time: ms(performance.now() - t) };
  await connection.close();

  // 1. Identity from empty, at RATE calls/s for sso-admin + identitystore.
  writeFileSync(file, stringify(spec, { lineWidth: 0 }));
  connection = cloud.connect({ ssoRatePerSecond: RATE });
  const kinds = {};
  const spans = { first: Infinity, last: 0, firstAssignment: Infinity, lastAssignment: 0 };
  const io = {
    notify(e) {
      if (e.type !== 'change') return;
      if (e.data.address?.kind === 'account-assignment') {
        if (e.data.state === 'start') spans.firstAssignment = Math.min(spans.firstAssignment, performance.now());
        if (e.data.state === 'done') spans.lastAssignment = Math.max(spans.lastAssignment, performance.now());
      }
      if (e.data.state !== 'done') return;
      kinds[e.data.address?.kind ?? '?'] = (kinds[e.data.address?.kind ?? '?'] ?? 0) + 1;
    },
  };
  const planning = cloud.connect();
  const planned = await plan({ file, connection: planning, io: quiet });
  await planning.close();
  const identityChanges = planned.plan.changes.filter((c) =>
    [
      'identity-center',
      'sso-user',
      'sso-group',
      'sso-group-membership',
      'permission-set',
      'account-assignment',
    ].includes(c.kind),
  );
  const assignments = identityChanges.filter((c) => c.kind === 'account-assignment').length;
  spans.first = performance.now();
  r = await apply({ yes: true, file, connection, io, pollDelayMs });
  spans.last = performance.now();
  if (r.failed.length > 0) throw new Error(`identity apply failed: ${JSON.stringify(r.failed[0])}`);
  const made = new Map(connection.clients.calls);
  // The fewest sso-admin + identitystore calls the changes need: one write per user, group, membership and
  // assignment; per permission set its create, one attach per managed policy and one provisioning check.
  const writes = identityChanges.reduce((n, c) => {
    if (c.kind === 'permission-set') return n + 1 + (c.payload.managedPolicies?.length ?? 1);
    if (c.kind === 'identity-center') return n + 1;
    return n + 1;
  }, 0);
  const applyMs = spans.last - spans.first;
  const rateBound = (writes / RATE) * 1000;
  const outstandingBound = (assignments * ASSIGNMENT_LATENCY_MS) / ASSIGNMENT_OPERATIONS_OUTSTANDING;
  const bound = Math.max(rateBound, outstandingBound);
  results[`1. identity apply from empty (${RATE} calls/s, L = ${ASSIGNMENT_LATENCY_MS} ms: AWS at ${SCALE}× speed)`] = {
    'identity changes': identityChanges.length,
    assignments,
    'apply time': s(applyMs),
    'first assignment sent → last done': s(spans.lastAssignment - spans.firstAssignment),
    'assignments span / (N × L / 10)': ((spans.lastAssignment - spans.firstAssignment) / outstandingBound).toFixed(3),
    'fewest sso calls (W)': writes,
    'sso calls made': ssoCalls(made),
    'bound: max(W / rate, N × L / 10)': `max(${s(rateBound)}, ${s(outstandingBound)}) = ${s(bound)}`,
    'ratio to bound': (applyMs / bound).toFixed(3),
    'the same at AWS speed': `apply ${s(applyMs * SCALE)}, bound ${s(bound * SCALE)}`,
  };
  results['   calls by operation'] = Object.fromEntries([...made].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]));
  await connection.close();

  // 2. No-change plan without throttling.
  connection = cloud.connect();
  const times = [];
  let reads;
  for (let i = 0; i < 3; i++) {
    const events = [];
    connection.clients.calls.clear();
    t = performance.now();
    const p = await plan({ file, connection, io: { notify: (e) => events.push(e) } });
    times.push(performance.now() - t);
    if (p.plan.changes.length !== 0) throw new Error(`expected an empty plan, got ${p.plan.changes.length} changes`);
    reads = events.find((e) => e.code === 'refresh.assignments')?.data;
    if (process.env.BENCH_DEBUG) console.error([...new Set(events.map((e) => e.code))]);
  }
  const sorted = [...times].sort((a, b) => a - b);
  results['2. no-change plan (median of 3)'] = {
    time: s(sorted[1]),
    'assignment read chosen': reads?.chosen,
    'ListAccountAssignmentsForPrincipal calls (groups + users)': reads?.perPrincipal,
    'ListAccountAssignments calls (Σ accounts per permission set)': reads?.perAccountAndPermissionSet,
    'calls made (last plan)': [...connection.clients.calls.values()].reduce((a, b) => a + b, 0),
  };
  await connection.close();
} finally {
  cloud.stop();
}

for (const [name, row] of Object.entries(results)) {
  console.log(name);
  for (const [k, v] of Object.entries(row)) console.log(`  ${k.padEnd(60)} ${v}`);
}
