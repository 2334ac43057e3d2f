// Local cloud authorization benchmark: throughput of calls that the access evaluator authorizes
// (a member-account role session under two SCP levels) next to the admin key (management root, not
// evaluated). Run after `npm run build`, or point BULKHEAD_DIST at another build to compare.
import { createHash, createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DescribeCreateAccountStatusCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

const dist = process.env.BULKHEAD_DIST ?? new URL('../dist', import.meta.url).pathname;
const { startDetachedLocalCloud, stopLocalCloud } = await import(
  pathToFileURL(resolve(dist, 'local-cloud/index.js')).href
);

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

/** A bare keep-alive HTTP client that signs awsJson1_1 (Organizations) or awsQuery (IAM) requests itself. */
function rawClient(endpoint, region, credentials) {
  const url = new URL(endpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const sha = (d) => createHash('sha256').update(d).digest('hex');
  const hmac = (k, d) => createHmac('sha256', k).update(d).digest();
  const sign = (service, extra, body) => {
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const date = amzDate.slice(0, 8);
    const headers = { host: url.host, 'x-amz-date': amzDate, ...extra };
    if (credentials.sessionToken !== undefined) headers['x-amz-security-token'] = credentials.sessionToken;
    const names = Object.keys(headers).sort();
    const canonical = [
      'POST',
      '/',
      '',
      names.map((n) => `${n}:${headers[n]}\n`).join(''),
      names.join(';'),
      sha(body),
    ].join('\n');
    const scope = `${date}/${region}/${service}/aws4_request`;
    const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date), region), service), 'aws4_request');
    const signature = createHmac('sha256', key)
      .update(`AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha(canonical)}`)
      .digest('hex');
    return {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    };
  };
  const send = (service, extra, body) =>
    new Promise((resolvePromise, reject) => {
      const headers = { ...sign(service, extra, body), 'content-length': Buffer.byteLength(body) };
      const req = http.request(
        { host: url.hostname, port: url.port, method: 'POST', path: '/', headers, agent },
        (res) => {
          let data = '';
          res.on('data', (d) => (data += d));
          res.on('end', () =>
            res.statusCode === 200 ? resolvePromise(data) : reject(new Error(`${res.statusCode} ${data}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    org: async (op, input) =>
      JSON.parse(
        await send(
          'organizations',
          { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSOrganizationsV20161128.${op}` },
          JSON.stringify(input),
        ),
      ),
    iam: (action) =>
      send('iam', { 'content-type': 'application/x-www-form-urlencoded' }, `Action=${action}&Version=2010-05-08`),
  };
}

async function throughput(call) {
  let calls = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const loop = async () => {
    let state;
    while (performance.now() < deadline) {
      state = await call(state);
      calls++;
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return Math.round(calls / ((performance.now() - t) / 1000));
}

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-bench-authz-'));
try {
  const cloud = await startDetachedLocalCloud({ dataDir: join(dir, 'lc'), fast: true, timeScale: 0, port: 0 });
  const config = {
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: { ...cloud.credentials },
    maxAttempts: 1,
  };
  const org = new OrganizationsClient(config);
  await org.send(new CreateOrganizationCommand({}));
  const rootId = (await org.send(new ListRootsCommand({}))).Roots[0].Id;
  await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  const ou = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' })))
    .OrganizationalUnit.Id;
  const scp = async (name, statement) => {
    const p = await org.send(
      new CreatePolicyCommand({
        Name: name,
        Description: name,
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({ Version: '2012-10-17', Statement: statement }),
      }),
    );
    await org.send(new AttachPolicyCommand({ PolicyId: p.Policy.PolicySummary.Id, TargetId: ou }));
  };
  await scp('no-users', [{ Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }]);
  await scp('eu-only', [
    {
      Effect: 'Deny',
      NotAction: ['iam:*', 'organizations:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
    },
  ]);
  let member;
  for (let i = 0; i < ACCOUNTS - 1; i++) {
    const started = await org.send(
      new CreateAccountCommand({ Email: `bench-${i}@example.com`, AccountName: `bench-${i}` }),
    );
    for (;;) {
      const s = await org.send(
        new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: started.CreateAccountStatus.Id }),
      );
      if (s.CreateAccountStatus.State === 'SUCCEEDED') {
        member ??= s.CreateAccountStatus.AccountId;
        break;
      }
    }
  }
  await org.send(new MoveAccountCommand({ AccountId: member, SourceParentId: rootId, DestinationParentId: ou }));
  const assumed = await new STSClient(config).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
      RoleSessionName: 'bench',
      DurationSeconds: 3600,
    }),
  );
  const c = assumed.Credentials;
  const admin = rawClient(cloud.endpoint, cloud.region, cloud.credentials);
  const session = rawClient(cloud.endpoint, cloud.region, {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
  });

  const list = async (token) =>
    (await admin.org('ListAccounts', token === undefined ? { MaxResults: 20 } : { MaxResults: 20, NextToken: token }))
      .NextToken;
  const results = {
    node: process.version,
    dist,
    accounts: ACCOUNTS,
    concurrency: CONCURRENCY,
    adminListAccountsPerSecond: await throughput(list),
    adminDescribeOrganizationPerSecond: await throughput(() => admin.org('DescribeOrganization', {})),
    memberDescribeOrganizationPerSecond: await throughput(() => session.org('DescribeOrganization', {})),
    memberIamListRolesPerSecond: await throughput(() => session.iam('ListRoles')),
  };
  await stopLocalCloud(join(dir, 'lc'));
  console.log(JSON.stringify(results, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
