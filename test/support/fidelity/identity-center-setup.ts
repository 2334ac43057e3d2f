import * as O from '@aws-sdk/client-organizations';
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
