import { DetachPolicyCommand } from '@aws-sdk/client-organizations';
import {
  CreateAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  ListInstancesCommand,
  ListPermissionSetsCommand,
  DescribePermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { GetGroupIdCommand } from '@aws-sdk/client-identitystore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshOrganization } from '../../src/providers/aws/organizations/reader.js';
import { runCli } from '../cli/run-cli.js';
import { cloudWithTemplate } from './local-connection.js';
import { identityStoreOf, ssoAdminOf } from '../../src/providers/aws/identity-center/clients.js';

interface CanAnswer {
  allowed: boolean;
  accounts: {
    account: string;
    accountId: string;
    grants: { result: { decision: string; decidedBy?: { layer: string; policy: string } } }[];
  }[];
}

describe('bulkhead access --from live', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  let file: string;
  beforeAll(async () => {
    env = await cloudWithTemplate('growth');
    file = env.file;
    env.useCredentials();
  });
  afterAll(async () => {
    await env.stop();
  });

  const can = async (from: 'spec' | 'live', principal = 'Ops', action = 'iam:CreateUser') => {
    const r = await runCli([
      'access',
      'can',
      '-f',
      file,
      '--from',
      from,
      '--endpoint',
      env.cloud.endpoint,
      '--principal',
      principal,
      '--environment',
      'prod',
      '--action',
      action,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as CanAnswer & { identity: string; notes: string[] };
  };

  it('answers on the real account ids and the SCPs as they are attached now', async () => {
    const observed = await refreshOrganization(env.connection.clients.organizations);
    const prodId = observed.accounts.find((a) => a.name === 'acme-prod')!.id;
    const live = await can('live');
    expect(live.allowed).toBe(false);
    expect(live.accounts[0]).toMatchObject({ account: 'acme-prod', accountId: prodId });
    expect(live.accounts[0]!.grants[0]!.result).toMatchObject({
      decision: 'explicit-deny',
      decidedBy: { layer: 'scp', policy: 'guardrails-ou-workloads' },
    });

    // Someone detaches the guardrail by hand: the live answer follows, the spec's does not.
    const scp = observed.policies.find((p) => p.name === 'guardrails-ou-workloads')!;
    await env.connection.clients.organizations.send(
      new DetachPolicyCommand({ PolicyId: scp.id, TargetId: scp.targetIds[0]! }),
    );
    const after = await can('live');
    expect(after.accounts[0]!.grants[0]!.result.decision).toBe('implicit-deny'); // PowerUserAccess grants no iam:CreateUser
    expect((await can('spec')).accounts[0]!.grants[0]!.result).toMatchObject({
      decision: 'explicit-deny',
      decidedBy: { policy: 'guardrails-ou-workloads' },
    });
  });

  it('takes identity from IAM Identity Center: an assignment made by hand counts, in its account', async () => {
    const { clients } = env.connection;
    clients.useHomeRegion('eu-west-1');
    const spec = await can('spec', 'Developers', 's3:PutObject');
    expect(spec.allowed).toBe(false); // the spec gives Developers ReadOnly in prod
    const instance = (await ssoAdminOf(clients).send(new ListInstancesCommand({}))).Instances![0]!;
    const InstanceArn = instance.InstanceArn!;
    const arns = (await ssoAdminOf(clients).send(new ListPermissionSetsCommand({ InstanceArn }))).PermissionSets!;
    const names = await Promise.all(
      arns.map(async (arn) => {
        const d = await ssoAdminOf(clients).send(
          new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn: arn }),
        );
        return [d.PermissionSet!.Name!, arn] as const;
      }),
    );
    const powerUser = names.find(([n]) => n === 'PowerUser')![1];
    const { GroupId } = await identityStoreOf(clients).send(
      new GetGroupIdCommand({
        IdentityStoreId: instance.IdentityStoreId!,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: 'Developers' } },
      }),
    );
    const observed = await refreshOrganization(clients.organizations);
    const prodId = observed.accounts.find((a) => a.name === 'acme-prod')!.id;
    const r = await ssoAdminOf(clients).send(
      new CreateAccountAssignmentCommand({
        InstanceArn,
        TargetId: prodId,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: powerUser,
        PrincipalType: 'GROUP',
        PrincipalId: GroupId!,
      }),
    );
    for (let i = 0; i < 200; i++) {
      const s = await ssoAdminOf(clients).send(
        new DescribeAccountAssignmentCreationStatusCommand({
          InstanceArn,
          AccountAssignmentCreationRequestId: r.AccountAssignmentCreationStatus!.RequestId!,
        }),
      );
      if (s.AccountAssignmentCreationStatus?.Status !== 'IN_PROGRESS') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const live = await can('live', 'Developers', 's3:PutObject');
    expect(live.identity).toBe('identity-center');
    expect(live.notes[0]).toMatch(/^identity \(.*account assignments\) comes from IAM Identity Center \(ssoins-/);
    expect(live.allowed).toBe(true);
    expect(live.accounts.map((a) => a.account)).toEqual(['acme-prod']);
    expect((await can('spec', 'Developers', 's3:PutObject')).allowed).toBe(false);
  });
});
