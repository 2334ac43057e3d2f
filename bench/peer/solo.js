// Bulkhead alone on the peer benchmark's moto and organizations, for quick before/after measurements while tuning:
// `node bench/peer/solo.js --scenario noop-12 --runs 5`. Prints each run's wall time and the median; with --timeline,
// when each operation was called (SOLO_FIRST=N and SOLO_LAST=N also list the first and last N calls).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { checkMoto, createOrganization, startMoto } from './moto.js';
import { bulkheadSpec, hundredAccounts, twelveAccounts } from './orgs.js';
import { startProxy } from './proxy.js';
import { bulkhead, stopAll } from './tools.js';

const ORGS = { 12: twelveAccounts, 100: hundredAccounts };
const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'noop-12' },
    runs: { type: 'string', default: '5' },
    timeline: { type: 'boolean', default: false },
    // Straight to moto, not through the logging proxy (no calls are counted then).
    direct: { type: 'boolean', default: false },
  },
});
const m = /^(apply|noop|async)-(12|100)$/.exec(values.scenario);
const runs = Number(values.runs);
if (!m || !Number.isInteger(runs) || runs < 1 || runs > 50) {
  console.error('solo: --scenario apply-12|noop-12|apply-100|noop-100|async-12|async-100, --runs 1..50');
  process.exit(1);
}
const missing = checkMoto();
if (missing) {
  console.error(`solo: ${missing}`);
  process.exit(1);
}
const [, kind, size] = m;
const work = mkdtempSync(join(tmpdir(), 'bulkhead-bench-solo-'));
const moto = await startMoto();
const proxy = await startProxy({ upstream: moto.endpoint });
process.on('exit', () => {
  stopAll();
  moto.stop();
  rmSync(work, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/** When each operation was first and last called, in ms after the run started. */
function timeline(t0, calls) {
  const spans = new Map();
  for (const c of [...calls].sort((a, b) => a.at - b.at)) {
    const s = spans.get(c.target) ?? { first: c.at - t0, last: 0, n: 0 };
    s.last = c.at + c.ms - t0;
    s.n++;
    spans.set(c.target, s);
  }
  for (const [target, s] of spans)
    console.log(`  ${target.padEnd(60)} ${String(s.n).padStart(4)}× ${Math.round(s.first)}–${Math.round(s.last)} ms`);
  if (process.env['SOLO_FIRST'])
    for (const c of [...calls].sort((a, b) => a.at - b.at).slice(0, Number(process.env['SOLO_FIRST'])))
      console.log(`    ${Math.round(c.at - t0)}+${Math.round(c.ms)} ${c.operation} (${c.inFlight} in flight)`);
  if (process.env['SOLO_LAST'])
    for (const c of [...calls].sort((a, b) => a.at - b.at).slice(-Number(process.env['SOLO_LAST'])))
      console.log(`    ${Math.round(c.at - t0)}+${Math.round(c.ms)} ${c.operation} (${c.inFlight} in flight)`);
  const creates = calls.filter((c) => c.operation === 'CreateAccount').map((c) => Math.round(c.at - t0));
  console.log(`  CreateAccount at ${creates.sort((a, b) => a - b).join(', ')} ms`);
}

const times = [];
for (let i = 0; i < runs; i++) {
  await moto.reset();
  createOrganization(moto.endpoint);
  proxy.reset();
  proxy.state.createAccountSeconds = kind === 'async' ? 3 : 0;
  const dir = mkdtempSync(join(work, 'run-'));
  writeFileSync(join(dir, 'org.yaml'), stringify(bulkheadSpec(ORGS[size]()), { lineWidth: 0 }));
  if (kind === 'noop') {
    const first = await bulkhead.apply(dir, proxy.endpoint);
    if (first.status !== 0) throw new Error(first.err);
    proxy.reset();
  }
  const t0 = performance.now();
  const run = await bulkhead.apply(dir, values.direct ? moto.endpoint : proxy.endpoint);
  if (run.status !== 0) throw new Error(run.err);
  if (values.timeline) timeline(t0, proxy.state.calls);
  times.push(run.ms);
  console.log(
    `run ${i + 1}: ${Math.round(run.ms)} ms, ${run.cpuMs} ms of CPU, ${Math.round(run.rssKb / 1024)} MB, ${proxy.state.calls.length} calls`,
  );
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`${values.scenario}: median ${Math.round(sorted[Math.floor(runs / 2)])} ms of ${runs}`);
await proxy.close();
process.exit(0);
