import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/local-cloud/config.js';
import { TABLE_NAMES } from '../../src/local-cloud/services/all.js';
import { cloudTrailMayWrite } from '../../src/local-cloud/services/cloudtrail/bucket-policy.js';
import { deliverPending, pendingDelivery } from '../../src/local-cloud/services/cloudtrail/delivery.js';
import { HIDDEN } from '../../src/local-cloud/services/cloudtrail/redact.js';
import { DELIVERY_JOB, recordCall } from '../../src/local-cloud/services/cloudtrail/recording.js';
import type { TrailRecord } from '../../src/local-cloud/services/cloudtrail/tables.js';
import type { HandlerContext, Job, ObservedCall } from '../../src/local-cloud/services/registry.js';
import type { S3BucketRecord } from '../../src/local-cloud/services/s3/tables.js';
import { S3_TABLES } from '../../src/local-cloud/services/s3/tables.js';
import { Store } from '../../src/local-cloud/store/store.js';
import { trailBucketPolicy } from './cloudtrail-harness.js';

const ACCOUNT = '111122223333';
const T0 = Date.UTC(2025, 2, 4, 5, 6, 7);

function setup(): { store: Store; jobs: Job[]; ctx: (now: number) => HandlerContext } {
  const store = new Store([...TABLE_NAMES, ...S3_TABLES]);
  const jobs: Job[] = [];
  const config = resolveConfig({ dataDir: '/nowhere', trailDeliverySeconds: 5 });
  const ctx = (now: number): HandlerContext => ({
    store,
    principal: {
      accountId: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      userId: ACCOUNT,
      accessKeyId: 'AKIAEXAMPLE',
      kind: 'root',
    },
    now,
    requestId: 'req-1',
    region: 'us-east-1',
    config,
    schedule: (j) => jobs.push(j),
  });
  const bucket: S3BucketRecord = {
    name: 'logs',
    accountId: '444455556666',
    region: 'us-east-1',
    createdAt: T0,
    policy: JSON.stringify(trailBucketPolicy('logs', [`AWSLogs/${ACCOUNT}/`])),
  };
  store.put('s3Buckets', 'logs', bucket);
  const trail: TrailRecord = {
    arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`,
    name: 'main',
    accountId: ACCOUNT,
    homeRegion: 'us-east-1',
    s3BucketName: 'logs',
    includeGlobalServiceEvents: true,
    isMultiRegionTrail: false,
    isOrganizationTrail: false,
    logFileValidationEnabled: false,
    createdAt: T0,
    hasCustomEventSelectors: false,
    tags: {},
    isLogging: true,
    startLoggingTime: T0,
  };
  store.put('cloudtrailTrails', trail.arn, trail);
  return { store, jobs, ctx };
}

const call = (input: Record<string, unknown>, operation = 'CreateAccessKey'): ObservedCall => ({
  time: T0 + 1000,
  requestId: 'req-1',
  service: 'iam',
  signingName: 'iam',
  operation,
  region: 'us-east-1',
  principal: {
    accountId: ACCOUNT,
    arn: `arn:aws:iam::${ACCOUNT}:root`,
    userId: ACCOUNT,
    accessKeyId: 'AKIAEXAMPLE',
    kind: 'root',
  },
  sourceIp: '127.0.0.9',
  userAgent: 'test-agent',
  input,
  status: 200,
});

describe('CloudTrail recording and delivery (unit)', () => {
  it('queues a call, arms the job after trailDeliverySeconds, and writes one gzipped file with secrets hidden', () => {
    const { store, jobs, ctx } = setup();
    const secrets = {
      UserName: 'alice',
      Password: 'hunter2',
      SecretAccessKey: 'wJalrXUtnFEMI',
      SessionToken: 'FwoGZXIvYXdzE',
      Nested: { clientSecret: 'cs', refreshToken: 'rt', accessToken: 'at', deviceCode: 'dc' },
      NextToken: 'page-2',
    };
    recordCall(call(secrets), ctx(T0 + 1000));
    recordCall(call({ UserName: 'bob' }), ctx(T0 + 1500));
    // One job, armed by the first event only.
    expect(jobs).toEqual([{ kind: DELIVERY_JOB, key: 'deliver', at: T0 + 1000 + 5000 }]);
    expect(pendingDelivery(store)).toEqual([{ key: 'deliver', at: T0 + 1000 }]);
    deliverPending('deliver', ctx(T0 + 6000));
    expect(store.size('cloudtrailPending')).toBe(0);
    const files = [...store.values('s3Objects')];
    expect(files).toHaveLength(1);
    const file = files[0]!;
    expect(file.key).toMatch(
      new RegExp(
        `^AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2025/03/04/${ACCOUNT}_CloudTrail_us-east-1_20250304T0506Z_[A-Za-z0-9]{16}\\.json\\.gz$`,
      ),
    );
    expect(file.ownerAccountId).toBe('444455556666');
    const text = gunzipSync(Buffer.from(file.body, 'base64')).toString('utf8');
    for (const secret of ['hunter2', 'wJalrXUtnFEMI', 'FwoGZXIvYXdzE', '"cs"', '"rt"', '"at"', '"dc"'])
      expect(text).not.toContain(secret);
    const { Records } = JSON.parse(text) as { Records: Record<string, unknown>[] };
    expect(Records).toHaveLength(2);
    expect(Records[0]).toMatchObject({
      eventTime: '2025-03-04T05:06:08Z',
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateAccessKey',
      sourceIPAddress: '127.0.0.9',
      userAgent: 'test-agent',
      userIdentity: { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
      requestParameters: {
        UserName: 'alice',
        Password: HIDDEN,
        SecretAccessKey: HIDDEN,
        SessionToken: HIDDEN,
        Nested: { clientSecret: HIDDEN, refreshToken: HIDDEN, accessToken: HIDDEN, deviceCode: HIDDEN },
        NextToken: 'page-2',
      },
      recipientAccountId: ACCOUNT,
    });
    // The event history holds both calls for LookupEvents.
    expect(store.size('cloudtrailEvents')).toBe(2);
    const trail = store.get('cloudtrailTrails', `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`);
    expect(trail?.latestDeliveryTime).toBe(T0 + 6000);
  });

  it('records nothing for an unauthenticated call, and queues nothing when no trail logs', () => {
    const { store, jobs, ctx } = setup();
    recordCall({ ...call({}), principal: undefined }, ctx(T0));
    expect(store.size('cloudtrailEvents')).toBe(0);
    const trail = [...store.values('cloudtrailTrails')][0]!;
    store.put('cloudtrailTrails', trail.arn, { ...trail, isLogging: false, stopLoggingTime: T0 });
    recordCall(call({}), ctx(T0 + 1000));
    expect(store.size('cloudtrailEvents')).toBe(1);
    expect(store.size('cloudtrailPending')).toBe(0);
    expect(jobs).toEqual([]);
  });
});

describe('the bucket policy check for cloudtrail.amazonaws.com', () => {
  const bucket = (policy: unknown): S3BucketRecord => ({
    name: 'b',
    accountId: ACCOUNT,
    region: 'us-east-1',
    createdAt: 0,
    policy: JSON.stringify(policy),
  });
  const trail = { arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/t`, accountId: ACCOUNT, region: 'us-east-1' };
  const key = `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/x.json.gz`;

  it('admits the documented policy, also with an aws:SourceArn condition naming the trail', () => {
    expect(cloudTrailMayWrite(bucket(trailBucketPolicy('b', [`AWSLogs/${ACCOUNT}/`])), key, trail)).toBe(true);
    const scoped = trailBucketPolicy('b', [`AWSLogs/${ACCOUNT}/`]);
    for (const st of scoped.Statement as Record<string, unknown>[])
      st.Condition = {
        ...((st.Condition as object) ?? {}),
        StringEquals: {
          ...((st.Condition as { StringEquals?: object } | undefined)?.StringEquals ?? {}),
          'aws:SourceArn': trail.arn,
        },
      };
    expect(cloudTrailMayWrite(bucket(scoped), key, trail)).toBe(true);
    expect(cloudTrailMayWrite(bucket(scoped), key, { ...trail, arn: `${trail.arn}-other` })).toBe(false);
  });

  it('refuses a policy naming another principal, another prefix, or denying the write', () => {
    const other = trailBucketPolicy('b', [`AWSLogs/${ACCOUNT}/`]);
    for (const st of other.Statement as Record<string, unknown>[]) st.Principal = { Service: 'config.amazonaws.com' };
    expect(cloudTrailMayWrite(bucket(other), key, trail)).toBe(false);
    expect(cloudTrailMayWrite(bucket(trailBucketPolicy('b', ['AWSLogs/999999999999/'])), key, trail)).toBe(false);
    const denied = trailBucketPolicy('b', [`AWSLogs/${ACCOUNT}/`]);
    (denied.Statement as unknown[]).push({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::b/*',
    });
    expect(cloudTrailMayWrite(bucket(denied), key, trail)).toBe(false);
    expect(cloudTrailMayWrite({ ...bucket({}), policy: 'not json' }, key, trail)).toBe(false);
  });
});

describe('the trailDeliverySeconds knob', () => {
  it('defaults to 5 seconds, takes fractions, and refuses 0, negatives and more than a day', () => {
    expect(resolveConfig({ dataDir: '/x' }).cloudTrail.deliverySeconds).toBe(5);
    expect(resolveConfig({ dataDir: '/x', trailDeliverySeconds: 0.25 }).cloudTrail.deliverySeconds).toBe(0.25);
    for (const bad of [0, -1, 86_401, Number.NaN])
      expect(() => resolveConfig({ dataDir: '/x', trailDeliverySeconds: bad })).toThrow(/trailDeliverySeconds must be/);
  });
});
