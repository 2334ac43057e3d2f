import { DetachPolicyCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshOrganization } from '../../src/providers/aws/organizations/reader.js';
import { runCli } from '../cli/run-cli.js';
import { cloudWithTemplate } from './local-connection.js';

interface CanAnswer {
  allowed: boolean;
  accounts: {
    account: string;
    accountId: string;
    grants: { result: { decision: string; decidedBy?: { layer: string; policy: string } } }[];
  }[];
}

describe('bulkhead access --from live', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  let file: string;
  beforeAll(async () => {
    env = await cloudWithTemplate('growth');
    file = env.file;
    env.useCredentials();
  });
  afterAll(async () => {
    await env.stop();
  });

  const can = async (from: 'spec' | 'live') => {
    const r = await runCli([
      'access',
      'can',
      '-f',
      file,
      '--from',
      from,
      '--endpoint',
      env.cloud.endpoint,
      '--principal',
      'Ops',
      '--environment',
      'prod',
      '--action',
      'iam:CreateUser',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as CanAnswer;
  };

  it('answers on the real account ids and the SCPs as they are attached now', async () => {
    const observed = await refreshOrganization(env.connection.clients.organizations);
    const prodId = observed.accounts.find((a) => a.name === 'acme-prod')!.id;
    const live = await can('live');
    expect(live.allowed).toBe(false);
    expect(live.accounts[0]).toMatchObject({ account: 'acme-prod', accountId: prodId });
    expect(live.accounts[0]!.grants[0]!.result).toMatchObject({
      decision: 'explicit-deny',
      decidedBy: { layer: 'scp', policy: 'deny-iam-users' },
    });

    // Someone detaches the guardrail by hand: the live answer follows, the spec's does not.
    const scp = observed.policies.find((p) => p.name === 'deny-iam-users')!;
    await env.connection.clients.organizations.send(
      new DetachPolicyCommand({ PolicyId: scp.id, TargetId: scp.targetIds[0]! }),
    );
    const after = await can('live');
    expect(after.accounts[0]!.grants[0]!.result.decision).toBe('implicit-deny'); // PowerUserAccess grants no iam:CreateUser
    expect((await can('spec')).accounts[0]!.grants[0]!.result).toMatchObject({
      decision: 'explicit-deny',
      decidedBy: { policy: 'deny-iam-users' },
    });
  });
});
