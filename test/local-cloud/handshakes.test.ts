import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AcceptHandshakeCommand,
  CancelHandshakeCommand,
  CreateOrganizationCommand,
  DeclineHandshakeCommand,
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  LeaveOrganizationCommand,
  ListAccountsCommand,
  DeregisterDelegatedAdministratorCommand,
  EnableAWSServiceAccessCommand,
  InviteAccountToOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListHandshakesForAccountCommand,
  ListHandshakesForOrganizationCommand,
  RegisterDelegatedAdministratorCommand,
  RemoveAccountFromOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';

describe('invitations (handshakes)', () => {
  let h: Harness;
  let invitee: { accountId: string; clients: ReturnType<Harness['clientsFor']> };
  beforeEach(async () => {
    h = await startHarness();
    await h.org.send(new CreateOrganizationCommand({}));
    const created = await h.cloud.createStandaloneAccount({ email: 'invitee@example.com', name: 'invitee' });
    invitee = { accountId: created.accountId, clients: h.clientsFor(created.credentials) };
  });
  afterEach(async () => h.stop());

  const invite = async () =>
    (
      await h.org.send(
        new InviteAccountToOrganizationCommand({
          Target: { Id: invitee.accountId, Type: 'ACCOUNT' },
          Notes: 'join us',
        }),
      )
    ).Handshake;

  it('invites, lets the invitee accept, and joins it as INVITED without the access role', async () => {
    const hs = await invite();
    expect(hs?.Id).toMatch(/^h-[a-z0-9]{10}$/);
    expect(hs).toMatchObject({ State: 'OPEN', Action: 'INVITE' });
    expect(hs?.Parties).toContainEqual({ Id: invitee.accountId, Type: 'ACCOUNT' });
    expect(hs?.Resources).toContainEqual({ Type: 'NOTES', Value: 'join us' });
    const dup = await awsError(() => invite());
    expect(dup.name).toBe('DuplicateHandshakeException');
    const mine = await invitee.clients.org.send(new ListHandshakesForAccountCommand({}));
    expect(mine.Handshakes?.map((x) => x.Id)).toEqual([hs?.Id]);
    const accepted = await invitee.clients.org.send(new AcceptHandshakeCommand({ HandshakeId: hs?.Id }));
    expect(accepted.Handshake?.State).toBe('ACCEPTED');
    const account = await h.org.send(new DescribeAccountCommand({ AccountId: invitee.accountId }));
    expect(account.Account).toMatchObject({ JoinedMethod: 'INVITED', Status: 'ACTIVE' });
    const roles = await invitee.clients.iam.send(new ListRolesCommand({}));
    expect(roles.Roles).toEqual([]);
    const again = await awsError(() => invitee.clients.org.send(new AcceptHandshakeCommand({ HandshakeId: hs?.Id })));
    expect(again.name).toBe('HandshakeAlreadyInStateException');
    const member = await awsError(() => invite());
    expect(member).toMatchObject({
      name: 'HandshakeConstraintViolationException',
      Reason: 'ALREADY_IN_AN_ORGANIZATION',
    });
  });

  it('lets the invitee decline and the management account cancel', async () => {
    const first = await invite();
    await invitee.clients.org.send(new DeclineHandshakeCommand({ HandshakeId: first?.Id }));
    const second = await invite();
    const canceled = await h.org.send(new CancelHandshakeCommand({ HandshakeId: second?.Id }));
    expect(canceled.Handshake?.State).toBe('CANCELED');
    const all = await h.org.send(new ListHandshakesForOrganizationCommand({}));
    expect(all.Handshakes?.map((x) => x.State).sort()).toEqual(['CANCELED', 'DECLINED']);
    const late = await awsError(() =>
      invitee.clients.org.send(new AcceptHandshakeCommand({ HandshakeId: second?.Id })),
    );
    expect(late.name).toBe('InvalidHandshakeTransitionException');
  });

  it('counts open invitations against the account quota', async () => {
    await h.stop();
    h = await startHarness({ quotas: 'aws-default', quotaOverrides: { maxAccounts: 2 } });
    await h.org.send(new CreateOrganizationCommand({}));
    const a = await h.cloud.createStandaloneAccount({ email: 'a@example.com', name: 'a' });
    const b = await h.cloud.createStandaloneAccount({ email: 'b@example.com', name: 'b' });
    await h.org.send(new InviteAccountToOrganizationCommand({ Target: { Id: a.accountId, Type: 'ACCOUNT' } }));
    const over = await awsError(() =>
      h.org.send(new InviteAccountToOrganizationCommand({ Target: { Id: b.accountId, Type: 'ACCOUNT' } })),
    );
    expect(over).toMatchObject({
      name: 'HandshakeConstraintViolationException',
      Reason: 'ACCOUNT_NUMBER_LIMIT_EXCEEDED',
    });
  });
});

describe('delegated administrators', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.org.send(new CreateOrganizationCommand({}));
  });
  afterEach(async () => h.stop());

  it('requires trusted access, refuses the management account, and blocks removal while registered', async () => {
    const created = await h.cloud.createStandaloneAccount({ email: 'sec@example.com', name: 'security' });
    const hs = await h.org.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: 'sec@example.com', Type: 'EMAIL' } }),
    );
    await h.clientsFor(created.credentials).org.send(new AcceptHandshakeCommand({ HandshakeId: hs.Handshake?.Id }));
    const sp = 'guardduty.amazonaws.com';
    const before = await awsError(() =>
      h.org.send(new RegisterDelegatedAdministratorCommand({ AccountId: created.accountId, ServicePrincipal: sp })),
    );
    expect(before).toMatchObject({ name: 'ConstraintViolationException', Reason: 'SERVICE_ACCESS_NOT_ENABLED' });
    await h.org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: sp }));
    const mgmt = await awsError(() =>
      h.org.send(
        new RegisterDelegatedAdministratorCommand({ AccountId: h.cloud.managementAccountId, ServicePrincipal: sp }),
      ),
    );
    expect(mgmt).toMatchObject({ Reason: 'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR' });
    await h.org.send(new RegisterDelegatedAdministratorCommand({ AccountId: created.accountId, ServicePrincipal: sp }));
    const dup = await awsError(() =>
      h.org.send(new RegisterDelegatedAdministratorCommand({ AccountId: created.accountId, ServicePrincipal: sp })),
    );
    expect(dup.name).toBe('AccountAlreadyRegisteredException');
    const listed = await h.org.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: sp }));
    expect(listed.DelegatedAdministrators?.map((d) => d.Id)).toEqual([created.accountId]);
    expect(listed.DelegatedAdministrators?.[0]?.DelegationEnabledDate).toBeInstanceOf(Date);
    const remove = await awsError(() =>
      h.org.send(new RemoveAccountFromOrganizationCommand({ AccountId: created.accountId })),
    );
    expect(remove).toMatchObject({ Reason: 'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG' });
    await h.org.send(
      new DeregisterDelegatedAdministratorCommand({ AccountId: created.accountId, ServicePrincipal: sp }),
    );
    expect((await h.org.send(new ListDelegatedAdministratorsCommand({}))).DelegatedAdministrators).toEqual([]);
  });
});

describe('member accounts', () => {
  let h: Harness;
  afterEach(async () => h.stop());

  it('may describe their organization but not manage it', async () => {
    h = await startHarness();
    const created = await h.org.send(new CreateOrganizationCommand({}));
    const member = await h.cloud.createStandaloneAccount({ email: 'm@example.com', name: 'm' });
    const clients = h.clientsFor(member.credentials);
    const hs = await h.org.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: member.accountId, Type: 'ACCOUNT' } }),
    );
    await clients.org.send(new AcceptHandshakeCommand({ HandshakeId: hs.Handshake?.Id }));
    const described = await clients.org.send(new DescribeOrganizationCommand({}));
    expect(described.Organization?.Id).toBe(created.Organization?.Id);
    expect(await awsError(() => clients.org.send(new ListAccountsCommand({})))).toMatchObject({
      name: 'AccessDeniedException',
    });
    await clients.org.send(new LeaveOrganizationCommand({}));
    expect(await awsError(() => clients.org.send(new DescribeOrganizationCommand({})))).toMatchObject({
      name: 'AWSOrganizationsNotInUseException',
    });
  });
});
