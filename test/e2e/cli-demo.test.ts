import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

describe('bulkhead demo', () => {
  it('plans, applies and re-plans the growth template on a fresh local cloud', async () => {
    const r = await runCli(['demo', '--fast']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Plan: 52 to create, 3 to attach\./);
    expect(r.stderr).toMatch(/No changes: the organization matches the spec\./);
    expect(r.stdout).toMatch(/demo finished in [\d.]+s: 55 changes applied, 0 left/);
    expect(r.stdout).toMatch(/Workloads\/ {2}\[scp: deny-iam-users\]/);
    expect(r.stdout).toMatch(/acme-prod \d{12} prod ACTIVE/);
  }, 60_000);
});
