// Plan and apply at scale (issue #4). Run after `npm run build`: node bench/plan-apply.js
// Prints the numbers recorded in docs/performance.md under "Plan and apply (issue #4)".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { stringify } from 'yaml';
import { validateSpecFile } from '../dist/config/validate.js';
import { diff } from '../dist/plan/diff.js';
import { refreshOrganization } from '../dist/providers/aws/organizations/reader.js';
import { stateOfTree } from '../dist/model/observed.js';
import { apply } from '../dist/toolkit/apply.js';
import { plan } from '../dist/toolkit/plan.js';
import { generateOrg } from './generate-org.js';
import { startCloud as startLocalCloud } from './start-cloud.js';
import { EMPTY_OBSERVED, observedAfterApplying } from './generate-observed.js';

const PAGE = 20;
const work = mkdtempSync(join(tmpdir(), 'bulkhead-bench-plan-'));
const quiet = { notify() {} };
const pages = (n) => Math.max(1, Math.ceil(n / PAGE));
const ms = (t) => `${Math.round(t)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function writeSpec(accounts, name) {
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, stringify(generateOrg(accounts), { lineWidth: 0 }));
  return file;
}

async function modelOf(file) {
  const r = await validateSpecFile(file);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !r.model) throw new Error(`${file}: ${errors.map((d) => d.message).join('; ')}`);
  return r.model;
}

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const sampler = setInterval(sample, 20);
/** Peak memory of one step, from a fresh start. */
const stepPeaks = {};
async function step(name, fn) {
  sample();
  const before = { rss: peakRss, heap: peakHeap };
  peakRss = process.memoryUsage().rss;
  peakHeap = process.memoryUsage().heapUsed;
  const r = await fn();
  sample();
  stepPeaks[name] = `rss ${mb(peakRss)}, heap used ${mb(peakHeap)}`;
  peakRss = Math.max(peakRss, before.rss);
  peakHeap = Math.max(peakHeap, before.heap);
  return r;
}
const mb = (b) => `${Math.round(b / 1024 / 1024)} MB`;

function startCloud(name, flags) {
  const cloud = startLocalCloud(work, name, flags);
  const connection = cloud.connect();
  return {
    connection,
    stop() {
      connection.clients.destroy();
      cloud.stop();
    },
  };
}

/** The fewest calls that read `observed` completely (AWS pages hold at most 20 items). */
function minimumRefreshCalls(o) {
  const parents = [o.root.id, ...o.organizationalUnits.map((u) => u.id)];
  const count = (xs, key) => xs.reduce((m, x) => m.set(x[key], (m.get(x[key]) ?? 0) + 1), new Map());
  const ousPer = count(o.organizationalUnits, 'parentId');
  const accountsPer = count(o.accounts, 'parentId');
  const customer = o.policies.filter((p) => !p.awsManaged);
  const rows = {
    DescribeOrganization: 1,
    ListRoots: 1,
    ListOrganizationalUnitsForParent: parents.reduce((n, p) => n + pages(ousPer.get(p) ?? 0), 0),
    ListAccountsForParent: parents.reduce((n, p) => n + pages(accountsPer.get(p) ?? 0), 0),
    ListPolicies: pages(o.policies.length),
    DescribePolicy: customer.length,
    ListTargetsForPolicy: o.policies.reduce((n, p) => n + pages(p.targetIds.length), 0),
    // Every resource that can carry tags: the root, OUs, every account (the management account's
    // tags too, so a spec entry for it converges), customer policies.
    ListTagsForResource: 1 + o.organizationalUnits.length + o.accounts.length + customer.length,
    ListCreateAccountStatus: 1,
  };
  return rows;
}

const results = {};

// 1. The pure diff at 1,000 and 10,000 accounts.
for (const n of [1000, 10_000]) {
  const model = await modelOf(writeSpec(n, `diff-${n}`));
  const observed = stateOfTree(observedAfterApplying(model));
  const unchanged = [];
  const fresh = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const r = diff(model, observed);
    unchanged.push(performance.now() - t);
    if (r.changes.length !== 0)
      throw new Error(`expected no changes at ${n}, got ${r.changes.length}: ${r.changes[0].id}`);
    t = performance.now();
    diff(model, stateOfTree(EMPTY_OBSERVED));
    fresh.push(performance.now() - t);
  }
  results[`diff ${n}`] = {
    'no changes (median of 5)': ms(median(unchanged)),
    'from nothing (median of 5)': ms(median(fresh)),
  };
}
const diffPeak = peakRss;
peakRss = 0;

// 2. 1,000 accounts, 120 OUs, 20 SCPs applied to a fast local cloud; then a refresh and a plan.
{
  const cloud = startCloud('cloud-1000', ['--fast']);
  try {
    const file = writeSpec(1000, 'org-1000');
    let t = performance.now();
    const applied = await step('apply 1000', () =>
      apply({ yes: true, file, connection: cloud.connection, io: quiet, pollDelayMs: () => 25 }),
    );
    if (applied.failed.length > 0) throw new Error(`apply failed: ${JSON.stringify(applied.failed[0])}`);
    results['apply 1000 (fast local cloud, setup)'] = { changes: applied.done.length, time: ms(performance.now() - t) };

    const calls = cloud.connection.clients.calls;
    calls.clear();
    t = performance.now();
    const observed = await step('refresh 1000', () => refreshOrganization(cloud.connection.clients.organizations));
    const refreshMs = performance.now() - t;
    const minimum = minimumRefreshCalls(observed);
    const made = Object.fromEntries(calls);
    const total = Object.values(made).reduce((a, b) => a + b, 0);
    const fewest = Object.values(minimum).reduce((a, b) => a + b, 0);
    results['refresh 1000'] = {
      time: ms(refreshMs),
      calls: total,
      minimum: fewest,
      ratio: (total / fewest).toFixed(3),
    };
    results['refresh 1000 by operation (made / minimum)'] = Object.fromEntries(
      Object.keys({ ...minimum, ...made }).map((k) => [k, `${made[k] ?? 0} / ${minimum[k] ?? 0}`]),
    );

    const times = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      const p = await step(`plan 1000 #${i + 1}`, () => plan({ file, connection: cloud.connection, io: quiet }));
      times.push(performance.now() - t);
      if (p.plan.changes.length !== 0) throw new Error(`expected an empty plan, got ${p.plan.changes.length} changes`);
    }
    results['no-change plan 1000 (median of 3)'] = { time: ms(median(times)) };
  } finally {
    cloud.stop();
  }
}
const orgPeak = peakRss;

// 3. 100 accounts with CreateAccount taking L = 1 s (the default 3 s at time scale 1/3), 5 in flight.
{
  const L = 1000;
  const cloud = startCloud('cloud-100', ['--time-scale', String(L / 3000)]);
  try {
    const file = writeSpec(100, 'org-100');
    const spans = { first: Infinity, last: 0 };
    const io = {
      notify(e) {
        if (e.type !== 'change' || !e.data.changeId.startsWith('account:')) return;
        if (e.data.state === 'start') spans.first = Math.min(spans.first, performance.now());
        if (e.data.state === 'done') spans.last = Math.max(spans.last, performance.now());
      },
    };
    const t = performance.now();
    const applied = await apply({ yes: true, file, connection: cloud.connection, io });
    if (applied.failed.length > 0) throw new Error(`apply failed: ${JSON.stringify(applied.failed[0])}`);
    const accountsMs = spans.last - spans.first;
    results['create 100 accounts, L = 1 s, 5 in flight'] = {
      'first create → last account done': ms(accountsMs),
      'whole apply': ms(performance.now() - t),
      ideal: ms(20 * L),
      ratio: (accountsMs / (20 * L)).toFixed(3),
      polls: cloud.connection.clients.calls.get('DescribeCreateAccountStatus'),
    };
  } finally {
    cloud.stop();
  }
}
clearInterval(sampler);
results['peak memory per step'] = stepPeaks;
results['peak rss'] = {
  'diff 1000 + 10000': mb(diffPeak),
  'apply, refresh, plan of 1000 (local cloud in its own process)': mb(orgPeak),
};

for (const [name, row] of Object.entries(results)) {
  console.log(name);
  for (const [k, v] of Object.entries(row)) console.log(`  ${k.padEnd(36)} ${v}`);
}
rmSync(work, { recursive: true, force: true });
