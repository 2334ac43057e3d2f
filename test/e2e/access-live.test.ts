import { join } from 'node:path';
import { DetachPolicyCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { refreshOrganization } from '../../src/providers/aws/refresh.js';
import { apply } from '../../src/toolkit/apply.js';
import { init } from '../../src/toolkit/init.js';
import { runCli } from '../cli/run-cli.js';
import { freshLocalCloud } from './local-connection.js';

interface CanAnswer {
  allowed: boolean;
  accounts: { account: string; accountId: string; grants: { result: { decision: string; decidedBy?: { layer: string; policy: string } } }[] }[];
}

describe('bulkhead access --from live', () => {
  let env: Awaited<ReturnType<typeof freshLocalCloud>>;
  let file: string;
  const saved = { id: process.env['AWS_ACCESS_KEY_ID'], secret: process.env['AWS_SECRET_ACCESS_KEY'] };
  beforeAll(async () => {
    env = await freshLocalCloud();
    file = join(env.dir, 'org.yaml');
    init({ template: 'growth', file });
    expect((await apply({ file, connection: env.connection, io: new RecordingIoHost(), pollDelayMs: () => 20 })).failed).toEqual([]);
    process.env['AWS_ACCESS_KEY_ID'] = env.cloud.credentials.accessKeyId;
    process.env['AWS_SECRET_ACCESS_KEY'] = env.cloud.credentials.secretAccessKey;
  });
  afterAll(async () => {
    for (const [k, v] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await env.connection.close();
    await env.cloud.close();
  });

  const can = async (from: 'spec' | 'live') => {
    const r = await runCli(['access', 'can', '-f', file, '--from', from, '--endpoint', env.cloud.endpoint, '--principal', 'Ops', '--environment', 'prod', '--action', 'iam:CreateUser', '--json']);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as CanAnswer;
  };

  it('answers on the real account ids and the SCPs as they are attached now', async () => {
    const observed = await refreshOrganization(env.connection.clients.organizations);
    const prodId = observed.accounts.find((a) => a.name === 'acme-prod')!.id;
    const live = await can('live');
    expect(live.allowed).toBe(false);
    expect(live.accounts[0]).toMatchObject({ account: 'acme-prod', accountId: prodId });
    expect(live.accounts[0]!.grants[0]!.result).toMatchObject({ decision: 'explicit-deny', decidedBy: { layer: 'scp', policy: 'deny-iam-users' } });

    // Someone detaches the guardrail by hand: the live answer follows, the spec's does not.
    const scp = observed.policies.find((p) => p.name === 'deny-iam-users')!;
    await env.connection.clients.organizations.send(new DetachPolicyCommand({ PolicyId: scp.id, TargetId: scp.targetIds[0]! }));
    const after = await can('live');
    expect(after.accounts[0]!.grants[0]!.result.decision).toBe('implicit-deny'); // PowerUserAccess grants no iam:CreateUser
    expect((await can('spec')).accounts[0]!.grants[0]!.result).toMatchObject({ decision: 'explicit-deny', decidedBy: { policy: 'deny-iam-users' } });
  });
});
