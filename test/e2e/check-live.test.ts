import { DetachPolicyCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshOrganization } from '../../src/providers/aws/organizations/reader.js';
import { runCli } from '../cli/run-cli.js';
import { cloudWithTemplate } from './local-connection.js';

interface Report {
  source: string;
  score: number;
  failed: boolean;
  rules: { id: string; status: string; reason?: string }[];
  findings: { rule: string; severity: string; subject: { type: string; name: string } }[];
}

describe('bulkhead check --from live', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  beforeAll(async () => {
    env = await cloudWithTemplate('growth');
    env.useCredentials();
  });
  afterAll(async () => {
    await env.stop();
  });

  const check = async () => {
    const r = await runCli(['check', '-f', env.file, '--from', 'live', '--endpoint', env.cloud.endpoint, '--json']);
    return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
  };

  it('checks the applied organization, says what it cannot see, and follows a guardrail detached by hand', async () => {
    const before = await check();
    expect(before.report.source).toBe('live');
    const status = (r: Report, id: string) => r.rules.find((x) => x.id === id);
    // The trail and the security services are not read by refresh yet: not checkable, not guessed.
    expect(status(before.report, 'trail-enabled')).toMatchObject({ status: 'not-checkable' });
    expect(status(before.report, 'trail-enabled')!.reason).toMatch(/not checkable live/);
    // What apply created is what the spec said: the baseline guardrails hold in every workload account.
    expect(status(before.report, 'guardrails-baseline')!.status).toBe('pass');
    expect(status(before.report, 'workloads-in-management')!.status).toBe('pass');
    // Each sandbox's owner shows live as the one user Identity Center assigns to it (the ownerOnly grant).
    expect(before.report.findings.filter((f) => f.rule === 'sandbox-per-developer')).toEqual([]);
    expect(before.code, before.stderr).toBe(0);

    // Someone detaches every SCP from the root: the live check sees the organization unguarded.
    const observed = await refreshOrganization(env.connection.clients.organizations);
    const rootId = observed.root!.id;
    for (const p of observed.policies.filter((x) => !x.awsManaged && x.targetIds.includes(rootId)))
      await env.connection.clients.organizations.send(new DetachPolicyCommand({ PolicyId: p.id, TargetId: rootId }));
    const after = await check();
    expect(after.code).toBe(1);
    expect(after.report.failed).toBe(true);
    expect(
      after.report.findings.filter((f) => f.rule === 'guardrails-baseline' && f.severity === 'error').length,
    ).toBeGreaterThan(0);
    expect(after.report.score).toBeLessThan(before.report.score);
  }, 180_000);
});
