import { CloudTrailClient, DeleteTrailCommand } from '@aws-sdk/client-cloudtrail';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BulkheadError } from '../../src/core/errors.js';
import type { OrgModel } from '../../src/model/organization.js';
import { audit, type AuditResult } from '../../src/toolkit/audit/audit.js';
import { connect, type Connection } from '../../src/toolkit/connect.js';
import { startMoto, type MotoServer } from '../support/fidelity/moto-server.js';
import {
  auditCases,
  BUCKET,
  fixtureFiles,
  motoTrailOrg,
  putLogFiles,
  REGION,
  withIds,
  type FixtureFile,
  type MotoTrailOrg,
} from './moto-trail.js';

const io = { notify() {} };
let moto: MotoServer;
let org: MotoTrailOrg;
let connection: Connection;

function rows(result: AuditResult): string[][] {
  return result.events.map((e) => [
    e.time.replace('T', ' ').replace(/(\.\d+)?Z$/, ''),
    e.accountName ?? e.accountId,
    e.principal.name,
    `${e.service}:${e.eventName}`,
    e.error?.code ?? 'ok',
  ]);
}

/** Just enough of a validated spec for the audit: its trail and its accounts. */
function specWithTrail(trail: { bucketName: string; bucketAccount: string }): OrgModel {
  return {
    name: 'acme',
    homeRegion: REGION,
    managementAccount: { name: 'management', email: 'mgmt@example.com' },
    accounts: new Map(),
    environments: new Map(),
    audit: { trail: { name: 'org-trail', multiRegion: true, protect: true, ...trail } },
  } as unknown as OrgModel;
}

beforeAll(async () => {
  moto = await startMoto();
  vi.stubEnv('AWS_ACCESS_KEY_ID', moto.credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', moto.credentials.secretAccessKey);
  vi.stubEnv('AWS_REGION', REGION);
  org = await motoTrailOrg(moto, ['log-archive', 'prod', 'dev', 'paging']);
  await putLogFiles(org, fixtureFiles());
  connection = await connect({ endpoint: moto.endpoint });
}, 60_000);

afterAll(async () => {
  await connection?.close();
  org?.destroy();
  await moto?.stop();
  vi.unstubAllEnvs();
});

describe('bulkhead audit against moto (the live organization trail)', () => {
  for (const c of auditCases()) {
    it(c.name, async () => {
      const { account, ...rest } = c.options;
      const result = await audit({
        connection,
        io,
        ...rest,
        ...(account ? { account: withIds(account, org.ids) } : {}),
      });
      expect(result.trail).toMatchObject({
        name: 'org-trail',
        bucket: BUCKET,
        bucketAccountId: org.ids['log-archive'],
        root: `AWSLogs/${org.organizationId}/`,
        from: 'live',
      });
      expect(rows(result)).toEqual(c.expected);
      expect(result.matched).toBe(c.matched);
      expect(result.files).toEqual((c as unknown as { files: unknown }).files);
      expect(result.warnings.map((w) => w.code).sort()).toEqual(
        (c.warnings ?? []).map(() => 'unparsable-log-file').sort(),
      );
      for (const reason of c.warnings ?? []) expect(result.warnings.some((w) => w.message.includes(reason))).toBe(true);
    });
  }

  it('follows continuation tokens through a day folder of more than 1000 log files', async () => {
    const files: FixtureFile[] = Array.from({ length: 1005 }, (_, i) => ({
      account: 'paging',
      region: 'eu-west-1',
      stamp: `20240601T${String(Math.floor(i / 60) % 24).padStart(2, '0')}${String(i % 60).padStart(2, '0')}Z`,
      records: [
        {
          eventTime: `2024-06-01T${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`,
          eventSource: 'sts.amazonaws.com',
          eventName: 'GetCallerIdentity',
          awsRegion: 'eu-west-1',
          eventID: `paging-${i}`,
          userIdentity: { type: 'IAMUser', userName: 'ci', arn: 'arn:aws:iam::{{paging}}:user/ci' },
          recipientAccountId: '{{paging}}',
        },
      ],
    }));
    await putLogFiles(org, files, 32);
    const before = connection.clients.calls.get('ListObjectsV2') ?? 0;
    const result = await audit({
      connection,
      io,
      account: 'paging',
      since: '2024-06-01T16:00:00Z',
      until: '2024-06-01T16:59:59Z',
    });
    // Only the files delivered from 16:00 on (the last 45 keys of the second page) can hold the window's events.
    expect(result.files).toEqual({ listed: 45, read: 45, skipped: 0 });
    expect(result.matched).toBe(45);
    expect(result.events.map((e) => e.eventId)).toEqual(Array.from({ length: 45 }, (_, i) => `paging-${1004 - i}`));
    // the probe, the region folders, then the day folder 2024/06/01 in two pages
    expect((connection.clients.calls.get('ListObjectsV2') ?? 0) - before).toBe(4);
  }, 120_000);

  it('reads the bucket the spec names (audit.trail), as its account', async () => {
    const result = await audit({
      connection,
      io,
      model: specWithTrail({ bucketName: BUCKET, bucketAccount: 'log-archive' }),
      since: '2024-05-01T00:00:00Z',
      until: '2024-05-02T00:00:00Z',
      account: 'dev',
    });
    expect(result.trail).toMatchObject({ from: 'spec', bucketAccountId: org.ids['log-archive'] });
    expect(rows(result).map((r) => r[3])).toEqual(['s3:PutObject', 'cloudtrail:StopLogging']);
  });

  it('says the spec’s bucket does not exist, and what to do', async () => {
    const err = await audit({
      connection,
      io,
      model: specWithTrail({ bucketName: 'acme-no-such-bucket', bucketAccount: 'log-archive' }),
    }).catch((e: unknown) => e);
    expect(BulkheadError.is(err) && err.code).toBe('audit-no-bucket');
    expect((err as BulkheadError).message).toContain('acme-no-such-bucket');
    expect((err as BulkheadError).hint).toContain('bulkhead apply');
  });

  it('refuses an account name it does not know, naming the ones it does', async () => {
    const err = await audit({ connection, io, account: 'prdo' }).catch((e: unknown) => e);
    expect(BulkheadError.is(err) && err.code).toBe('usage');
    expect((err as BulkheadError).hint).toContain('prod');
  });

  // Last: it deletes the trail.
  it('without a trail says so and how to create one', async () => {
    const trail = new CloudTrailClient({ endpoint: moto.endpoint, region: REGION, credentials: moto.credentials });
    await trail.send(new DeleteTrailCommand({ Name: 'org-trail' }));
    trail.destroy();
    const err = await audit({ connection, io }).catch((e: unknown) => e);
    expect(BulkheadError.is(err) && err.code).toBe('audit-no-trail');
    expect((err as BulkheadError).hint).toContain('audit.trail');
  });
});
