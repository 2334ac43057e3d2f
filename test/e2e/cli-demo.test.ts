import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenCachePath } from '../../src/toolkit/sso/token-cache.js';
import { runCli } from '../cli/run-cli.js';

describe('bulkhead demo', () => {
  it('plans, applies and re-plans the growth template on a fresh local cloud', async () => {
    const homeTokenBefore = existsSync(tokenCachePath('acme'));
    const r = await runCli(['demo', '--fast']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Plan: 69 to create, 2 to attach\./);
    expect(r.stderr).toMatch(/No changes: the organization matches the spec\./);
    expect(r.stdout).toMatch(/demo finished in [\d.]+s: 71 changes applied, 0 left/);
    // Who can do what where, from the identity the demo applied: developers write in dev, only read in prod.
    expect(r.stderr).toMatch(/who can do what where, with identity from IAM Identity Center/);
    expect(r.stderr).toMatch(/Developers in dev +s3:GetObject yes · s3:PutObject yes · dynamodb:DeleteTable yes/);
    expect(r.stderr).toMatch(
      /Developers in prod +s3:GetObject yes · s3:PutObject no · dynamodb:DeleteTable no · iam:CreateRole no {2}\[production\]/,
    );
    expect(r.stdout).toMatch(/Workloads\/ {2}\[scp: guardrails-ou-workloads\]/);
    expect(r.stdout).toMatch(/acme-prod \d{12} prod ACTIVE/);

    // A developer's day: alice signs in, exec lands in the live acme-dev account through the SSO portal.
    const devId = /acme-dev (\d{12}) dev ACTIVE/.exec(r.stdout)?.[1];
    expect(devId).toBeDefined();
    expect(r.stderr).toMatch(
      /alice signed in through the device flow \(code [A-Z]{4}-[A-Z]{4}, approved on the local cloud/,
    );
    expect(r.stderr).toContain(
      `exec --stage dev --profile dev-poweruser: account acme-dev ${devId} as arn:aws:sts::${devId}:assumed-role/AWSReservedSSO_PowerUser_`,
    );
    expect(r.stderr).toMatch(/assumed-role\/AWSReservedSSO_PowerUser_[0-9a-f]+\/alice\n/);
    expect(r.stderr).toContain(
      'exec --stage prod with AWS_PROFILE=dev-poweruser: refused, AWS_PROFILE dev-poweruser is a profile of environment dev, but you asked for --stage prod',
    );
    // The token went to the demo's folder, never to ~/.aws.
    const dir = dirname(/The spec is (\S+)\.$/m.exec(r.stdout)![1]!);
    expect(existsSync(join(dir, 'aws', 'sso', 'cache', tokenCachePath('acme').split('/').pop()!))).toBe(true);
    expect(existsSync(tokenCachePath('acme'))).toBe(homeTokenBefore);
  }, 60_000);
});
