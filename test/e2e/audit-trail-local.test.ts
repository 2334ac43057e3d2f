import { gunzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as O from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { apply } from '../../src/toolkit/apply.js';
import { connect, type Connection } from '../../src/toolkit/connect.js';
import { plan } from '../../src/toolkit/plan.js';
import { validateSpecFile } from '../../src/config/validate.js';
import { runCli } from '../cli/run-cli.js';
import type { AwsCli, CliCredentials } from '../support/fidelity/aws-cli.js';
import { awsCli } from '../support/fidelity/aws-cli.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { poll, sdkClients } from '../support/fidelity/sdk-clients.js';

/*
 * Issue 12's trail end to end on the local cloud: `audit.trail` and `audit.security` applied by Bulkhead, a call made
 * in a member account shows up within seconds as a CloudTrail log file in the log-archive bucket, read back with the
 * AWS CLI's `s3` commands and with `bulkhead audit`; the guardrail the trail brings keeps member accounts from
 * stopping it; a second plan finds nothing to do.
 */

const SPEC = `version: 1
organization:
  name: acme
  managementAccount: { name: acme-management, email: aws+management@example.com }
  homeRegion: eu-west-1
  allowedRegions: [eu-west-1]
environments:
  prod: { kind: production }
  log-archive: { kind: log-archive }
  security: { kind: security }
organizationalUnits:
  - name: Security
    accounts: [acme-log-archive, acme-security]
  - name: Workloads
    accounts: [acme-prod]
accounts:
  - { name: acme-prod, email: aws+prod@example.com, environment: prod }
  - { name: acme-log-archive, email: aws+logs@example.com, environment: log-archive }
  - { name: acme-security, email: aws+security@example.com, environment: security }
guardrails:
  - use: deny-leave-organization
    targets: [root]
audit:
  trail:
    name: acme-org-trail
    bucketName: acme-org-trail-logs
  security: {}
`;

const AUDIT_KINDS = /^(service-access|trail-bucket|organization-trail|delegated-administrator|security-service) /;

let fc: FidelityCloud | undefined;
let connection: Connection | undefined;
let cli: AwsCli;
let file: string;
const ids = new Map<string, string>();
let organizationId = '';
let appliedKinds: string[] = [];

async function sessionIn(account: string): Promise<CliCredentials> {
  const { cloud } = fc!;
  const { sts } = sdkClients(cloud.endpoint, cloud.region, cloud.credentials);
  const roleArn = `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`;
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'e2e' }))).Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

beforeAll(async () => {
  fc = await startFidelityCloud({ timeScale: 0, trailDeliverySeconds: 1 });
  const { cloud } = fc;
  file = join(cloud.dataDir, '..', `org-${Date.now()}.yaml`);
  writeFileSync(file, SPEC);
  connection = await connect({ dataDir: cloud.dataDir });
  const applied = await apply({ yes: true, file, connection, io: new RecordingIoHost(), pollDelayMs: () => 20 });
  if (applied.failed.length > 0) throw new Error(`apply failed: ${JSON.stringify(applied.failed)}`);
  appliedKinds = applied.plan.changes.map((c) => `${c.kind} ${c.key}`).filter((k) => AUDIT_KINDS.test(k));
  const { org } = sdkClients(cloud.endpoint, cloud.region, cloud.credentials);
  for (const a of (await org.send(new O.ListAccountsCommand({}))).Accounts ?? []) ids.set(a.Name!, a.Id!);
  organizationId = (await org.send(new O.DescribeOrganizationCommand({}))).Organization!.Id!;
  cli = awsCli(cloud.endpoint, 'eu-west-1', cloud.credentials);
}, 240_000);

afterAll(async () => {
  cli?.dispose();
  await connection?.close();
  await fc?.stop();
});

describe('the organization trail on the local cloud', () => {
  it('plans nothing more after the apply: the bucket, the trail and the security services are as the spec says', async () => {
    expect(appliedKinds.sort()).toEqual([
      'delegated-administrator config-multiaccountsetup.amazonaws.com',
      'delegated-administrator config.amazonaws.com',
      'delegated-administrator guardduty.amazonaws.com',
      'delegated-administrator securityhub.amazonaws.com',
      'organization-trail acme-org-trail',
      'security-service config',
      'security-service guardduty',
      'security-service securityhub',
      'service-access cloudtrail.amazonaws.com',
      'service-access config-multiaccountsetup.amazonaws.com',
      'service-access config.amazonaws.com',
      'service-access guardduty.amazonaws.com',
      'service-access securityhub.amazonaws.com',
      'trail-bucket acme-org-trail-logs',
    ]);
    const validated = await validateSpecFile(file);
    const again = await plan({ file, model: validated.model!, connection: connection!, io: new RecordingIoHost() });
    expect(again.plan.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([]);
  }, 120_000);

  it('delivers a member account call to the log-archive bucket, readable with the AWS CLI s3 commands', async () => {
    const { cloud } = fc!;
    const prod = ids.get('acme-prod')!;
    const inProd = await sessionIn(prod);
    const iam = new IAMClient({ endpoint: cloud.endpoint, region: 'eu-west-1', credentials: inProd });
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'made-in-prod',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    iam.destroy();
    const logs = await sessionIn(ids.get('acme-log-archive')!);
    const prefix = `s3://acme-org-trail-logs/AWSLogs/${organizationId}/${prod}/CloudTrail/`;
    const started = Date.now();
    let keys: string[] = [];
    const record = await poll(
      'the CreateRole record in the trail bucket',
      async () => {
        const listed = await cli.run(['s3', 'ls', '--recursive', prefix], logs);
        keys = listed.stdout
          .split('\n')
          .map((l) => l.trim().split(/\s+/)[3])
          .filter((k): k is string => k !== undefined && k.endsWith('.json.gz'));
        for (const key of keys) {
          const local = join(cloud.dataDir, '..', `log-${Date.now()}.json.gz`);
          const copied = await cli.run(['s3', 'cp', `s3://acme-org-trail-logs/${key}`, local], logs);
          if (copied.code !== 0) continue;
          const parsed = JSON.parse(gunzipSync(readFileSync(local)).toString('utf8')) as {
            Records: Record<string, unknown>[];
          };
          const found = parsed.Records.find((r) => r.eventName === 'CreateRole');
          if (found) return found;
        }
        return undefined;
      },
      30_000,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(keys[0]).toMatch(
      new RegExp(`^AWSLogs/${organizationId}/${prod}/CloudTrail/us-east-1/\\d{4}/\\d{2}/\\d{2}/${prod}_CloudTrail_`),
    );
    expect(record).toMatchObject({
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateRole',
      awsRegion: 'us-east-1',
      recipientAccountId: prod,
      eventType: 'AwsApiCall',
      readOnly: false,
      userIdentity: { type: 'AssumedRole', accountId: prod },
    });
    expect(JSON.stringify(record)).not.toContain(inProd.secretAccessKey);
  }, 120_000);

  it('bulkhead audit reads the same call back from the bucket', async () => {
    const { cloud } = fc!;
    const saved = { id: process.env['AWS_ACCESS_KEY_ID'], secret: process.env['AWS_SECRET_ACCESS_KEY'] };
    process.env['AWS_ACCESS_KEY_ID'] = cloud.credentials.accessKeyId;
    process.env['AWS_SECRET_ACCESS_KEY'] = cloud.credentials.secretAccessKey;
    const run = await runCli([
      'audit',
      '--file',
      file,
      '--endpoint',
      cloud.endpoint,
      '--account',
      'acme-prod',
      '--event-name',
      'CreateRole',
      '--since',
      '1h',
      '--json',
    ]).finally(() => {
      for (const [k, v] of [
        ['AWS_ACCESS_KEY_ID', saved.id],
        ['AWS_SECRET_ACCESS_KEY', saved.secret],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { events: Record<string, unknown>[] };
    expect(out.events.length).toBeGreaterThanOrEqual(1);
    expect(out.events[0]).toMatchObject({ eventName: 'CreateRole', accountId: ids.get('acme-prod') });
  }, 120_000);

  it('keeps member accounts, the log archive included, from stopping the trail (protect-cloudtrail)', async () => {
    const { cloud } = fc!;
    const logs = await sessionIn(ids.get('acme-log-archive')!);
    const trailArn = `arn:aws:cloudtrail:eu-west-1:${cloud.managementAccountId}:trail/acme-org-trail`;
    const stopped = await cli.run(['cloudtrail', 'stop-logging', '--name', trailArn, '--region', 'eu-west-1'], logs);
    expect(stopped.code).not.toBe(0);
    expect(stopped.stderr).toMatch(/AccessDenied.*explicit deny in a service control policy/s);
    const status = await cli.json<{ IsLogging: boolean }>(
      ['cloudtrail', 'get-trail-status', '--name', trailArn, '--region', 'eu-west-1'],
      cloud.credentials,
    );
    expect(status.IsLogging).toBe(true);
  }, 120_000);
});
