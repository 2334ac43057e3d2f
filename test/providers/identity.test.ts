import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { startHarness } from '../local-cloud/helpers.js';
import { createClients } from '../../src/providers/aws/clients.js';
import {
  checkTarget,
  describeIdentity,
  identifyTarget,
  type TargetIdentity,
} from '../../src/providers/aws/identity.js';
import { cloudWithMember } from './member-account.js';

describe('identifyTarget', () => {
  let env: Awaited<ReturnType<typeof cloudWithMember>>;
  beforeAll(async () => {
    env = await cloudWithMember();
  });
  afterAll(async () => env.stop());

  it('names the caller, its account, the organization and its management account', async () => {
    const identity = await identifyTarget(env.clients);
    expect(identity).toEqual({
      callerArn: `arn:aws:iam::${env.managementId}:root`,
      accountId: env.managementId,
      organizationId: expect.stringMatching(/^o-[a-z0-9]{10,32}$/),
      managementAccountId: env.managementId,
    });
    expect(checkTarget(identity)).toBeUndefined();
    expect(checkTarget(identity, env.managementId)).toBeUndefined();
    expect(describeIdentity(identity)).toBe(
      `caller arn:aws:iam::${env.managementId}:root in account ${env.managementId}; organization ${identity.organizationId} (management account ${env.managementId})`,
    );
  });

  it('refuses a caller inside a member account', async () => {
    const member = await env.clients.forAccount(env.memberId);
    const identity = await identifyTarget({ sts: member.sts, organizations: member.client(OrganizationsClient) });
    expect(identity.accountId).toBe(env.memberId);
    expect(identity.managementAccountId).toBe(env.managementId);
    const problem = checkTarget(identity);
    expect(problem?.code).toBe('target-not-management-account');
    expect(problem?.message).toContain(
      `member account ${env.memberId}, not in the management account ${env.managementId}`,
    );
    expect(problem?.hint).toContain(env.managementId);
  });

  it('an account without an organization is an answer, not an error', async () => {
    const h = await startHarness();
    const clients = createClients(
      { kind: 'local', endpoint: h.cloud.endpoint, region: h.cloud.region, credentials: h.cloud.credentials },
      { maxAttempts: 1 },
    );
    try {
      const identity = await identifyTarget(clients);
      expect(identity.organizationId).toBeUndefined();
      expect(identity.managementAccountId).toBeUndefined();
      expect(describeIdentity(identity)).toMatch(/in account \d{12}; no organization yet$/);
      expect(checkTarget(identity, identity.accountId)).toBeUndefined();
    } finally {
      clients.destroy();
      await h.stop();
    }
  });
});

describe('checkTarget against the spec’s managementAccount.id (as Terraform’s allowed_account_ids)', () => {
  const inOrg: TargetIdentity = {
    callerArn: 'arn:aws:sts::111111111111:assumed-role/Admin/alice',
    accountId: '111111111111',
    organizationId: 'o-abcdefghij',
    managementAccountId: '111111111111',
  };
  const alone: TargetIdentity = { callerArn: 'arn:aws:iam::333333333333:user/bob', accountId: '333333333333' };

  it.each([
    ['the same management account', inOrg, '111111111111', undefined],
    ['no id in the spec', inOrg, undefined, undefined],
    ['another organization', inOrg, '222222222222', 'target-wrong-organization'],
    ['no organization yet, the spec’s account', alone, '333333333333', undefined],
    ['no organization yet, another account', alone, '222222222222', 'target-wrong-account'],
    ['no organization yet, no id in the spec', alone, undefined, undefined],
  ])('%s', (_name, identity, expected, code) => {
    expect(checkTarget(identity, expected)?.code).toBe(code);
  });

  it('says which organization and account differ, and what to change', () => {
    const problem = checkTarget(inOrg, '222222222222');
    expect(problem?.message).toBe(
      "the target's organization o-abcdefghij has management account 111111111111, but the spec's managementAccount.id is 222222222222",
    );
    expect(problem?.hint).toMatch(/--target, --endpoint and --profile, or correct managementAccount\.id/);
  });
});
