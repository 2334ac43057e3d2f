import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudTrailClient, CreateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { MotoServer } from '../support/fidelity/moto-server.js';

export const CASES = join(import.meta.dirname, '..', 'cases', 'audit');
export const REGION = 'us-east-1';
export const BUCKET = 'acme-org-trail-logs';

/** An organization on moto: management 123456789012, accounts by name, an organization trail into log-archive's bucket. */
export interface MotoTrailOrg {
  organizationId: string;
  ids: Record<string, string>;
  /** S3 as the log-archive account (the bucket's owner). */
  s3: S3Client;
  destroy(): void;
}

export async function motoTrailOrg(moto: MotoServer, accounts: string[]): Promise<MotoTrailOrg> {
  const base = { endpoint: moto.endpoint, region: REGION, credentials: moto.credentials };
  const org = new OrganizationsClient(base);
  const organizationId = (await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!.Id!;
  const ids: Record<string, string> = {};
  for (const name of accounts) {
    const status = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
    ids[name] = status.CreateAccountStatus!.AccountId!;
  }
  const sts = new STSClient(base);
  const c = (
    await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ids['log-archive']}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'seed',
      }),
    )
  ).Credentials!;
  const s3 = new S3Client({
    ...base,
    forcePathStyle: true,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const trail = new CloudTrailClient(base);
  await trail.send(
    new CreateTrailCommand({
      Name: 'org-trail',
      S3BucketName: BUCKET,
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
    }),
  );
  org.destroy();
  sts.destroy();
  trail.destroy();
  return { organizationId, ids, s3, destroy: () => s3.destroy() };
}

/** One log file of a fixture: records, or raw bytes (a corrupt object), delivered at `stamp` (YYYYMMDDTHHmmZ). */
export interface FixtureFile {
  account: string;
  region: string;
  stamp: string;
  records?: unknown[];
  raw?: string;
  /** Ends of the key (default: a random-looking suffix from the file's index). */
  suffix?: string;
}

/** `{{name}}` in fixture text stands for the account id moto gave that account. */
export function withIds(text: string, ids: Record<string, string>): string {
  return text.replace(/\{\{([\w-]+)\}\}/g, (_, name: string) => ids[name] ?? `{{${name}}}`);
}

export function logKey(
  organizationId: string,
  accountId: string,
  region: string,
  stamp: string,
  suffix: string,
): string {
  const day = `${stamp.slice(0, 4)}/${stamp.slice(4, 6)}/${stamp.slice(6, 8)}`;
  return `AWSLogs/${organizationId}/${accountId}/CloudTrail/${region}/${day}/${accountId}_CloudTrail_${region}_${stamp}_${suffix}.json.gz`;
}

export async function putLogFiles(
  trailOrg: MotoTrailOrg,
  files: readonly FixtureFile[],
  concurrency = 16,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const f = files[i]!;
      const accountId = trailOrg.ids[f.account] ?? f.account;
      const body =
        f.raw !== undefined
          ? Buffer.from(f.raw, 'latin1')
          : gzipSync(Buffer.from(withIds(JSON.stringify({ Records: f.records ?? [] }), trailOrg.ids), 'utf8'));
      const suffix = f.suffix ?? `seed${String(i).padStart(12, '0')}`;
      await trailOrg.s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: logKey(trailOrg.organizationId, accountId, f.region, f.stamp, suffix),
          Body: body,
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export interface AuditCase {
  name: string;
  /** The library's options (the CLI test turns them into flags). */
  options: {
    since: string;
    until?: string;
    account?: string;
    eventNames?: string[];
    principals?: string[];
    errorsOnly?: boolean;
    limit?: number;
  };
  /** Rows as the table shows them: time, account, principal, event, result (newest first). */
  expected: string[][];
  matched: number;
  warnings?: string[];
}

export function auditCases(): AuditCase[] {
  return readdirSync(CASES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({
      name: d.name,
      ...(JSON.parse(readFileSync(join(CASES, d.name, 'case.json'), 'utf8')) as Omit<AuditCase, 'name'>),
    }));
}

/** The log files every case reads: test/cases/audit/files.json. */
export function fixtureFiles(): FixtureFile[] {
  return JSON.parse(readFileSync(join(CASES, 'files.json'), 'utf8')) as FixtureFile[];
}

/** The CLI flags for a case's options. */
export function caseFlags(options: AuditCase['options']): string[] {
  return [
    '--since',
    options.since,
    ...(options.until ? ['--until', options.until] : []),
    ...(options.account ? ['--account', options.account] : []),
    ...(options.eventNames ?? []).flatMap((n) => ['--event-name', n]),
    ...(options.principals ?? []).flatMap((p) => ['--principal', p]),
    ...(options.errorsOnly ? ['--errors-only'] : []),
    ...(options.limit ? ['--limit', String(options.limit)] : []),
  ];
}
