// The peer benchmark (issue 14): Bulkhead against org-formation on the same moto, through the same logging proxy,
// interleaved round by round. `npm run bench:peer [-- --rounds 3 --scenarios apply-12,noop-12,... --json FILE]`.
// Prints wall time and CPU time (medians of the rounds), peak RSS, calls by operation, the most calls in flight and
// the ratio Bulkhead ÷ org-formation per scenario; after every apply it checks on moto, with boto3, that exactly the
// expected OUs, accounts and attachments exist.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { checkMoto, createOrganization, readState, startMoto } from './moto.js';
import { bulkheadSpec, expectedState, hundredAccounts, orgFormationTemplate, twelveAccounts } from './orgs.js';
import { startProxy } from './proxy.js';
import { floorOf } from './floor.js';
import { bareNode, bulkhead, ensureOrgFormation, orgFormation, stopAll } from './tools.js';

const SCENARIOS = {
  'apply-12': { org: twelveAccounts, kind: 'apply', createAccountSeconds: 0 },
  'noop-12': { org: twelveAccounts, kind: 'noop', createAccountSeconds: 0 },
  'apply-100': { org: hundredAccounts, kind: 'apply', createAccountSeconds: 0 },
  'noop-100': { org: hundredAccounts, kind: 'noop', createAccountSeconds: 0 },
  'async-12': { org: twelveAccounts, kind: 'apply', createAccountSeconds: 3 },
  'async-100': { org: hundredAccounts, kind: 'apply', createAccountSeconds: 3 },
  help: { kind: 'help' },
};
/** AWS lets an organization create five accounts at a time. */
const CREATIONS_IN_FLIGHT = 5;
const CREATION_OPERATIONS = new Set(['CreateAccount', 'DescribeCreateAccountStatus', 'MoveAccount']);

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    scenarios: { type: 'string', default: Object.keys(SCENARIOS).join(',') },
    json: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) fail(`--rounds must be a whole number from 1 to 20`);
const chosen = values.scenarios.split(',').filter(Boolean);
for (const s of chosen)
  if (!(s in SCENARIOS)) fail(`unknown scenario ${s}; choose from ${Object.keys(SCENARIOS).join(', ')}`);

function fail(message) {
  console.error(`bench:peer: ${message}`);
  process.exit(1);
}

const log = (m) => console.error(m);
const missing = checkMoto() ?? ensureOrgFormation(log);
if (missing) fail(missing);

const work = mkdtempSync(join(tmpdir(), 'bulkhead-bench-peer-'));
let moto;
let proxy;
const cleanup = () => {
  stopAll();
  moto?.stop();
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

moto = await startMoto();
proxy = await startProxy({ upstream: moto.endpoint });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tools = [bulkhead, orgFormation];
/** scenario → tool → runs */
const results = Object.fromEntries(chosen.map((s) => [s, Object.fromEntries(tools.map((t) => [t.name, []]))]));

function writeFiles(dir, org) {
  writeFileSync(join(dir, 'org.yaml'), stringify(bulkheadSpec(org), { lineWidth: 0 }));
  writeFileSync(join(dir, 'organization.yml'), orgFormationTemplate(org));
}

function verify(org, scenario, tool) {
  const want = expectedState(org);
  const got = readState(moto.endpoint);
  const canonical = (st) => JSON.stringify({ ...st, accounts: sortKeys(st.accounts), policies: sortKeys(st.policies) });
  const same = canonical(got) === canonical(want);
  if (!same) {
    const gotAccounts = Object.keys(got.accounts).length;
    throw new Error(
      `${tool} ${scenario}: moto does not hold the expected organization (${got.ous.length}/${want.ous.length} OUs, ${gotAccounts}/${Object.keys(want.accounts).length} accounts; policies ${JSON.stringify(got.policies)})`,
    );
  }
}
const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

async function fresh(org, createAccountSeconds) {
  await moto.reset();
  createOrganization(moto.endpoint);
  proxy.reset();
  proxy.state.createAccountSeconds = createAccountSeconds;
  const dir = mkdtempSync(join(work, 'run-'));
  writeFiles(dir, org);
  return dir;
}

function observe(run, tool, scenario) {
  if (run.status !== 0)
    throw new Error(`${tool.name} ${scenario} exited ${run.status}:\n${run.err.slice(-3000)}\n${run.out.slice(-2000)}`);
  const byOperation = {};
  for (const c of proxy.state.calls) byOperation[c.target] = (byOperation[c.target] ?? 0) + 1;
  const calls = proxy.state.calls;
  // From the first call's start to the last call's end: the part of the run spent on the wire.
  const wireMs =
    calls.length === 0 ? 0 : Math.max(...calls.map((c) => c.at + c.ms)) - Math.min(...calls.map((c) => c.at));
  // The creations alone: from the first CreateAccount sent to the last account created and in its OU (the end of the
  // last CreateAccount, status poll or MoveAccount), without the tool's start-up and reads before them.
  const creating = calls.filter((c) => CREATION_OPERATIONS.has(c.operation));
  const starts = creating.filter((c) => c.operation === 'CreateAccount').map((c) => c.at);
  const creationMs = starts.length === 0 ? 0 : Math.max(...creating.map((c) => c.at + c.ms)) - Math.min(...starts);
  return {
    ms: run.ms,
    cpuMs: run.cpuMs,
    rssKb: run.rssKb,
    wireMs,
    creationMs,
    calls: proxy.state.calls.length,
    connections: proxy.state.connections,
    maxInFlight: proxy.state.maxInFlight,
    byOperation,
    requests: proxy.state.requests,
  };
}

async function runOne(scenario, tool) {
  const s = SCENARIOS[scenario];
  if (s.kind === 'help') {
    const dir = mkdtempSync(join(work, 'help-'));
    proxy.reset();
    return observe(await tool.help(dir), tool, scenario);
  }
  const org = s.org();
  const dir = await fresh(org, s.createAccountSeconds);
  if (s.kind === 'noop') {
    const first = await tool.apply(dir, proxy.endpoint);
    if (first.status !== 0) observe(first, tool, `${scenario} (first apply)`);
    proxy.reset();
    proxy.state.keepRequests = true;
  }
  const run = await tool.apply(dir, proxy.endpoint);
  const seen = observe(run, tool, scenario);
  proxy.state.keepRequests = false;
  verify(org, scenario, tool.name);
  if (s.kind === 'noop' && tool === bulkhead) {
    // The floor of this run's reads, measured at once (moto's speed drifts over minutes): through the proxy, the
    // path every tool's calls take here, and straight to moto.
    seen.floor = await floorOf(proxy.endpoint, seen.requests);
    seen.directFloor = await floorOf(moto.endpoint, seen.requests);
    // And what a Node process that does nothing takes here: no Node tool reads anything sooner.
    const starts = [];
    for (let i = 0; i < 3; i++) starts.push((await bareNode(dir, proxy.endpoint)).ms);
    seen.bareStartMs = median(starts);
    proxy.reset();
  }
  return seen;
}

// One unmeasured apply of each tool first: both then run as they do day to day, with their files in the OS's cache
// and Bulkhead's compile cache written (its first run after a build compiles everything: 0.6–0.9 s).
for (const tool of tools) {
  log(`warm-up: apply-12 ${tool.name} ...`);
  const run = await tool.apply(await fresh(twelveAccounts(), 0), proxy.endpoint);
  if (run.status !== 0) observe(run, tool, 'warm-up');
  await tool.help(mkdtempSync(join(work, 'help-')));
}

for (let round = 1; round <= rounds; round++) {
  for (const scenario of chosen) {
    // Interleaved, and the order alternates each round so neither tool always runs on a warm machine.
    const order = round % 2 === 1 ? tools : [...tools].reverse();
    for (const tool of order) {
      log(`round ${round}/${rounds}: ${scenario} ${tool.name} ...`);
      results[scenario][tool.name].push(await runOne(scenario, tool));
    }
  }
}

const summary = {};
for (const scenario of chosen) {
  const s = SCENARIOS[scenario];
  const row = {};
  for (const tool of tools) {
    const runs = results[scenario][tool.name];
    row[tool.name] = {
      wallMs: Math.round(median(runs.map((r) => r.ms))),
      wireMs: Math.round(median(runs.map((r) => r.wireMs))),
      cpuMs: median(runs.map((r) => r.cpuMs)),
      peakRssMb: Math.round(Math.max(...runs.map((r) => r.rssKb)) / 1024),
      calls: median(runs.map((r) => r.calls)),
      connections: median(runs.map((r) => r.connections)),
      maxInFlight: Math.max(...runs.map((r) => r.maxInFlight)),
      byOperation: runs.at(-1).byOperation,
    };
  }
  row.ratio = +(row.bulkhead.wallMs / row['org-formation'].wallMs).toFixed(2);
  row.rssRatio = +(row.bulkhead.peakRssMb / row['org-formation'].peakRssMb).toFixed(2);
  if (s.kind === 'apply' && s.createAccountSeconds > 0) {
    const n = s.org().ous.reduce((k, ou) => k + ou.accounts.length, 0);
    row.boundMs = Math.ceil(n / CREATIONS_IN_FLIGHT) * s.createAccountSeconds * 1000;
    row.bulkheadOverBound = +(row.bulkhead.wallMs / row.boundMs).toFixed(2);
    row.creationMs = Math.round(median(results[scenario].bulkhead.map((r) => r.creationMs)));
    row.creationOverBound = +(row.creationMs / row.boundMs).toFixed(2);
  }
  if (s.kind === 'noop') {
    const runs = results[scenario].bulkhead;
    const floors = runs.map((r) => r.floor);
    row.floor = {
      calls: floors[0].calls,
      floorMs: median(floors.map((f) => f.floorMs)),
      serialMs: median(floors.map((f) => f.serialMs)),
      concurrency: median(floors.map((f) => f.concurrency)),
      directFloorMs: median(runs.map((r) => r.directFloor.floorMs)),
    };
    // Each round's run against the floor measured right after it, then the median of those ratios.
    row.bulkheadOverFloor = +median(runs.map((r) => r.ms / r.floor.floorMs)).toFixed(2);
    // The reads alone (first call to last answer, through the proxy) against what moto needs for them.
    row.readsOverFloor = +median(runs.map((r) => r.wireMs / r.floor.floorMs)).toFixed(2);
    // Context, not a target: the floor plus a bare Node start is the least any Node tool could take for these reads.
    row.bareStartMs = Math.round(median(runs.map((r) => r.bareStartMs)));
    row.floorPlusStartMs = row.floor.floorMs + row.bareStartMs;
    row.floorPlusStartOverPeer = +(row.floorPlusStartMs / row['org-formation'].wallMs).toFixed(2);
    // The first target holds only if moto lets it: when the reads' floor alone exceeds org-formation's no-op,
    // no tool that reads the organization can be under it, and the floor is the target.
    row.target = row.floor.floorMs >= row['org-formation'].wallMs ? 'floor' : 'org-formation';
  }
  summary[scenario] = row;
}

console.log(`\nPeer benchmark: Bulkhead vs ${'aws-organization-formation 1.0.17'} on moto, median of ${rounds}`);
console.log('scenario    tool            wall ms   CPU ms  peak MB  calls  connections  in flight');
for (const [scenario, row] of Object.entries(summary)) {
  for (const tool of tools) {
    const r = row[tool.name];
    console.log(
      `${scenario.padEnd(11)} ${tool.name.padEnd(14)} ${String(r.wallMs).padStart(8)} ${String(r.cpuMs).padStart(8)} ${String(r.peakRssMb).padStart(8)} ${String(r.calls).padStart(6)} ${String(r.connections).padStart(12)} ${String(r.maxInFlight).padStart(10)}`,
    );
  }
  const extra = [
    `bulkhead ÷ org-formation: wall ${row.ratio}×, RSS ${row.rssRatio}×`,
    row.boundMs
      ? `bound ⌈N/5⌉·L ${row.boundMs} ms, bulkhead's whole run ${row.bulkheadOverBound}× of it, its creations ${row.creationOverBound}× (${row.creationMs} ms from the first CreateAccount to the last account in its OU)`
      : '',
    row.floor
      ? `moto floor ${row.floor.floorMs} ms through the proxy (${row.floor.directFloorMs} ms straight to moto; ${row.floor.calls} calls, ${row.floor.serialMs} ms one at a time, moto sustains ${row.floor.concurrency}× in parallel); bulkhead's reads ${row.readsOverFloor}× of it (${row.bulkhead.wireMs} ms first call to last answer), its whole run ${row.bulkheadOverFloor}×; ${row.target === 'floor' ? "the floor is over org-formation's no-op: the floor is the target" : "the floor is under org-formation's no-op: org-formation's no-op is the target"}; a Node process that does nothing takes ${row.bareStartMs} ms here: the floor plus that start is ${row.floorPlusStartMs} ms, ${row.floorPlusStartOverPeer}× org-formation's no-op`
      : '',
  ].filter(Boolean);
  console.log(`            ${extra.join('; ')}`);
}
if (values.json) {
  writeFileSync(values.json, `${JSON.stringify({ rounds, summary }, null, 2)}\n`);
  console.log(`\nwritten to ${values.json}`);
}
// The proxy's server and moto would keep the process alive: stop them, and exit (the exit handler cleans up).
await proxy.close();
process.exit(0);
