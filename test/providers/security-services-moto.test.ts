import { CreateAccountCommand, CreateOrganizationCommand } from '@aws-sdk/client-organizations';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { address } from '../../src/model/kinds.js';
import type { SecurityService } from '../../src/model/audit.js';
import { AGGREGATOR_ROLE_NAME, AGGREGATOR_ROLE_POLICY, readConfig } from '../../src/providers/aws/config/aggregator.js';
import { guardDutyAdmins, readGuardDuty } from '../../src/providers/aws/guardduty/organization.js';
import { delegatedAdministratorProvider } from '../../src/providers/aws/organizations/delegated-administrator.js';
import { delegatedAdminsOf } from '../../src/providers/aws/organizations/delegated-admins.js';
import type { ApplyContext } from '../../src/providers/aws/provider.js';
import { readSecurityHub } from '../../src/providers/aws/securityhub/organization.js';
import { securityServiceProvider } from '../../src/providers/aws/security-services.js';
import type { KindChange } from '../../src/plan/types.js';
import { connect, type Connection } from '../../src/toolkit/connect.js';
import { startMoto, type MotoServer } from '../support/fidelity/moto-server.js';
import { Durations } from '../../src/providers/aws/durations.js';

// The security providers through the SDK against moto, for the calls moto implements: Organizations delegated
// administrators, GuardDuty's admin accounts, Security Hub's hub, Config aggregators
// and IAM. (moto has no GuardDuty organization configuration and no Security Hub admin-account list.)

let moto: MotoServer;
let connection: Connection;
let memberId: string;

const ctx = (): ApplyContext => ({
  clients: connection.clients,
  resolve: (ref) => ref.id!,
  awaitRef: async (ref) => ref.id!,
  durations: new Durations(),
  progress: () => {},
  sleep: async () => {},
  pollDelayMs: () => 0,
  pollSlot: async () => {},
  releaseLane: () => {},
  signal: new AbortController().signal,
});

const account = () => ({ address: address('account', 'aws+security@example.com'), id: memberId });

function adminChange(service: SecurityService, servicePrincipal: string, action: 'create' | 'delete') {
  return {
    id: `x:${servicePrincipal}`,
    kind: 'delegated-administrator',
    key: servicePrincipal,
    action,
    label: servicePrincipal,
    properties: [],
    payload:
      action === 'create'
        ? { action, service, servicePrincipal, account: account(), accountName: 'acme-security' }
        : { action, service, servicePrincipal, accountId: memberId },
    dependsOn: [],
    destructive: action === 'delete',
  } as KindChange<'delegated-administrator'>;
}

function serviceChange(service: SecurityService, autoEnable: boolean): KindChange<'security-service'> {
  return {
    id: `security-service:${service}`,
    kind: 'security-service',
    key: service,
    action: 'create',
    label: service,
    properties: [],
    payload: {
      action: 'create',
      service,
      account: account(),
      accountName: 'acme-security',
      autoEnable,
      ...(service === 'config' ? { aggregatorName: 'organization' } : {}),
    },
    dependsOn: [],
    destructive: false,
  };
}

beforeAll(async () => {
  // AWSConfigRoleForOrganizations is an AWS managed policy: moto knows them only when asked to load them.
  vi.stubEnv('MOTO_IAM_LOAD_MANAGED_POLICIES', 'true');
  moto = await startMoto();
  vi.stubEnv('AWS_ACCESS_KEY_ID', moto.credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', moto.credentials.secretAccessKey);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  connection = await connect({ endpoint: moto.endpoint });
  const org = connection.clients.organizations;
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const created = await org.send(
    new CreateAccountCommand({ AccountName: 'acme-security', Email: 'aws+security@example.com' }),
  );
  memberId = created.CreateAccountStatus!.AccountId!;
}, 60_000);

afterAll(async () => {
  await connection?.close();
  await moto?.stop();
  vi.unstubAllEnvs();
});

describe('delegated administrators against moto', () => {
  // moto's list of delegable principals lacks config.amazonaws.com (AWS has it); the Organizations calls are the same.
  it('registers a Config principal through Organizations, twice without error, and deregisters it', async () => {
    const org = connection.clients.organizations;
    const p = 'config-multiaccountsetup.amazonaws.com';
    await delegatedAdministratorProvider.apply(adminChange('config', p, 'create'), ctx());
    await delegatedAdministratorProvider.apply(adminChange('config', p, 'create'), ctx());
    expect(await delegatedAdminsOf(org, p)).toEqual([memberId]);
    await delegatedAdministratorProvider.apply(adminChange('config', p, 'delete'), ctx());
    await delegatedAdministratorProvider.apply(adminChange('config', p, 'delete'), ctx());
    expect(await delegatedAdminsOf(org, p)).toEqual([]);
  });

  it("enables GuardDuty's administrator from the management account in the home region, once", async () => {
    await delegatedAdministratorProvider.apply(adminChange('guardduty', 'guardduty.amazonaws.com', 'create'), ctx());
    await delegatedAdministratorProvider.apply(adminChange('guardduty', 'guardduty.amazonaws.com', 'create'), ctx());
    const gd = connection.clients.inHomeRegion(GuardDutyClient);
    expect(await gd.config.region()).toBe('eu-west-1');
    expect(await guardDutyAdmins(gd)).toEqual([memberId]);
  });
});

describe('security services in the admin account against moto', () => {
  // moto keeps Security Hub's organization configuration per account, so the admin account never sees the
  // management account's designation: UpdateOrganizationConfiguration is left to the local cloud's end to end.
  it('Security Hub: not subscribed reads as not enabled', async () => {
    const member = await connection.clients.forAccount(memberId);
    const hub = member.client(SecurityHubClient, 'eu-west-1');
    expect(await readSecurityHub(hub, memberId)).toEqual({
      service: 'securityhub',
      accountId: memberId,
      enabled: false,
    });
  });

  it('Config: the aggregator role (trust + managed policy) and an organization aggregator over all Regions', async () => {
    const member = await connection.clients.forAccount(memberId);
    const config = member.client(ConfigServiceClient, 'eu-west-1');
    expect((await readConfig(config, memberId)).enabled).toBe(false);
    await securityServiceProvider.apply(serviceChange('config', true), ctx());
    await securityServiceProvider.apply(serviceChange('config', true), ctx());
    expect(await readConfig(config, memberId)).toEqual({
      service: 'config',
      accountId: memberId,
      enabled: true,
      aggregators: [
        {
          name: 'organization',
          allAwsRegions: true,
          roleArn: `arn:aws:iam::${memberId}:role/${AGGREGATOR_ROLE_NAME}`,
        },
      ],
    });
    const attached = await member
      .client(IAMClient)
      .send(new ListAttachedRolePoliciesCommand({ RoleName: AGGREGATOR_ROLE_NAME }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([AGGREGATOR_ROLE_POLICY]);
  });

  it('GuardDuty without a detector reads as not enabled', async () => {
    const member = await connection.clients.forAccount(memberId);
    expect(await readGuardDuty(member.client(GuardDutyClient, 'eu-west-1'), memberId)).toEqual({
      service: 'guardduty',
      accountId: memberId,
      enabled: false,
    });
  });
});
