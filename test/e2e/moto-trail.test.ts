import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTrailsCommand, GetTrailStatusCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import {
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { GetBucketPolicyCommand, GetBucketVersioningCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { s3In } from '../../src/providers/aws/s3/trail-bucket.js';
import { allProviders } from '../../src/providers/aws/registry.js';
import { apply } from '../../src/toolkit/apply.js';
import { connect, type Connection } from '../../src/toolkit/connect.js';
import { plan } from '../../src/toolkit/plan.js';
import { startMoto, type MotoServer } from '../support/fidelity/moto-server.js';
import { Durations } from '../../src/providers/aws/durations.js';
import { cloudTrailOf } from '../../src/providers/aws/cloudtrail/client.js';

const SPEC = `version: 1
organization:
  name: Acme
  managementAccount: { name: acme-management, email: aws+management@example.com }
  homeRegion: eu-west-1
environments:
  log-archive: { kind: log-archive }
accounts:
  - { name: acme-log-archive, email: aws+log-archive@example.com, environment: log-archive }
audit:
  trail:
    name: org-trail
    objectLock: { mode: GOVERNANCE, days: 30 }
`;

describe('the organization trail applied against moto', () => {
  let moto: MotoServer;
  let connection: Connection;
  let file: string;
  const io = new RecordingIoHost();

  beforeAll(async () => {
    moto = await startMoto();
    vi.stubEnv('AWS_ACCESS_KEY_ID', moto.credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', moto.credentials.secretAccessKey);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    connection = await connect({ endpoint: moto.endpoint });
    file = join(mkdtempSync(join(tmpdir(), 'bulkhead-trail-')), 'org.yaml');
    writeFileSync(file, SPEC);
  }, 60_000);
  afterAll(async () => {
    await connection?.close();
    await moto?.stop();
    vi.unstubAllEnvs();
  });

  const logArchiveS3 = async () => {
    const planned = await plan({ file, connection, io });
    const id = planned.observed.account.find((a) => a.name === 'acme-log-archive')!.id;
    return s3In(await connection.clients.forAccount(id), 'eu-west-1');
  };

  it('creates trusted access, the bucket and the trail, then plans no changes', async () => {
    const first = await plan({ file, connection, io });
    expect(first.plan.changes.map((c) => c.kind)).toEqual(
      expect.arrayContaining(['service-access', 'trail-bucket', 'organization-trail']),
    );
    const applied = await apply({ yes: true, file, connection, io, pollDelayMs: () => 20 });
    expect(applied.failed).toEqual([]);

    const access = await connection.clients.organizations.send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(access.EnabledServicePrincipals!.map((p) => p.ServicePrincipal)).toContain('cloudtrail.amazonaws.com');
    const s3 = await logArchiveS3();
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'acme-org-trail-eu-west-1' }))).Status).toBe(
      'Enabled',
    );
    const policy = JSON.parse(
      (await s3.send(new GetBucketPolicyCommand({ Bucket: 'acme-org-trail-eu-west-1' }))).Policy!,
    ) as { Statement: { Sid: string; Resource: string | string[] }[] };
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      'AWSCloudTrailAclCheck',
      'AWSCloudTrailWrite',
      'AWSCloudTrailOrganizationWrite',
      'DenyInsecureTransport',
    ]);
    const trails = (await cloudTrailOf(connection.clients).send(new DescribeTrailsCommand({}))).trailList!;
    const trail = trails.find((t) => t.Name === 'org-trail')!;
    expect(trail).toMatchObject({
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
    });
    expect(
      (await cloudTrailOf(connection.clients).send(new GetTrailStatusCommand({ Name: 'org-trail' }))).IsLogging,
    ).toBe(true);

    const second = await plan({ file, connection, io });
    expect(second.plan.changes.map((c) => `${c.action} ${c.kind} ${c.label}`)).toEqual([]);
  }, 120_000);

  it('switches logging back on when someone stopped it', async () => {
    await cloudTrailOf(connection.clients).send(new StopLoggingCommand({ Name: 'org-trail' }));
    const drifted = await plan({ file, connection, io });
    expect(drifted.plan.changes.map((c) => `${c.action} ${c.kind} ${c.properties.map((p) => p.name).join()}`)).toEqual([
      'update organization-trail logging',
    ]);
    const applied = await apply({ yes: true, file, connection, io, pollDelayMs: () => 20 });
    expect(applied.failed).toEqual([]);
    expect(
      (await cloudTrailOf(connection.clients).send(new GetTrailStatusCommand({ Name: 'org-trail' }))).IsLogging,
    ).toBe(true);
  }, 60_000);

  it('finishes a create that already happened (a re-run after kill -9): the bucket and trail count as there', async () => {
    const fresh = await plan({ file, connection, io });
    const org = fresh.observed.organization[0]!;
    const accountId = fresh.observed.account.find((a) => a.name === 'acme-log-archive')!.id;
    const ctx = {
      clients: connection.clients,
      resolve: (ref: { id?: string }) => ref.id!,
      awaitRef: (ref: { id?: string }) => Promise.resolve(ref.id!),
      durations: new Durations(),
      progress: () => {},
      sleep: () => Promise.resolve(),
      pollDelayMs: () => 0,
      pollSlot: () => Promise.resolve(),
      releaseLane: () => {},
      signal: new AbortController().signal,
    };
    const bucket = {
      action: 'create' as const,
      account: { address: { kind: 'account' as const, key: 'aws+log-archive@example.com' }, id: accountId },
      name: 'acme-org-trail-eu-west-1',
      region: 'eu-west-1',
      encryption: { algorithm: 'AES256' as const },
      objectLock: { mode: 'GOVERNANCE' as const, days: 30 },
      trailName: 'org-trail',
    };
    const change = <P>(kind: string, payload: P) =>
      ({
        id: kind,
        kind,
        key: kind,
        label: kind,
        action: 'create',
        properties: [],
        payload,
        dependsOn: [],
        destructive: false,
      }) as never;
    const PROVIDERS = await allProviders();
    await expect(PROVIDERS['trail-bucket'].apply(change('trail-bucket', bucket), ctx)).resolves.toEqual({
      physicalId: 'acme-org-trail-eu-west-1',
    });
    const trail = { action: 'create' as const, name: 'org-trail', bucketName: bucket.name, multiRegion: true };
    await expect(PROVIDERS['organization-trail'].apply(change('organization-trail', trail), ctx)).resolves.toEqual({
      physicalId: 'org-trail',
    });
    expect(org.id).toMatch(/^o-/);
    const after = await plan({ file, connection, io });
    expect(after.plan.changes).toEqual([]);
  }, 60_000);

  it('without the trail, leaves the bucket, the trail and the trusted access it relies on (with a note)', async () => {
    const org = connection.clients.organizations;
    await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'config.amazonaws.com' }));
    writeFileSync(file, SPEC.replace(/^audit:[\s\S]*$/m, ''));
    const removed = await plan({ file, connection, io });
    expect(removed.plan.changes.map((c) => `${c.action} ${c.kind} ${c.label}`).sort()).toEqual([
      'delete policy guardrails-root',
      'detach policy-attachment guardrails-root → root',
    ]);
    expect(removed.plan.notes.map((n) => `${n.code} ${n.key}`)).toContain(
      'N-SERVICE-ACCESS-IN-USE cloudtrail.amazonaws.com',
    );
    const applied = await apply({ yes: true, allowDestroy: true, file, connection, io, pollDelayMs: () => 20 });
    expect(applied.failed).toEqual([]);
    const access = await org.send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(access.EnabledServicePrincipals!.map((p) => p.ServicePrincipal).sort()).toEqual([
      'cloudtrail.amazonaws.com',
      'config.amazonaws.com',
    ]);
    const trails = (await cloudTrailOf(connection.clients).send(new DescribeTrailsCommand({}))).trailList!;
    expect(trails.map((t) => t.Name)).toEqual(['org-trail']);
    expect((await plan({ file, connection, io })).plan.changes).toEqual([]);
  }, 60_000);
});
