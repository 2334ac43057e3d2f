import { afterEach, describe, expect, it } from 'vitest';
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  EnablePolicyTypeCommand,
  ListAccountsForParentCommand,
  ListCreateAccountStatusCommand,
  ListRootsCommand,
  MoveAccountCommand,
  RemoveAccountFromOrganizationCommand,
} from '@aws-sdk/client-organizations';
import type { CreateAccountStatus } from '@aws-sdk/client-organizations';
import { closeAccountQuota } from '../../src/local-cloud/services/organizations/accounts.js';
import type { Harness } from './helpers.js';
import { awsError, eventually, startHarness } from './helpers.js';

let h: Harness;
afterEach(async () => h.stop());

async function setup(options: Parameters<typeof startHarness>[0] = {}): Promise<string> {
  h = await startHarness(options);
  await h.org.send(new CreateOrganizationCommand({}));
  return (await h.org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
}

async function settle(id: string): Promise<CreateAccountStatus> {
  return eventually(async () => {
    const s = (await h.org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id })))
      .CreateAccountStatus;
    return s?.State === 'IN_PROGRESS' ? undefined : s;
  });
}

async function createAccount(email: string, name = email.split('@')[0] ?? 'x'): Promise<CreateAccountStatus> {
  const started = await h.org.send(new CreateAccountCommand({ Email: email, AccountName: name }));
  return settle(started.CreateAccountStatus?.Id ?? '');
}

describe('CreateAccount', () => {
  it('is asynchronous: IN_PROGRESS first, then SUCCEEDED with an account id', async () => {
    await setup({ fast: false, timeScale: 0.05 }); // 150 ms
    const started = await h.org.send(
      new CreateAccountCommand({ Email: 'dev@example.com', AccountName: 'dev', Tags: [{ Key: 'env', Value: 'dev' }] }),
    );
    const status = started.CreateAccountStatus;
    expect(status?.State).toBe('IN_PROGRESS');
    expect(status?.Id).toMatch(/^car-[0-9a-f]{32}$/);
    expect(status?.AccountId).toBeUndefined();
    expect(status?.RequestedTimestamp).toBeInstanceOf(Date);
    const done = await settle(status?.Id ?? '');
    expect(done.State).toBe('SUCCEEDED');
    expect(done.AccountId).toMatch(/^\d{12}$/);
    expect(done.CompletedTimestamp).toBeInstanceOf(Date);
    const account = await h.org.send(new DescribeAccountCommand({ AccountId: done.AccountId }));
    expect(account.Account).toMatchObject({
      Email: 'dev@example.com',
      Name: 'dev',
      Status: 'ACTIVE',
      JoinedMethod: 'CREATED',
    });
    const listed = await h.org.send(new ListCreateAccountStatusCommand({ States: ['SUCCEEDED'] }));
    expect(listed.CreateAccountStatuses?.map((s) => s.Id)).toEqual([status?.Id]);
  });

  it('fails with EMAIL_ALREADY_EXISTS for a taken email', async () => {
    await setup();
    expect((await createAccount('a@example.com')).State).toBe('SUCCEEDED');
    const second = await createAccount('A@example.com', 'again');
    expect(second).toMatchObject({ State: 'FAILED', FailureReason: 'EMAIL_ALREADY_EXISTS' });
  });

  it('with aws-default quotas, fails the eleventh account with ACCOUNT_LIMIT_EXCEEDED', async () => {
    await setup({ quotas: 'aws-default' });
    for (let i = 1; i <= 9; i++) expect((await createAccount(`acct${i}@example.com`)).State).toBe('SUCCEEDED');
    const over = await createAccount('acct10@example.com');
    expect(over).toMatchObject({ State: 'FAILED', FailureReason: 'ACCOUNT_LIMIT_EXCEEDED' });
  });

  it('refuses a sixth concurrent creation with TooManyRequestsException', async () => {
    await setup({ fast: false, timeScale: 1 });
    for (let i = 0; i < 5; i++)
      await h.org.send(new CreateAccountCommand({ Email: `c${i}@example.com`, AccountName: `c${i}` }));
    const err = await awsError(() =>
      h.org.send(new CreateAccountCommand({ Email: 'c5@example.com', AccountName: 'c5' })),
    );
    expect(err).toMatchObject({ name: 'TooManyRequestsException', status: 400 });
  });

  it('validates the email and name', async () => {
    await setup();
    const bad = await awsError(() => h.org.send(new CreateAccountCommand({ Email: 'not-an-email', AccountName: 'x' })));
    expect(bad).toMatchObject({ name: 'InvalidInputException', Reason: 'INVALID_PATTERN' });
    const long = await awsError(() =>
      h.org.send(new CreateAccountCommand({ Email: 'ok@example.com', AccountName: 'x'.repeat(51) })),
    );
    expect(long).toMatchObject({ name: 'InvalidInputException', Reason: 'MAX_LENGTH_EXCEEDED' });
  });
});

describe('accounts in the tree', () => {
  it('moves accounts between parents with AWS errors for wrong sources and duplicates', async () => {
    const rootId = await setup();
    const id = (await createAccount('m@example.com')).AccountId ?? '';
    const ou =
      (await h.org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Apps' }))).OrganizationalUnit
        ?.Id ?? '';
    await h.org.send(new MoveAccountCommand({ AccountId: id, SourceParentId: rootId, DestinationParentId: ou }));
    const inOu = await h.org.send(new ListAccountsForParentCommand({ ParentId: ou }));
    expect(inOu.Accounts?.map((a) => a.Id)).toEqual([id]);
    const wrongSource = await awsError(() =>
      h.org.send(new MoveAccountCommand({ AccountId: id, SourceParentId: rootId, DestinationParentId: ou })),
    );
    expect(wrongSource.name).toBe('AccountNotFoundException');
    const same = await awsError(() =>
      h.org.send(new MoveAccountCommand({ AccountId: id, SourceParentId: ou, DestinationParentId: ou })),
    );
    expect(same.name).toBe('DuplicateAccountException');
    const noDest = await awsError(() =>
      h.org.send(
        new MoveAccountCommand({
          AccountId: id,
          SourceParentId: ou,
          DestinationParentId: `ou-${rootId.slice(2)}-aaaaaaaa`,
        }),
      ),
    );
    expect(noDest.name).toBe('DestinationParentNotFoundException');
  });

  it('closes accounts: ACTIVE → PENDING_CLOSURE → SUSPENDED, never the management account', async () => {
    await setup();
    const id = (await createAccount('close@example.com')).AccountId ?? '';
    await h.org.send(new CloseAccountCommand({ AccountId: id }));
    const after = await eventually(async () => {
      const a = (await h.org.send(new DescribeAccountCommand({ AccountId: id }))).Account;
      return a?.Status === 'SUSPENDED' ? a : undefined;
    });
    expect(after.State).toBe('CLOSED');
    const again = await awsError(() => h.org.send(new CloseAccountCommand({ AccountId: id })));
    expect(again.name).toBe('AccountAlreadyClosedException');
    const mgmt = await awsError(() => h.org.send(new CloseAccountCommand({ AccountId: h.cloud.managementAccountId })));
    expect(mgmt).toMatchObject({ name: 'ConstraintViolationException', Reason: 'CANNOT_CLOSE_MANAGEMENT_ACCOUNT' });
  });

  it('follows the current closure quota: the higher of 250 or 20% of member accounts, at most 1,000, per 30 days', async () => {
    expect([0, 11, 1250, 1251, 2000, 4999, 5000, 10_000].map(closeAccountQuota)).toEqual([
      250, 250, 250, 250, 400, 999, 1000, 1000,
    ]);
    await setup();
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push((await createAccount(`q${i}@example.com`)).AccountId ?? '');
    // The former quota (10% of members, at least 10) refused the eleventh closure.
    for (const id of ids) await h.org.send(new CloseAccountCommand({ AccountId: id }));
    const states = await Promise.all(ids.map((id) => h.org.send(new DescribeAccountCommand({ AccountId: id }))));
    expect(states.every((s) => s.Account?.Status !== 'ACTIVE')).toBe(true);
  });

  it('needs all features to close accounts or enable policy types', async () => {
    h = await startHarness();
    await h.org.send(new CreateOrganizationCommand({ FeatureSet: 'CONSOLIDATED_BILLING' }));
    const rootId = (await h.org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
    const id = (await createAccount('cb@example.com')).AccountId ?? '';
    const close = await awsError(() => h.org.send(new CloseAccountCommand({ AccountId: id })));
    expect(close).toMatchObject({
      name: 'ConstraintViolationException',
      Reason: 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
    });
    const enable = await awsError(() =>
      h.org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })),
    );
    expect(enable).toMatchObject({ Reason: 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE' });
  });

  it('removes member accounts, not the management account', async () => {
    await setup();
    const id = (await createAccount('leave@example.com')).AccountId ?? '';
    await h.org.send(new RemoveAccountFromOrganizationCommand({ AccountId: id }));
    expect((await awsError(() => h.org.send(new DescribeAccountCommand({ AccountId: id })))).name).toBe(
      'AccountNotFoundException',
    );
    const mgmt = await awsError(() =>
      h.org.send(new RemoveAccountFromOrganizationCommand({ AccountId: h.cloud.managementAccountId })),
    );
    expect(mgmt.name).toBe('MasterCannotLeaveOrganizationException');
  });
});
