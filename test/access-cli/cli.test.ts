import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const GROWTH = join(import.meta.dirname, '..', 'cases', 'access-spec', 'growth', 'org.yaml');
const dir = mkdtempSync(join(tmpdir(), 'bulkhead-access-'));

const SCP_MESSAGE =
  'An error occurred (AccessDeniedException) when calling the DeleteTable operation: User: arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_PowerUser_abc123/alice is not authorized to perform: dynamodb:DeleteTable on resource: arn:aws:dynamodb:eu-west-1:123456789012:table/orders with an explicit deny in a service control policy';

describe('bulkhead access can', () => {
  it('explains an SCP deny with the policy, Sid, level and the condition values', async () => {
    const r = await runCli([
      'access',
      'can',
      '-f',
      GROWTH,
      '--principal',
      'Developers',
      '--environment',
      'dev',
      '--action',
      'ec2:RunInstances',
      '--region',
      'us-west-2',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✗ denied in account acme-dev');
    expect(r.stdout).toContain(
      'explicit deny by scp at root: policy deny-outside-allowed-regions, statement #0 (Sid DenyOutsideAllowedRegions)',
    );
    expect(r.stdout).toContain(
      'condition StringNotEquals aws:RequestedRegion: request ["us-west-2"], policy ["eu-west-1","eu-central-1"] → matched',
    );
    expect(r.stdout).toContain('Answer: no.');
  });

  it('allowed: names the granting statement and the SCP allows it needed', async () => {
    const r = await runCli([
      'access',
      'can',
      '-f',
      GROWTH,
      '--principal',
      'Ops',
      '--environment',
      'prod',
      '--action',
      'dynamodb:DeleteTable',
      '--resource',
      'arn:aws:dynamodb:eu-west-1:123456789012:table/orders',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('allowed by identity: policy PowerUserAccess, statement #0');
    expect(r.stdout).toContain('and scp at ou Workloads/Prod: policy FullAWSAccess, statement #0 (Sid FullAWSAccess)');
    expect(r.stdout).toMatch(/Answer: yes, in acme-prod\./);
  });

  it('--json prints one parseable document with per-account answers and traces', async () => {
    const r = await runCli([
      'access',
      'can',
      '--json',
      '-f',
      GROWTH,
      '--principal',
      'alice',
      '--environment',
      'prod',
      '--action',
      'dynamodb:DeleteTable',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      allowed: boolean;
      source: string;
      accounts: {
        account: string;
        grants: { group: string; permissionSet: string; allowed: boolean; result: { trace: unknown[] } }[];
      }[];
    };
    expect(doc.source).toBe('spec');
    expect(doc.allowed).toBe(true);
    expect(doc.accounts[0]!.grants.map((g) => [g.group, g.permissionSet, g.allowed])).toEqual([
      ['Developers', 'ReadOnly', false],
      ['Ops', 'PowerUser', true],
    ]);
    expect(doc.accounts[0]!.grants[0]!.result.trace.length).toBeGreaterThan(0);
  });

  it('--trace lists every statement examined', async () => {
    const r = await runCli([
      'access',
      'can',
      '--trace',
      '-f',
      GROWTH,
      '--principal',
      'Ops',
      '--environment',
      'prod',
      '--action',
      'iam:CreateUser',
    ]);
    expect(r.stdout).toContain('statements:');
    expect(r.stdout).toMatch(
      /✗ Deny scp at ou Workloads: policy deny-iam-users, statement #0 \(Sid DenyIamUsersAndKeys\)/,
    );
  });

  it('--context values are typed and used by conditions', async () => {
    const spec = join(import.meta.dirname, '..', 'cases', 'access-spec', 'inline-boundary', 'org.yaml');
    const r = await runCli([
      'access',
      'can',
      '-f',
      spec,
      '--principal',
      'Data',
      '--environment',
      'dev',
      '--action',
      'dynamodb:PutItem',
      '--context',
      'aws:MultiFactorAuthPresent=true',
    ]);
    expect(r.stdout).toContain('implicit deny in layer permission-boundary');
    const absent = await runCli([
      'access',
      'can',
      '-f',
      spec,
      '--principal',
      'Data',
      '--environment',
      'dev',
      '--action',
      'dynamodb:PutItem',
    ]);
    expect(absent.stdout).toContain('implicit deny in layer identity');
  });
});

describe('bulkhead access who-can / explain / matrix', () => {
  it('who-can lists groups, users and permission sets, and grants blocked by guardrails', async () => {
    const r = await runCli(['access', 'who-can', 'dynamodb:DeleteTable', '-f', GROWTH, '--environment', 'prod']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ group Ops with PowerUser in acme-prod');
    expect(r.stdout).toContain('✓ user alice (via group Ops) with PowerUser in acme-prod');
    expect(r.stdout).not.toContain('user bob');
    const blocked = await runCli(['access', 'who-can', 'iam:CreateUser', '-f', GROWTH, '--environment', 'prod']);
    expect(blocked.stdout).toContain('Nobody can.');
  });

  it('explain reads a pasted AWS CLI message and names the guardrail', async () => {
    const r = await runCli([
      'access',
      'explain',
      '-f',
      GROWTH,
      '--environment',
      'prod',
      'An error occurred (AccessDenied) when calling the CreateUser operation: User: arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_PowerUser_abc123/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/bob with an explicit deny in a service control policy',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('role:    permission set PowerUser, user alice');
    expect(r.stdout).toContain(
      'Cause: the guardrail (SCP) deny-iam-users, statement #0 (Sid DenyIamUsersAndKeys), in a service control policy (attached at ou Workloads), explicitly denies it.',
    );
    expect(r.stdout).toContain("Bulkhead's evaluation agrees with AWS's reason.");
  });

  it('explain says when the spec does not reproduce the denial', async () => {
    const r = await runCli(['access', 'explain', '-f', GROWTH, '--environment', 'dev', SCP_MESSAGE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("does not match AWS's reason");
  });

  it('explain without a way to place the account id: exit 1 and a hint', async () => {
    const r = await runCli(['access', 'explain', '-f', GROWTH, SCP_MESSAGE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'account 123456789012 (from the message) is not in the spec, whose accounts have no ids',
    );
    expect(r.stderr).toContain('--environment ENV or --account NAME');
  });

  it('explain refuses text that is not an AccessDenied message, and encoded messages', async () => {
    const r = await runCli(['access', 'explain', '-f', GROWTH, 'Access Denied']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('does not look like an AWS AccessDenied message');
    const enc = await runCli([
      'access',
      'explain',
      '-f',
      GROWTH,
      'You are not authorized to perform this operation. Encoded authorization failure message: abc',
    ]);
    expect(enc.code).toBe(1);
    expect(enc.stderr).toContain('aws sts decode-authorization-message');
  });

  it('matrix --actions write: Developers write dev but not prod; Ops write prod', async () => {
    const r = await runCli(['access', 'matrix', '-f', GROWTH, '--actions', 'write', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      rows: { group: string; environment: string; production: boolean; cells: Record<string, { status: string }> }[];
    };
    const cell = (g: string, e: string, c: string) =>
      doc.rows.find((row) => row.group === g && row.environment === e)!.cells[c]!.status;
    expect(cell('Developers', 'dev', 'dynamodb write')).toBe('allowed');
    expect(cell('Developers', 'prod', 'dynamodb write')).toBe('not-granted');
    expect(cell('Ops', 'prod', 'dynamodb write')).toBe('allowed');
    expect(cell('Ops', 'dev', 'dynamodb write')).toBe('no-access');
    expect(cell('Ops', 'prod', 'cloudtrail write')).toBe('partial');
    expect(doc.rows.find((row) => row.environment === 'prod')!.production).toBe(true);
  });

  it('matrix with a few actions has a column per action and shows SCP denials', async () => {
    const r = await runCli([
      'access',
      'matrix',
      '-f',
      GROWTH,
      '--actions',
      'iam:CreateUser,cloudtrail:StopLogging,s3:GetObject',
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('group,environment,production,column,status,allowed,denied_by_scp,not_granted,total');
    expect(lines).toContain('Ops,prod,true,cloudtrail:StopLogging,denied-by-scp,0,1,0,1');
    expect(lines).toContain('Auditors,log-archive,false,s3:GetObject,allowed,1,0,0,1');
    expect(lines).toContain('Ops,prod,true,iam:CreateUser,not-granted,0,0,1,1');
  });

  it('matrix table and html', async () => {
    const table = await runCli(['access', 'matrix', '-f', GROWTH, '--actions', 'read']);
    expect(table.stdout).toMatch(/^group\s+environment\s+cloudformation read/);
    expect(table.stdout).toMatch(/Auditors\s+\*prod\s+yes/);
    const out = join(dir, 'matrix.html');
    const html = await runCli([
      'access',
      'matrix',
      '-f',
      GROWTH,
      '--actions',
      'admin',
      '--format',
      'html',
      '--out',
      out,
    ]);
    expect(html.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<th>iam admin<\/th>/);
  });
});

describe('bad input: exit 1, the bad value named, close alternatives', () => {
  const can = (...args: string[]) =>
    runCli([
      'access',
      'can',
      '-f',
      GROWTH,
      '--principal',
      'Developers',
      '--environment',
      'prod',
      '--action',
      's3:GetObject',
      ...args,
    ]);

  it('unknown action', async () => {
    const r = await runCli([
      'access',
      'can',
      '-f',
      GROWTH,
      '--principal',
      'Developers',
      '--environment',
      'prod',
      '--action',
      'dynamodb:DeleteTabel',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown action "dynamodb:DeleteTabel"');
    expect(r.stderr).toContain('dynamodb:DeleteTable');
  });

  it('unknown service', async () => {
    const r = await runCli(['access', 'who-can', 'dynamo:DeleteTable', '-f', GROWTH]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown service prefix "dynamo"');
  });

  it('malformed resource ARN', async () => {
    const r = await can('--resource', 'aws:s3:::my-bucket/key');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('resource "aws:s3:::my-bucket/key" is neither "*" nor an ARN');
    expect(r.stderr).toContain('arn:aws:s3:::my-bucket/key');
  });

  it('unknown principal', async () => {
    const r = await runCli([
      'access',
      'can',
      '-f',
      GROWTH,
      '--principal',
      'Developer',
      '--environment',
      'prod',
      '--action',
      's3:GetObject',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('principal "Developer" is neither a group nor a user of the spec');
    expect(r.stderr).toContain('did you mean "Developers"?');
  });

  it('a role the spec does not define', async () => {
    const r = await runCli([
      'access',
      'can',
      '-f',
      GROWTH,
      '--principal',
      'arn:aws:iam::123456789012:role/DeployRole',
      '--environment',
      'prod',
      '--action',
      's3:GetObject',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('role "arn:aws:iam::123456789012:role/DeployRole" is not defined in the spec');
  });

  it('an SSO role is read as its permission set', async () => {
    const r = await runCli([
      'access',
      'can',
      '-f',
      GROWTH,
      '--principal',
      'AWSReservedSSO_PowerUser_0123456789abcdef',
      '--environment',
      'dev',
      '--action',
      'dynamodb:DeleteTable',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Can permission set PowerUser do dynamodb:DeleteTable in dev');
    expect(r.stdout).toContain('Answer: yes');
  });

  it('unknown environment', async () => {
    const r = await runCli([
      'access',
      'can',
      '-f',
      GROWTH,
      '--principal',
      'Developers',
      '--environment',
      'production',
      '--action',
      's3:GetObject',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('environment "production" is not defined in the spec');
    expect(r.stderr).toContain('"prod"');
  });

  it('a condition key with a value of the wrong type, and an unknown key', async () => {
    const bad = await can('--context', 'aws:MultiFactorAuthPresent=yes');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('context key aws:MultiFactorAuthPresent is Bool: "yes" is not true or false');
    const num = await can('--context', 'aws:MultiFactorAuthAge=recent');
    expect(num.stderr).toContain('is Numeric: "recent" is not a number');
    const unknown = await can('--context', 'aws:MultiFactorAuthPresnt=true');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown condition key "aws:MultiFactorAuthPresnt"');
    expect(unknown.stderr).toContain('aws:MultiFactorAuthPresent');
  });

  it('a pattern where one action is expected, and a bad region', async () => {
    const r = await runCli([
      'access',
      'can',
      '-f',
      GROWTH,
      '--principal',
      'Developers',
      '--environment',
      'prod',
      '--action',
      's3:Get*',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"s3:Get*" is a pattern');
    const region = await can('--region', 'europe');
    expect(region.code).toBe(1);
    expect(region.stderr).toContain('region "europe" is not an AWS region name');
  });

  it('matrix: bad --actions and --format', async () => {
    const r = await runCli(['access', 'matrix', '-f', GROWTH, '--actions', 's3:GetObjekt']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('s3:GetObject');
    const f = await runCli(['access', 'matrix', '-f', GROWTH, '--format', 'xml']);
    expect(f.code).toBe(2);
  });

  it('--from must be spec or live; a missing spec is an error', async () => {
    expect((await can('--from', 'lve')).code).toBe(2);
    const missing = await runCli([
      'access',
      'can',
      '-f',
      join(dir, 'nope.yaml'),
      '--principal',
      'Developers',
      '--environment',
      'prod',
      '--action',
      's3:GetObject',
    ]);
    expect(missing.code).toBe(1);
  });
});
