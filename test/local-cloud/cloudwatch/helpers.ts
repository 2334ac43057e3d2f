import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import * as O from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { Harness } from '../helpers.js';
import { eventually, startHarness } from '../helpers.js';

export type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** An organization with a production and a development account, and CloudWatch clients into each. */
export interface UsageOrg {
  h: Harness;
  prod: string;
  dev: string;
  cw(account: 'prod' | 'dev' | 'mgmt'): CloudWatchClient;
  creds: Record<'prod' | 'dev', Creds>;
}

async function createAccount(h: Harness, name: string): Promise<string> {
  const id =
    (await h.org.send(new O.CreateAccountCommand({ Email: `${name}@example.com`, AccountName: name })))
      .CreateAccountStatus?.Id ?? '';
  return eventually(async () => {
    const s = (await h.org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id })))
      .CreateAccountStatus;
    return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
  });
}

async function assume(h: Harness, account: string): Promise<Creds> {
  const c = (
    await h.sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'usage',
      }),
    )
  ).Credentials;
  return {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken,
  };
}

export async function startUsageOrg(): Promise<UsageOrg> {
  const h = await startHarness({ timeScale: 0 });
  await h.org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const prod = await createAccount(h, 'acme-prod');
  const dev = await createAccount(h, 'acme-dev');
  const creds = { prod: await assume(h, prod), dev: await assume(h, dev) };
  const client = (credentials: Creds) =>
    new CloudWatchClient({
      endpoint: h.cloud.endpoint,
      region: h.cloud.region,
      credentials: { ...credentials },
      maxAttempts: 1,
    });
  return {
    h,
    prod,
    dev,
    creds,
    cw: (account) => client(account === 'mgmt' ? h.cloud.credentials : creds[account]),
  };
}

/** POST the load-test control route, as `bulkhead local load` does. */
export async function load(
  h: Harness,
  body: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${h.cloud.endpoint}/_bulkhead/usage/load`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export const LAMBDA = { namespace: 'AWS/Lambda', name: 'ConcurrentExecutions', dimensions: {}, statistic: 'Maximum' };
export const EC2_VCPU = {
  namespace: 'AWS/Usage',
  name: 'ResourceCount',
  dimensions: { Service: 'EC2', Type: 'Resource', Resource: 'vCPU', Class: 'Standard/OnDemand' },
  statistic: 'Maximum',
};
