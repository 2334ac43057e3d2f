// Local cloud benchmark: run after `npm run build`. Prints start-up time, account creation rate,
// ListAccounts throughput (AWS SDK v3 client against a server in its own process) and memory.
import { createHash, createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  ListAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { startDetachedLocalCloud, startLocalCloud, stopLocalCloud } from '../dist/local-cloud/index.js';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 5000);
const LIST_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const rssMb = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
};
const client = (c) =>
  new OrganizationsClient({
    endpoint: c.endpoint,
    region: c.region,
    credentials: { ...c.credentials },
    maxAttempts: 1,
  });

/** A bare keep-alive HTTP client that signs with SigV4 itself: measures the server, not the SDK. */
function rawClient(c) {
  const url = new URL(c.endpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const sha = (d) => createHash('sha256').update(d).digest('hex');
  const hmac = (k, d) => createHmac('sha256', k).update(d).digest();
  const sign = (target, body) => {
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const date = amzDate.slice(0, 8);
    const headers = {
      'content-type': 'application/x-amz-json-1.1',
      host: url.host,
      'x-amz-date': amzDate,
      'x-amz-target': target,
    };
    const names = Object.keys(headers).sort();
    const canonical = [
      'POST',
      '/',
      '',
      names.map((n) => `${n}:${headers[n]}\n`).join(''),
      names.join(';'),
      sha(body),
    ].join('\n');
    const scope = `${date}/${c.region}/organizations/aws4_request`;
    const key = hmac(
      hmac(hmac(hmac(`AWS4${c.credentials.secretAccessKey}`, date), c.region), 'organizations'),
      'aws4_request',
    );
    const signature = createHmac('sha256', key)
      .update(`AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha(canonical)}`)
      .digest('hex');
    return {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${c.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    };
  };
  return (op, input) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(input);
      const headers = { ...sign(`AWSOrganizationsV20161128.${op}`, body), 'content-length': Buffer.byteLength(body) };
      const req = http.request(
        { host: url.hostname, port: url.port, method: 'POST', path: '/', headers, agent },
        (res) => {
          let data = '';
          res.on('data', (d) => (data += d));
          res.on('end', () =>
            res.statusCode === 200 ? resolve(JSON.parse(data)) : reject(new Error(`${res.statusCode} ${data}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** Runs CONCURRENCY loops paging through ListAccounts for LIST_SECONDS; returns calls per second. */
async function listThroughput(list) {
  let calls = 0;
  const deadline = performance.now() + LIST_SECONDS * 1000;
  const lister = async () => {
    let token;
    while (performance.now() < deadline) {
      const page = await list(token);
      token = page.NextToken;
      calls++;
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, lister));
  return calls / ((performance.now() - t) / 1000);
}

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-bench-'));
try {
  // 1. Start-up of a fresh local cloud, in process.
  let t = performance.now();
  const fresh = await startLocalCloud({ dataDir: join(dir, 'fresh'), fast: true });
  const freshStartMs = performance.now() - t;
  await fresh.close();

  // 2. A server in its own process; create the organization and its accounts through the API.
  const running = await startDetachedLocalCloud({ dataDir: join(dir, 'big'), fast: true, timeScale: 0, port: 0 });
  const org = client(running);
  await org.send(new CreateOrganizationCommand({}));
  t = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ACCOUNTS - 1; i = next++) {
      const started = await org.send(
        new CreateAccountCommand({ Email: `bench-${i}@example.com`, AccountName: `bench-${i}` }),
      );
      for (;;) {
        const s = await org.send(
          new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: started.CreateAccountStatus.Id }),
        );
        if (s.CreateAccountStatus.State === 'SUCCEEDED') break;
        if (s.CreateAccountStatus.State === 'FAILED')
          throw new Error(`account ${i} failed: ${s.CreateAccountStatus.FailureReason}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 5 }, worker));
  const createSeconds = (performance.now() - t) / 1000;
  const rssAfterCreate = rssMb(running.pid);

  // 3. ListAccounts throughput, with the AWS SDK v3 client and with a bare signed HTTP client.
  const lists = client(running);
  await lists.send(new ListAccountsCommand({})); // warm up the connection pool
  const sdkPerSecond = await listThroughput((token) =>
    lists.send(new ListAccountsCommand({ MaxResults: 20, NextToken: token })),
  );
  const raw = rawClient(running);
  const rawPerSecond = await listThroughput((token) =>
    raw('ListAccounts', token === undefined ? { MaxResults: 20 } : { MaxResults: 20, NextToken: token }),
  );
  const rssAfterList = rssMb(running.pid);
  await stopLocalCloud(join(dir, 'big'));

  // 4. Start-up with the 5,000-account state on disk.
  t = performance.now();
  const reloaded = await startLocalCloud({ dataDir: join(dir, 'big'), fast: true });
  const bigStartMs = performance.now() - t;
  await reloaded.close();

  const results = {
    node: process.version,
    accounts: ACCOUNTS,
    startupFreshMs: Math.round(freshStartMs),
    startupWithAccountsMs: Math.round(bigStartMs),
    createAccountsPerSecond: Math.round((ACCOUNTS - 1) / createSeconds),
    listAccountsPerSecondSdkClient: Math.round(sdkPerSecond),
    listAccountsPerSecondRawClient: Math.round(rawPerSecond),
    listConcurrency: CONCURRENCY,
    serverRssMbAfterCreate: Math.round(rssAfterCreate),
    serverRssMbAfterList: Math.round(rssAfterList),
  };
  console.log(JSON.stringify(results, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
