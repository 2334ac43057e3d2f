import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
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
