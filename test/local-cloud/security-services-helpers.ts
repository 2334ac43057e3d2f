import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import * as O from '@aws-sdk/client-organizations';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { Harness } from './helpers.js';
import { eventually, startHarness } from './helpers.js';

export type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export interface SecurityClients {
  guardduty: GuardDutyClient;
  securityhub: SecurityHubClient;
  config: ConfigServiceClient;
  org: O.OrganizationsClient;
}

/** An organization (all features) with a security account and an app account, and clients into each. */
export interface SecurityOrg {
  h: Harness;
  mgmt: string;
  security: string;
  app: string;
  securityCreds: Creds;
  appCreds: Creds;
  clients(credentials: Creds, region?: string): SecurityClients;
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
        RoleSessionName: 'ops',
      }),
    )
  ).Credentials;
  return {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  };
}

export async function startSecurityOrg(): Promise<SecurityOrg> {
  const h = await startHarness({ timeScale: 0 });
  await h.org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const security = await createAccount(h, 'security');
  const app = await createAccount(h, 'app');
  const clients = (credentials: Creds, region = h.cloud.region): SecurityClients => {
    const config = { endpoint: h.cloud.endpoint, region, credentials: { ...credentials }, maxAttempts: 1 };
    return {
      guardduty: new GuardDutyClient(config),
      securityhub: new SecurityHubClient(config),
      config: new ConfigServiceClient(config),
      org: new O.OrganizationsClient(config),
    };
  };
  return {
    h,
    mgmt: h.cloud.managementAccountId,
    security,
    app,
    securityCreds: await assume(h, security),
    appCreds: await assume(h, app),
    clients,
  };
}
