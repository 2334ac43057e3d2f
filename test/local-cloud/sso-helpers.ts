import * as O from '@aws-sdk/client-organizations';
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import * as S from '@aws-sdk/client-sso-admin';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { LocalCloudOptions } from '../../src/local-cloud/index.js';
import type { Harness } from './helpers.js';
import { eventually, startHarness } from './helpers.js';

export interface SsoHarness extends Harness {
  sso: S.SSOAdminClient;
  ids: IdentitystoreClient;
  /** sso-admin and identitystore clients of the management account in another region. */
  regionClients(region: string): { sso: S.SSOAdminClient; ids: IdentitystoreClient };
  instanceArn: string;
  identityStoreId: string;
  member: string;
  /** Clients acting as a role of an account (assumed from the management account's root). */
  asRole(
    roleArn: string,
  ): Promise<{ iam: IAMClient; sso: S.SSOAdminClient; ids: IdentitystoreClient; org: O.OrganizationsClient }>;
}

/** An organization with one created member account, trusted access for sso.amazonaws.com, and its instance. */
export async function startSso(options: Partial<LocalCloudOptions> = {}): Promise<SsoHarness> {
  const h = await startHarness(options);
  await h.org.send(new O.CreateOrganizationCommand({}));
  const status = await h.org.send(new O.CreateAccountCommand({ AccountName: 'Dev', Email: 'dev@example.com' }));
  const member = await eventually(async () => {
    const s = await h.org.send(
      new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: status.CreateAccountStatus?.Id ?? '' }),
    );
    return s.CreateAccountStatus?.AccountId;
  }, 10_000);
  await h.org.send(new O.EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
  const clients = (region: string, credentials = h.cloud.credentials as object) => {
    const config = { endpoint: h.cloud.endpoint, region, credentials: { ...credentials } as never, maxAttempts: 1 };
    return {
      sso: new S.SSOAdminClient(config),
      ids: new IdentitystoreClient(config),
      iam: new IAMClient(config),
      org: new O.OrganizationsClient(config),
    };
  };
  const own = clients(h.cloud.region);
  const instance = (await own.sso.send(new S.ListInstancesCommand({}))).Instances?.[0];
  return {
    ...h,
    sso: own.sso,
    ids: own.ids,
    regionClients: (region) => clients(region),
    instanceArn: instance?.InstanceArn ?? '',
    identityStoreId: instance?.IdentityStoreId ?? '',
    member,
    asRole: async (roleArn) => {
      const c = (await h.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'test' }))).Credentials;
      return clients(h.cloud.region, {
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretAccessKey ?? '',
        sessionToken: c?.SessionToken ?? '',
      });
    },
  };
}
