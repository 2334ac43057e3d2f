import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

describe('bulkhead demo', () => {
  it('plans, applies and re-plans the growth template on a fresh local cloud', async () => {
    const r = await runCli(['demo', '--fast']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Plan: 52 to create, 3 to attach\./);
    expect(r.stderr).toMatch(/No changes: the organization matches the spec\./);
    expect(r.stdout).toMatch(/demo finished in [\d.]+s: 55 changes applied, 0 left/);
    // Who can do what where, from the identity the demo applied: developers write in dev, only read in prod.
    expect(r.stderr).toMatch(/who can do what where, with identity from IAM Identity Center/);
    expect(r.stderr).toMatch(/Developers in dev +s3:GetObject yes · s3:PutObject yes · dynamodb:DeleteTable yes/);
    expect(r.stderr).toMatch(
      /Developers in prod +s3:GetObject yes · s3:PutObject no · dynamodb:DeleteTable no · iam:CreateRole no {2}\[production\]/,
    );
    expect(r.stdout).toMatch(/Workloads\/ {2}\[scp: deny-iam-users\]/);
    expect(r.stdout).toMatch(/acme-prod \d{12} prod ACTIVE/);
  }, 60_000);
});
