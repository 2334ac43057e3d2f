import { BudgetsClient } from '@aws-sdk/client-budgets';
import * as O from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { Harness } from '../helpers.js';
import { eventually, startHarness } from '../helpers.js';

export interface BudgetsOrg {
  h: Harness;
  mgmt: string;
  budgets: BudgetsClient;
  /** Member accounts by name. */
  accounts: Record<string, string>;
}

/** An organization whose members are created with the given names and `environment` tags. */
export async function startBudgetsOrg(members: { name: string; environment: string }[]): Promise<BudgetsOrg> {
  const h = await startHarness({ timeScale: 0, costSeed: 'budgets-test' });
  const org = (await h.org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization;
  const accounts: Record<string, string> = {};
  for (const m of members) {
    const id =
      (
        await h.org.send(
          new O.CreateAccountCommand({
            Email: `${m.name}@example.com`,
            AccountName: m.name,
            Tags: [{ Key: 'environment', Value: m.environment }],
          }),
        )
      ).CreateAccountStatus?.Id ?? '';
    accounts[m.name] = await eventually(async () => {
      const s = (await h.org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id })))
        .CreateAccountStatus;
      return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
    });
  }
  const budgets = new BudgetsClient({
    endpoint: h.cloud.endpoint,
    region: h.cloud.region,
    credentials: { ...h.cloud.credentials },
    maxAttempts: 1,
  });
  return { h, mgmt: org?.MasterAccountId ?? '', budgets, accounts };
}

/** A Budgets client signed as the OrganizationAccountAccessRole of a member account. */
export async function memberBudgets(o: BudgetsOrg, accountId: string): Promise<BudgetsClient> {
  const c = (
    await o.h.sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'budgets-test',
      }),
    )
  ).Credentials;
  return new BudgetsClient({
    endpoint: o.h.cloud.endpoint,
    region: o.h.cloud.region,
    credentials: {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    },
    maxAttempts: 1,
  });
}
