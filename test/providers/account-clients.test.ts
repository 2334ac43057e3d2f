import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ListRolesCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { connect } from '../../src/toolkit/connect.js';
import { cloudWithMember } from './member-account.js';

describe('clients for a member account (assumed role, cached, renewed)', () => {
  let env: Awaited<ReturnType<typeof cloudWithMember>>;
  let clock = Date.now();
  beforeAll(async () => {
    env = await cloudWithMember({ now: () => clock });
  });
  afterAll(async () => env.stop());

  it('acts inside the member account as OrganizationAccountAccessRole', async () => {
    const member = await env.clients.forAccount(env.memberId);
    expect(member.roleArn).toBe(`arn:aws:iam::${env.memberId}:role/OrganizationAccountAccessRole`);
    const me = await member.sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe(env.memberId);
    expect(me.Arn).toBe(`arn:aws:sts::${env.memberId}:assumed-role/OrganizationAccountAccessRole/bulkhead`);
    // Any other SDK client for the account, built once: the member's own IAM namespace.
    const iam = member.client(IAMClient);
    expect(member.client(IAMClient)).toBe(iam);
    const roles = await iam.send(new ListRolesCommand({}));
    expect(roles.Roles?.map((r) => r.Arn)).toContain(member.roleArn);
  });

  it('returns the same clients for the same account and role, and assumes once', async () => {
    const before = env.clients.calls.get('AssumeRole') ?? 0;
    const [a, b] = await Promise.all([env.clients.forAccount(env.memberId), env.clients.forAccount(env.memberId)]);
    expect(a).toBe(b);
    expect(a.sts).toBe(b.sts);
    await a.sts.send(new GetCallerIdentityCommand({}));
    expect(env.clients.calls.get('AssumeRole') ?? 0).toBe(before);
  });

  it('assumes the role again shortly before the session expires', async () => {
    const member = await env.clients.forAccount(env.memberId);
    const first = await member.credentials();
    const before = env.clients.calls.get('AssumeRole') ?? 0;
    clock = first.expiration.getTime() - 10 * 60_000; // still 10 minutes left: kept
    expect(await member.credentials()).toBe(first);
    clock = first.expiration.getTime() - 4 * 60_000; // inside the 5-minute margin: renewed
    const [renewed, again] = await Promise.all([member.credentials(), member.credentials()]);
    expect(renewed).toBe(again);
    expect(renewed.accessKeyId).not.toBe(first.accessKeyId);
    expect(env.clients.calls.get('AssumeRole')).toBe(before + 1);
    const me = await member.sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe(env.memberId);
  });

  it('can assume from given credentials, cached apart from the target’s', async () => {
    const fromKeys = await env.clients.forAccount(env.memberId, { from: env.h.cloud.credentials });
    expect(fromKeys).not.toBe(await env.clients.forAccount(env.memberId));
    expect((await fromKeys.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(env.memberId);
  });

  it('a role that cannot be assumed fails at forAccount and is not cached', async () => {
    await expect(env.clients.forAccount(env.memberId, { roleName: 'NoSuchRole' })).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    const before = env.clients.calls.get('AssumeRole') ?? 0;
    await expect(env.clients.forAccount(env.memberId, { roleName: 'NoSuchRole' })).rejects.toThrow();
    expect(env.clients.calls.get('AssumeRole')).toBe(before + 1);
    await expect(env.clients.forAccount('12345')).rejects.toMatchObject({ code: 'bad-account-id' });
  });

  it('works the same through an --endpoint connection with the default credential chain', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', env.h.cloud.credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', env.h.cloud.credentials.secretAccessKey);
    vi.stubEnv('AWS_PROFILE', undefined);
    const connection = await connect({ endpoint: env.h.cloud.endpoint, env: {} });
    try {
      const member = await connection.clients.forAccount(env.memberId);
      expect((await member.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(env.memberId);
    } finally {
      await connection.close();
      vi.unstubAllEnvs();
    }
  });
});
