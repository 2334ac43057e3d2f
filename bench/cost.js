// `bulkhead cost` benchmark: run after `npm run build`. A fast local cloud (its own process) with an organization of
// 1,000 accounts (bench/generate-org.js's spec, created with CreateAccount), then `bulkhead cost` over 12 months,
// daily, by environment, as the CLI runs it: prints the wall time and the Cost Explorer requests. Target: < 5 s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  ListCreateAccountStatusCommand,
} from '@aws-sdk/client-organizations';
import { stringify } from 'yaml';
import { mapLimit } from '../dist/providers/aws/paginate.js';
import { generateOrg } from './generate-org.js';
import { startCloud } from './start-cloud.js';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const bin = join(import.meta.dirname, '..', 'bin', 'bulkhead.js');
const work = mkdtempSync(join(tmpdir(), 'bulkhead-bench-cost-'));
const cloud = startCloud(work, 'cloud', ['--fast']);
const connection = cloud.connect();
try {
  const spec = generateOrg(ACCOUNTS);
  const file = join(work, 'org.yaml');
  writeFileSync(file, stringify(spec, { lineWidth: 0 }));
  const org = connection.clients.organizations;
  let t = performance.now();
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  await mapLimit(spec.accounts, 16, (a) =>
    org.send(
      new CreateAccountCommand({
        AccountName: a.name,
        Email: a.email,
        Tags: [{ Key: 'environment', Value: a.environment }],
      }),
    ),
  );
  for (;;) {
    const r = await org.send(new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS'] }));
    if ((r.CreateAccountStatuses ?? []).length === 0) break;
    await sleep(50);
  }
  const setupMs = performance.now() - t;

  // 12 months back from today, daily: Cost Explorer keeps the current month and the 13 before it.
  const today = new Date();
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 12, today.getUTCDate() + 1))
    .toISOString()
    .slice(0, 10);
  const args = ['cost', '-f', file, '--endpoint', connection.target.endpoint, '--from', from, '--json'];
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: connection.target.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: connection.target.credentials.secretAccessKey,
  };
  const times = [];
  let report;
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    // BENCH_CPU_PROF=DIR writes a CPU profile of each run there (open it in Chrome's DevTools).
    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const r = spawnSync(process.execPath, [...prof, bin, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 30 });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`bulkhead cost failed (${r.status}): ${r.stderr}`);
    report = JSON.parse(r.stdout);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        accounts: ACCOUNTS,
        'setup (CreateAccount x accounts)': `${Math.round(setupMs)} ms`,
        range: `${report.range.from} to ${report.range.to} daily (${report.periods.length} days)`,
        groups: report.groups.length,
        'wall time (median of runs)': `${Math.round(sorted[Math.floor(sorted.length / 2)])} ms`,
        'wall times': times.map((x) => `${Math.round(x)} ms`),
        requests: report.requests,
        target: '< 5000 ms',
      },
      null,
      2,
    ),
  );
} finally {
  connection.clients.destroy();
  cloud.stop();
  rmSync(work, { recursive: true, force: true });
}
