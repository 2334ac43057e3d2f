import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { LocalCloudCredentials } from '../../../src/local-cloud/index.js';
import { eventually, startHarness, type Harness } from '../helpers.js';

export interface CeHarness extends Harness {
  ce: CostExplorerClient;
  ceFor(credentials: LocalCloudCredentials & { sessionToken?: string }): CostExplorerClient;
}

export async function startCeHarness(costSeed = 'ce-tests'): Promise<CeHarness> {
  const h = await startHarness({ costSeed });
  const ceFor = (credentials: LocalCloudCredentials & { sessionToken?: string }) =>
    new CostExplorerClient({
      endpoint: h.cloud.endpoint,
      region: 'us-east-1',
      credentials: { ...credentials },
      maxAttempts: 1,
    });
  return { ...h, ce: ceFor(h.cloud.credentials), ceFor };
}

/** Creates an organization and the named accounts (tagged `environment: <env>` when given); returns their ids. */
export async function makeOrganization(
  h: Harness,
  accounts: { name: string; environment?: string }[],
): Promise<string[]> {
  await h.org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const ids: string[] = [];
  for (const a of accounts) {
    const r = await h.org.send(new CreateAccountCommand({ AccountName: a.name, Email: `${a.name}@example.com` }));
    const id = await eventually(async () => {
      const s = await h.org.send(
        new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: r.CreateAccountStatus!.Id! }),
      );
      return s.CreateAccountStatus?.AccountId;
    });
    if (a.environment !== undefined)
      await h.org.send(
        new TagResourceCommand({ ResourceId: id, Tags: [{ Key: 'environment', Value: a.environment }] }),
      );
    ids.push(id);
  }
  return ids;
}

/** Credentials of a member account, through its OrganizationAccountAccessRole. */
export async function memberCredentials(h: Harness, accountId: string) {
  const r = await h.sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
      RoleSessionName: 'ce-test',
    }),
  );
  const c = r.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The current UTC day and month boundaries, as the local cloud sees them. */
export function calendar(now = Date.now()) {
  const d = new Date(now);
  const month = (offset: number): string => iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
  return { today: iso(Math.floor(now / DAY_MS) * DAY_MS), month, dayAfter: (n: number) => iso(now + n * DAY_MS) };
}
