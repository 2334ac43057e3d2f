import * as O from '@aws-sdk/client-organizations';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { Clients } from './sdk-clients.js';
import { poll, sdkClients } from './sdk-clients.js';

export interface Target {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/**
 * An all-features organization with one member account created through Organizations (polled until
 * SUCCEEDED), set up with the SDK because it is not what the Identity Center suites check. Trusted
 * access for sso.amazonaws.com is left to the suites: enabling it is part of their scenario.
 */
export async function organizationWithMember(target: Target, email = 'dev@example.com'): Promise<string> {
  const { org } = sdkClients(target.endpoint, target.region, target.credentials);
  await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const req =
    (await org.send(new O.CreateAccountCommand({ Email: email, AccountName: 'dev' }))).CreateAccountStatus?.Id ?? '';
  return poll('CreateAccount', async () => {
    const s = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: req })))
      .CreateAccountStatus;
    if (s?.State === 'FAILED') throw new Error(`CreateAccount failed: ${s.FailureReason ?? ''}`);
    return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
  });
}

/**
 * The management account's Identity Center after enabling trusted access (needs an organization):
 * the instance the local cloud creates on the first sso-admin call, and an identitystore client.
 */
export async function identityCenter(
  c: Clients,
  target: Target,
): Promise<{ identityStoreId: string; ids: IdentitystoreClient }> {
  await c.org.send(new O.EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
  const config = { endpoint: target.endpoint, region: target.region, credentials: target.credentials, maxAttempts: 1 };
  const sso = new SSOAdminClient(config);
  const instance = (await sso.send(new ListInstancesCommand({}))).Instances?.[0];
  return {
    identityStoreId: instance?.IdentityStoreId ?? '',
    ids: new IdentitystoreClient(config),
  };
}
