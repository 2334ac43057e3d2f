import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as CT from '@aws-sdk/client-cloudtrail';
import * as O from '@aws-sdk/client-organizations';
import * as S3 from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../src/local-cloud/index.js';
import { JOURNAL } from '../../src/local-cloud/store/persistence.js';

/*
 * CloudTrail's event history and delivery queue live in memory: recording a call must not make every read fsync the
 * journal (reads never touched the disk before CloudTrail), and a clean close must still deliver what is queued.
 */

let cloud: LocalCloud | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await cloud?.close();
  cloud = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const BUCKET = 'own-trail-logs';

async function start(dataDir: string, trailDeliverySeconds: number): Promise<LocalCloud> {
  return startLocalCloud({ dataDir, port: 0, fast: true, trailDeliverySeconds });
}

function clients(c: LocalCloud) {
  const base = { endpoint: c.endpoint, region: 'eu-west-1', credentials: c.credentials };
  return {
    s3: new S3.S3Client({ ...base, forcePathStyle: true }),
    ct: new CT.CloudTrailClient(base),
    org: new O.OrganizationsClient({ ...base, region: 'us-east-1' }),
  };
}

async function withLoggingTrail(c: LocalCloud) {
  const k = clients(c);
  const me = c.managementAccountId;
  await k.s3.send(
    new S3.CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
  );
  const Principal = { Service: 'cloudtrail.amazonaws.com' };
  const Condition = { StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:eu-west-1:${me}:trail/own` } };
  const Policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${BUCKET}`, Condition },
      {
        Effect: 'Allow',
        Principal,
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${me}/*`,
        Condition: { StringEquals: { ...Condition.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
    ],
  });
  await k.s3.send(new S3.PutBucketPolicyCommand({ Bucket: BUCKET, Policy }));
  await k.ct.send(new CT.CreateTrailCommand({ Name: 'own', S3BucketName: BUCKET, IsMultiRegionTrail: true }));
  await k.ct.send(new CT.StartLoggingCommand({ Name: 'own' }));
  return k;
}

const logKeys = async (s3: S3.S3Client) =>
  ((await s3.send(new S3.ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'AWSLogs/' }))).Contents ?? []).map(
    (o) => o.Key!,
  );

describe('CloudTrail keeps its event history and queue in memory', () => {
  it('reads recorded by a logging trail do not grow the journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-ct-volatile-'));
    dirs.push(dir);
    cloud = await start(dir, 3600);
    const k = await withLoggingTrail(cloud);
    const journal = join(dir, JOURNAL);
    const before = statSync(journal).size;
    for (let i = 0; i < 20; i++) await k.ct.send(new CT.DescribeTrailsCommand({}));
    expect(statSync(journal).size).toBe(before);
    const history = await k.ct.send(
      new CT.LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'DescribeTrails' }],
      }),
    );
    expect(history.Events?.length).toBe(20);
  });

  it('a clean close delivers the queued events, which the next start serves from the bucket', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-ct-volatile-'));
    dirs.push(dir);
    cloud = await start(dir, 3600);
    const k = await withLoggingTrail(cloud);
    await k.ct.send(new CT.GetTrailStatusCommand({ Name: 'own' }));
    expect(await logKeys(k.s3)).toEqual([]);
    await cloud.close();
    cloud = await start(dir, 3600);
    const again = clients(cloud);
    const keys = await logKeys(again.s3);
    expect(keys.length).toBe(1);
    expect(keys[0]).toMatch(new RegExp(`^AWSLogs/${cloud.managementAccountId}/CloudTrail/eu-west-1/`));
  });
});
