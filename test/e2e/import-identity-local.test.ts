import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnableAWSServiceAccessCommand } from '@aws-sdk/client-organizations';
import { CreateGroupCommand, CreateGroupMembershipCommand, CreateUserCommand } from '@aws-sdk/client-identitystore';
import {
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  ListInstancesCommand,
  PutInlinePolicyToPermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { RecordingIoHost } from '../../src/core/events.js';
import { identityOf, organizationTree } from '../../src/model/observed.js';
import { apply } from '../../src/toolkit/apply.js';
import { importSpec } from '../../src/toolkit/import.js';
import { init } from '../../src/toolkit/init.js';
import { plan } from '../../src/toolkit/plan.js';
import { refresh, refreshAll } from '../../src/toolkit/refresh.js';
import { freshLocalCloud } from './local-connection.js';
import { identityStoreOf, ssoAdminOf } from '../../src/providers/aws/identity-center/clients.js';

describe('import of an Identity Center set up by hand', () => {
  let env: Awaited<ReturnType<typeof freshLocalCloud>>;
  beforeAll(async () => {
    env = await freshLocalCloud();
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('import, then plan: no changes but the one assignment the import warned about', async () => {
    const io = new RecordingIoHost();
    const original = join(env.dir, 'org.yaml');
    init({ template: 'growth', file: original });
    // The organization without identity: Bulkhead does not touch Identity Center.
    const text = readFileSync(original, 'utf8');
    writeFileSync(original, text.slice(0, text.indexOf('\nidentity:\n') + 1).replace(/\n\s+owner: \w+/g, ''));
    expect((await apply({ yes: true, file: original, connection: env.connection, io })).failed).toEqual([]);

    // By hand, as in the console: trusted access, then users, groups, permission sets and assignments.
    const { clients } = env.connection;
    clients.useHomeRegion('eu-west-1');
    await clients.organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    const instance = (await ssoAdminOf(clients).send(new ListInstancesCommand({}))).Instances![0]!;
    const InstanceArn = instance.InstanceArn!;
    const IdentityStoreId = instance.IdentityStoreId!;
    const user = await identityStoreOf(clients).send(
      new CreateUserCommand({
        IdentityStoreId,
        UserName: 'carol',
        DisplayName: 'Carol C',
        Name: { GivenName: 'Carol', FamilyName: 'C' },
        Emails: [{ Value: 'carol@example.com', Primary: true }],
      }),
    );
    const group = await identityStoreOf(clients).send(
      new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Builders', Description: 'Builds things' }),
    );
    await identityStoreOf(clients).send(
      new CreateGroupMembershipCommand({
        IdentityStoreId,
        GroupId: group.GroupId!,
        MemberId: { UserId: user.UserId! },
      }),
    );
    const power = await ssoAdminOf(clients).send(
      new CreatePermissionSetCommand({ InstanceArn, Name: 'Build', SessionDuration: 'PT4H' }),
    );
    await ssoAdminOf(clients).send(
      new AttachManagedPolicyToPermissionSetCommand({
        InstanceArn,
        PermissionSetArn: power.PermissionSet!.PermissionSetArn!,
        ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
      }),
    );
    const look = await ssoAdminOf(clients).send(new CreatePermissionSetCommand({ InstanceArn, Name: 'Look' }));
    await ssoAdminOf(clients).send(
      new PutInlinePolicyToPermissionSetCommand({
        InstanceArn,
        PermissionSetArn: look.PermissionSet!.PermissionSetArn!,
        InlinePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
        }),
      }),
    );
    const state0 = await refresh(env.connection, io, { identity: true, homeRegion: 'eu-west-1' });
    const idOf = (name: string) => state0.account.find((a) => a.name === name)!.id;
    const assign = async (account: string, permissionSetArn: string, type: 'GROUP' | 'USER', id: string) => {
      const r = await ssoAdminOf(clients).send(
        new CreateAccountAssignmentCommand({
          InstanceArn,
          TargetId: account,
          TargetType: 'AWS_ACCOUNT',
          PermissionSetArn: permissionSetArn,
          PrincipalType: type,
          PrincipalId: id,
        }),
      );
      for (let i = 0; i < 200; i++) {
        const s = await ssoAdminOf(clients).send(
          new DescribeAccountAssignmentCreationStatusCommand({
            InstanceArn,
            AccountAssignmentCreationRequestId: r.AccountAssignmentCreationStatus!.RequestId!,
          }),
        );
        if (s.AccountAssignmentCreationStatus?.Status !== 'IN_PROGRESS') {
          expect(s.AccountAssignmentCreationStatus?.Status).toBe('SUCCEEDED');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const buildArn = power.PermissionSet!.PermissionSetArn!;
    const lookArn = look.PermissionSet!.PermissionSetArn!;
    await assign(idOf('acme-dev'), buildArn, 'GROUP', group.GroupId!);
    await assign(idOf('acme-prod'), lookArn, 'GROUP', group.GroupId!);
    await assign(idOf('acme-sandbox-alice'), buildArn, 'USER', user.UserId!);
    // Does not fit the grid: an assignment in the management account.
    await assign(env.cloud.managementAccountId, lookArn, 'GROUP', group.GroupId!);

    const state = await refresh(env.connection, io, { identity: true, homeRegion: 'eu-west-1' });
    const imported = importSpec(organizationTree(state), { homeRegion: 'eu-west-1' }, identityOf(state));
    expect(imported.warnings).toEqual([
      expect.stringMatching(/^assignment not imported: group Builders has Look in the management account /),
    ]);
    const file = join(env.dir, 'imported.yaml');
    writeFileSync(file, imported.text);
    expect(imported.text).toContain('inlinePolicy:');
    const validation = await validateSpecFile(file);
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const after = await plan({ file, connection: env.connection, io });
    expect(after.plan.problems).toEqual([]);
    // Everything the grid could express plans clean; the one warned assignment is what the plan would remove.
    expect(after.plan.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([
      expect.stringMatching(/^delete account-assignment management\+\d+@[^/]+\/GROUP:Builders\/Look$/),
    ]);
    expect(imported.text).toMatch(/sandbox-alice:\n\s+kind: sandbox\n\s+owner: carol/);
  }, 60_000);

  // Runs after the test above, which enabled Identity Center in eu-west-1 while the target's region is another.
  it('without a home region, finds the Region that has the instance and reads it there', async () => {
    const { clients } = env.connection;
    clients.useHomeRegion('us-east-1');
    const io = new RecordingIoHost();
    const state = await refreshAll(env.connection, io);
    expect(state['identity-center'].map((c) => c.region)).toEqual(['eu-west-1']);
    expect(state['sso-user'].map((u) => u.userName)).toContain('carol');
    expect(
      io.events.filter((e) => e.code === 'refresh.identity-region').map((e) => ('message' in e ? e.message : '')),
    ).toEqual(['IAM Identity Center found in eu-west-1']);
  });
});
