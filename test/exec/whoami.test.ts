import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeArn } from '../../src/toolkit/whoami.js';
import { ensureBuilt } from '../support/e2e/built-cli.js';
import { cloudWithTemplate } from '../e2e/local-connection.js';
import { cliEnv, execArgs, freshHome, runBuilt, WHOAMI_JSON } from './exec-cli.js';

describe('whoami: the parts of a caller ARN', () => {
  it('reads the permission set from an Identity Center role and the user from the session name', () => {
    expect(
      describeArn('arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_PowerUser_0123456789abcdef/alice'),
    ).toEqual({
      permissionSet: 'PowerUser',
      role: 'AWSReservedSSO_PowerUser_0123456789abcdef',
      user: 'alice',
    });
    expect(describeArn('arn:aws:sts::123456789012:assumed-role/deploy/ci-run-7')).toEqual({
      permissionSet: null,
      role: 'deploy',
      user: 'ci-run-7',
    });
    expect(describeArn('arn:aws:iam::123456789012:user/ops/ci')).toEqual({
      permissionSet: null,
      role: null,
      user: 'ci',
    });
    expect(describeArn('arn:aws:iam::123456789012:root')).toEqual({ permissionSet: null, role: null, user: 'root' });
  });
});

describe('bulkhead whoami against the local cloud', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  let vars: NodeJS.ProcessEnv;
  let management: string;
  let dev: string;
  beforeAll(async () => {
    ensureBuilt();
    env = await cloudWithTemplate('startup');
    vars = cliEnv(freshHome().home, {
      AWS_ACCESS_KEY_ID: env.cloud.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: env.cloud.credentials.secretAccessKey,
    });
    const { refresh } = await import('../../src/toolkit/refresh.js');
    const observed = await refresh(env.connection, { notify() {} });
    management = observed.organization[0]!.managementAccountId;
    dev = observed.account.find((a) => a.name === 'acme-dev')!.id;
  }, 120_000);
  afterAll(async () => {
    await env.stop();
  });

  it('says the management account with static keys: validity unknown', async () => {
    const r = await runBuilt(['whoami', '--endpoint', env.cloud.endpoint], vars);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^organization +o-\\w+ \\(management account ${management}\\)$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^account +\\S+ ${management} \\(management account\\)$`, 'm'));
    expect(r.stdout).toMatch(/^valid +unknown \(long-term keys do not say\)$/m);
  });

  it('--json inside exec: the environment, the account, the role and how long the session lasts', async () => {
    const r = await runBuilt(execArgs(env.file, env.cloud.endpoint, 'dev', WHOAMI_JSON), vars);
    expect(r.code, r.stderr).toBe(0);
    const who = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(who).toMatchObject({
      environment: 'dev',
      account: { id: dev, management: false },
      permissionSet: null,
      role: 'OrganizationAccountAccessRole',
    });
    expect(who['user']).toMatch(/^bulkhead-/);
    expect(who['expiresInSeconds']).toBeGreaterThan(3000);
    expect(who['expiresInSeconds']).toBeLessThanOrEqual(3600);
    expect(Date.parse(who['expiresAt'] as string)).toBeGreaterThan(Date.now());
  });
});
