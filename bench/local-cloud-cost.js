// Cost Explorer benchmark: run after `npm run build`. Builds an organization of BENCH_ACCOUNTS accounts (environment
// tags spread over prod/staging/dev/sandbox) in a local cloud of its own process, then times, through the AWS SDK v3
// client, every page of the two reads `bulkhead cost` makes for a year: DAILY grouped by LINKED_ACCOUNT, and MONTHLY
// grouped by LINKED_ACCOUNT and SERVICE. Prints requests, groups, milliseconds and the server's memory.
import { performance } from 'node:perf_hooks';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { startDetachedLocalCloud, stopLocalCloud } from '../dist/local-cloud/index.js';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 12);
const ENVIRONMENTS = ['prod', 'staging', 'dev', 'sandbox'];

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
/** The process's CPU seconds (user + system) from /proc: the server's own work, whatever else shares the machine. */
const cpuSeconds = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const config = (c) => ({
  endpoint: c.endpoint,
  region: 'us-east-1',
  credentials: { ...c.credentials },
  maxAttempts: 1,
});
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Pages one query to its end; returns requests, groups and the exact total in micro-dollars. */
async function readAll(ce, input) {
  let token;
  let requests = 0;
  let groups = 0;
  let micros = 0n;
  do {
    const page = await ce.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
    requests++;
    for (const r of page.ResultsByTime ?? [])
      for (const g of r.Groups ?? []) {
        groups++;
        micros += BigInt(g.Metrics.UnblendedCost.Amount.replace('.', ''));
      }
    token = page.NextPageToken;
  } while (token !== undefined);
  return { requests, groups, micros };
}

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-bench-cost-'));
try {
  const cloud = await startDetachedLocalCloud({ dataDir: join(dir, 'cloud'), fast: true, timeScale: 0, port: 0 });
  const org = new OrganizationsClient(config(cloud));
  await org.send(new CreateOrganizationCommand({}));
  let t = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ACCOUNTS - 1; i = next++) {
      const env = ENVIRONMENTS[i % ENVIRONMENTS.length];
      const started = await org.send(
        new CreateAccountCommand({
          Email: `cost-${i}@example.com`,
          AccountName: `${env}-${i}`,
          Tags: [{ Key: 'environment', Value: env }],
        }),
      );
      for (;;) {
        const s = await org.send(
          new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: started.CreateAccountStatus.Id }),
        );
        if (s.CreateAccountStatus.State === 'SUCCEEDED') break;
        if (s.CreateAccountStatus.State === 'FAILED') throw new Error(s.CreateAccountStatus.FailureReason);
      }
    }
  };
  await Promise.all(Array.from({ length: 5 }, worker));
  const setupSeconds = (performance.now() - t) / 1000;

  const ce = new CostExplorerClient(config(cloud));
  const now = new Date();
  const TimePeriod = {
    Start: iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - MONTHS, 1)),
    End: iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
  };
  const run = async (name, input) => {
    const start = performance.now();
    const serverCpu = cpuSeconds(cloud.pid);
    const clientCpu = process.cpuUsage();
    const r = await readAll(ce, { TimePeriod, Metrics: ['UnblendedCost'], ...input });
    const client = process.cpuUsage(clientCpu);
    return {
      name,
      requests: r.requests,
      groups: r.groups,
      ms: Math.round(performance.now() - start),
      serverCpuMs: Math.round((cpuSeconds(cloud.pid) - serverCpu) * 1000),
      clientCpuMs: Math.round((client.user + client.system) / 1000),
      micros: r.micros,
    };
  };
  const daily = await run('DAILY by LINKED_ACCOUNT', {
    Granularity: 'DAILY',
    GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
  });
  const monthly = await run('MONTHLY by LINKED_ACCOUNT, SERVICE', {
    Granularity: 'MONTHLY',
    GroupBy: [
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      { Type: 'DIMENSION', Key: 'SERVICE' },
    ],
  });
  const again = await run('DAILY by LINKED_ACCOUNT (again)', {
    Granularity: 'DAILY',
    GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
  });
  const rss = rssMb(cloud.pid);
  await stopLocalCloud(join(dir, 'cloud'));
  console.log(
    JSON.stringify(
      {
        node: process.version,
        accounts: ACCOUNTS,
        period: TimePeriod,
        setupSeconds: Math.round(setupSeconds * 10) / 10,
        queries: [daily, monthly, again].map(({ micros, ...q }) => q),
        totalsAgree: daily.micros === monthly.micros && daily.micros === again.micros,
        bothQueriesMs: daily.ms + monthly.ms,
        serverRssMb: Math.round(rss),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
