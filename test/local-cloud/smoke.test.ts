import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateOrganizationCommand, ListAccountsCommand, ListRootsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Harness } from './helpers.js';
import { startHarness } from './helpers.js';

describe('smoke', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('talks to the SDK', async () => {
    const id = await h.sts.send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe(h.cloud.managementAccountId);
    const org = await h.org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    expect(org.Organization?.Id).toMatch(/^o-[a-z0-9]{10}$/);
    const roots = await h.org.send(new ListRootsCommand({}));
    expect(roots.Roots?.[0]?.Id).toMatch(/^r-[a-z0-9]{4}$/);
    const accounts = await h.org.send(new ListAccountsCommand({}));
    expect(accounts.Accounts?.map((a) => a.Id)).toEqual([h.cloud.managementAccountId]);
    expect(accounts.Accounts?.[0]?.JoinedTimestamp).toBeInstanceOf(Date);
  });
});
