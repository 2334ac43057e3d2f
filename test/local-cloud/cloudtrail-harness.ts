import { rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as CT from '@aws-sdk/client-cloudtrail';
import * as O from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient } from '@aws-sdk/client-iam';
import { ApiLog } from '../../src/local-cloud/api-log.js';
import type { LocalCloudOptions } from '../../src/local-cloud/config.js';
import { resolveConfig } from '../../src/local-cloud/config.js';
import { Dispatcher } from '../../src/local-cloud/dispatch.js';
import { Throttler } from '../../src/local-cloud/knobs/throttle.js';
import { JobScheduler } from '../../src/local-cloud/scheduler.js';
import { seedState } from '../../src/local-cloud/seed.js';
import { closeServer, createHttpServer, listen } from '../../src/local-cloud/server.js';
import { SERVICES, TABLE_NAMES } from '../../src/local-cloud/services/all.js';
import type { S3BucketRecord, S3ObjectRecord } from '../../src/local-cloud/services/s3/tables.js';
import { S3_TABLES } from '../../src/local-cloud/services/s3/tables.js';
import { Persistence } from '../../src/local-cloud/store/persistence.js';
import { Store } from '../../src/local-cloud/store/store.js';
import type { TableName } from '../../src/local-cloud/store/state.js';
import { eventually, tempDataDir } from './helpers.js';

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The local cloud's services over HTTP with a store that also holds the S3 tables, so that tests can put trail
 * buckets (and read the delivered log files) directly while the S3 service itself is not registered on this branch.
 */
export interface TrailHarness {
  endpoint: string;
  region: string;
  store: Store;
  managementAccountId: string;
  credentials: Creds;
  ct: CT.CloudTrailClient;
  org: O.OrganizationsClient;
  iam: IAMClient;
  sts: STSClient;
  clients(credentials: Creds, region?: string): { ct: CT.CloudTrailClient; iam: IAMClient; org: O.OrganizationsClient };
  /** Puts a bucket record as the S3 service would keep it. */
  putBucket(name: string, accountId: string, policy?: unknown): void;
  /** The bucket's current objects, their bodies decoded. */
  objects(bucket: string): (S3ObjectRecord & { bytes: Buffer })[];
  /** The records of every log file in the bucket, gunzipped. */
  records(bucket: string): Record<string, unknown>[];
  stop(): Promise<void>;
}

export async function startTrailHarness(options: Partial<LocalCloudOptions> = {}): Promise<TrailHarness> {
  const dataDir = tempDataDir();
  const config = resolveConfig({ fast: true, trailDeliverySeconds: 0.2, ...options, dataDir });
  const names: TableName[] = [...TABLE_NAMES, ...S3_TABLES.filter((t) => !TABLE_NAMES.includes(t))];
  const store = new Store(names);
  const persistence = new Persistence(dataDir, { log: () => undefined });
  persistence.load(store);
  const meta = seedState(store);
  persistence.commit(store.takePending(), store);
  const scheduler = new JobScheduler(store, persistence, config, SERVICES);
  const apiLog = new ApiLog(dataDir);
  const dispatcher = new Dispatcher({
    config,
    store,
    persistence,
    services: SERVICES,
    throttler: new Throttler(config.throttle),
    faults: undefined,
    apiLog,
    schedule: (job) => scheduler.schedule(job),
  });
  let hosts: string[] = [];
  const server = createHttpServer(dispatcher, { health: () => ({ status: 'ok' }), ownHosts: () => hosts });
  const port = await listen(server, 0, '127.0.0.1');
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const endpoint = `http://127.0.0.1:${port}`;
  const admin = store.get('accessKeys', meta.adminAccessKeyId);
  const credentials = { accessKeyId: admin?.accessKeyId ?? '', secretAccessKey: admin?.secretAccessKey ?? '' };
  const clients = (c: Creds, region = config.region) => {
    const cfg = { endpoint, region, credentials: { ...c } as never, maxAttempts: 1 };
    return { ct: new CT.CloudTrailClient(cfg), iam: new IAMClient(cfg), org: new O.OrganizationsClient(cfg) };
  };
  const own = clients(credentials);
  const objects = (bucket: string) =>
    [...store.values('s3Objects')]
      .filter((o) => o.bucket === bucket && o.isLatest && !o.deleteMarker)
      .map((o) => ({ ...o, bytes: Buffer.from(o.body, 'base64') }));
  return {
    endpoint,
    region: config.region,
    store,
    managementAccountId: meta.managementAccountId,
    credentials,
    ...own,
    sts: new STSClient({ endpoint, region: config.region, credentials: { ...credentials }, maxAttempts: 1 }),
    clients,
    putBucket: (name, accountId, policy) => {
      const record: S3BucketRecord = { name, accountId, region: config.region, createdAt: Date.now() };
      if (policy !== undefined) record.policy = typeof policy === 'string' ? policy : JSON.stringify(policy);
      store.put('s3Buckets', name, record);
      persistence.commit(store.takePending(), store);
    },
    objects,
    records: (bucket) =>
      objects(bucket).flatMap(
        (o) => (JSON.parse(gunzipSync(o.bytes).toString('utf8')) as { Records: Record<string, unknown>[] }).Records,
      ),
    stop: async () => {
      scheduler.stop();
      await closeServer(server);
      persistence.close(store);
      await apiLog.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The bucket policy AWS documents for a trail: GetBucketAcl on the bucket, PutObject under AWSLogs/<account>/ (and <org-id>/). */
export function trailBucketPolicy(bucket: string, prefixes: string[]): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: `arn:aws:s3:::${bucket}`,
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: prefixes.map((p) => `arn:aws:s3:::${bucket}/${p}*`),
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
    ],
  };
}

/** An organization with one created member account and trusted access for CloudTrail (unless `trusted` is false). */
export async function withOrganization(
  h: TrailHarness,
  trusted = true,
): Promise<{ orgId: string; member: string; memberCreds: Creds }> {
  const orgId = (await h.org.send(new O.CreateOrganizationCommand({}))).Organization?.Id ?? '';
  const status = await h.org.send(new O.CreateAccountCommand({ AccountName: 'Dev', Email: 'dev@example.com' }));
  const member = await eventually(async () => {
    const s = await h.org.send(
      new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: status.CreateAccountStatus?.Id ?? '' }),
    );
    return s.CreateAccountStatus?.AccountId;
  }, 10_000);
  if (trusted) await h.org.send(new O.EnableAWSServiceAccessCommand({ ServicePrincipal: 'cloudtrail.amazonaws.com' }));
  const c = (
    await h.sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'dev-session',
      }),
    )
  ).Credentials;
  return {
    orgId,
    member,
    memberCreds: {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    },
  };
}
