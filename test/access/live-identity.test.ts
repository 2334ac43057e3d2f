import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveActionSelection, type ActionInfo } from '../../src/access/action-info.js';
import { liveIdentity, withLiveIdentity } from '../../src/access/live-identity.js';
import { computeMatrix, ALLOWED, NO_ACCESS } from '../../src/access/matrix.js';
import { canQuery, whoCanQuery } from '../../src/access/org-queries.js';
import { accessOrgFromLive, type AccessOrg } from '../../src/access/org-view.js';
import { PermissionSetResolver } from '../../src/access/permission-set-policies.js';
import type { ObservedAccount, ObservedOrg } from '../../src/model/observed.js';
import type { ObservedIdentity, ObservedPermissionSet } from '../../src/model/observed-identity.js';
import type { OrgModel } from '../../src/model/organization.js';
import { liveAccessOrg, loadModel } from '../../src/toolkit/access-source.js';
import { awsManagedPolicies } from '../../src/toolkit/managed-policies.js';

const GROWTH = join(import.meta.dirname, '..', 'cases', 'access-spec', 'growth', 'org.yaml');

const account = (id: string, name: string, environment?: string): ObservedAccount => ({
  id,
  arn: `arn:aws:organizations::111111111111:account/o-abc123defg/${id}`,
  name,
  email: `${name}@example.com`,
  status: 'ACTIVE',
  parentId: 'r-ab12',
  tags: environment === undefined ? {} : { environment },
});

// Two dev accounts, two prod accounts, one account without an environment tag or spec name.
const tree: ObservedOrg = {
  organization: { id: 'o-abc123defg', arn: '', managementAccountId: '111111111111', featureSet: 'ALL' },
  root: { id: 'r-ab12', arn: '', enabledPolicyTypes: ['SERVICE_CONTROL_POLICY'], tags: {} },
  organizationalUnits: [],
  accounts: [
    account('111111111111', 'acme-management'),
    account('222222222221', 'dev-a', 'dev'),
    account('222222222222', 'dev-b', 'dev'),
    account('333333333331', 'prod-a', 'prod'),
    account('333333333332', 'prod-b', 'prod'),
  ],
  policies: [
    {
      id: 'p-FullAWSAccess',
      arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
      name: 'FullAWSAccess',
      description: '',
      awsManaged: true,
      // As refresh reports it: the content of AWS's own FullAWSAccess is not read.
      content: '',
      tags: {},
      targetIds: ['r-ab12', '111111111111', '222222222221', '222222222222', '333333333331', '333333333332'],
    },
  ],
  pendingCreates: [],
};

const ps = (name: string, parts: Partial<ObservedPermissionSet>): ObservedPermissionSet => ({
  arn: `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${name.toLowerCase()}`,
  name,
  sessionDuration: 'PT4H',
  tags: { 'managed-by': 'bulkhead' },
  managedPolicies: [],
  customerManagedPolicies: [],
  provisionedAccountIds: [],
  ...parts,
});

const PS_POWER = ps('LivePower', { managedPolicies: ['PowerUserAccess'] });
const PS_VIEW = ps('LiveView', { managedPolicies: ['job-function/ViewOnlyAccess'] });
const PS_TABLES = ps('LiveTables', {
  inlinePolicy:
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:DeleteTable","Resource":"*"}]}',
});

const identity: ObservedIdentity = {
  center: {
    instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
    identityStoreId: 'd-1234567890',
    ownerAccountId: '111111111111',
    region: 'eu-west-1',
  },
  users: [
    { userId: 'u-carol', userName: 'carol', email: 'carol@example.com' },
    { userId: 'u-dave', userName: 'dave', email: 'dave@example.com' },
  ],
  groups: [{ groupId: 'g-builders', name: 'Builders' }],
  memberships: [
    { membershipId: 'm-1', groupId: 'g-builders', groupName: 'Builders', userId: 'u-carol', userName: 'carol' },
  ],
  permissionSets: [PS_POWER, PS_VIEW, PS_TABLES],
  assignments: [
    // Builders: power in both dev accounts (the whole environment), view in prod-a only.
    ...['222222222221', '222222222222'].map((accountId) => ({
      accountId,
      permissionSetArn: PS_POWER.arn,
      permissionSetName: PS_POWER.name,
      principalType: 'GROUP' as const,
      principalId: 'g-builders',
      principalName: 'Builders',
    })),
    {
      accountId: '333333333331',
      permissionSetArn: PS_VIEW.arn,
      permissionSetName: PS_VIEW.name,
      principalType: 'GROUP',
      principalId: 'g-builders',
    },
    // dave (in no group): a direct USER assignment in prod-b.
    {
      accountId: '333333333332',
      permissionSetArn: PS_TABLES.arn,
      permissionSetName: PS_TABLES.name,
      principalType: 'USER',
      principalId: 'u-dave',
      principalName: 'dave',
    },
    // An account that left the organization, and one hosting no environment.
    {
      accountId: '999999999999',
      permissionSetArn: PS_POWER.arn,
      permissionSetName: PS_POWER.name,
      principalType: 'GROUP',
      principalId: 'g-builders',
    },
    {
      accountId: '111111111111',
      permissionSetArn: PS_POWER.arn,
      permissionSetName: PS_POWER.name,
      principalType: 'GROUP',
      principalId: 'g-builders',
    },
  ],
  pending: [],
};

let model: OrgModel;
let org: AccessOrg;
let resolver: PermissionSetResolver;
let actions: Map<string, ActionInfo>;

beforeAll(async () => {
  model = await loadModel(GROWTH);
  org = withLiveIdentity(accessOrgFromLive(tree, model), identity);
  resolver = new PermissionSetResolver(org.identity, awsManagedPolicies());
  const selected = await resolveActionSelection(['s3:PutObject', 's3:ListBucket', 'dynamodb:DeleteTable'], []);
  actions = new Map(selected.actions.map((a) => [a.action, a]));
});

const ask = (principal: { kind: 'group' | 'user'; name: string }, environment: string, action: string) =>
  canQuery(org, resolver, principal, environment, { action: actions.get(action)!, region: 'eu-west-1' });

const allowedIn = (answer: ReturnType<typeof ask>) => answer.accounts.filter((a) => a.allowed).map((a) => a.account);

describe('identity from IAM Identity Center', () => {
  it('replaces the spec identity: users, groups with members, permission sets in spec terms', () => {
    expect(org.identitySource).toBe('identity-center');
    expect([...org.identity.users.keys()]).toEqual(['carol', 'dave']);
    expect(org.identity.groups.get('Builders')?.members).toEqual(['carol']);
    expect(org.identity.groups.has('Developers')).toBe(false);
    expect(org.identity.permissionSets.get('LiveView')?.managedPolicies).toEqual([
      'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
    ]);
    expect(org.identity.permissionSets.get('LiveTables')?.inlinePolicy).toMatchObject({ Version: '2012-10-17' });
    // Managed policies resolve through the AWS managed policy catalogue, path included.
    expect(resolver.get('LiveView')?.identityPolicies.map((p) => p.name)).toEqual(['ViewOnlyAccess']);
    expect(resolver.problems).toEqual([]);
  });

  it('rebuilds grant rows per environment; a grant seen in some accounts only names them', () => {
    expect(org.identity.assignments).toEqual([
      { environment: 'dev', permissionSet: 'LivePower', group: 'Builders' },
      { environment: 'prod', permissionSet: 'LiveView', group: 'Builders', accounts: ['prod-a'] },
      { environment: 'prod', permissionSet: 'LiveTables', user: 'dave', accounts: ['prod-b'] },
    ]);
  });

  it('an assignment to one account of an environment is access to that account only', () => {
    expect(allowedIn(ask({ kind: 'group', name: 'Builders' }, 'dev', 's3:PutObject'))).toEqual(['dev-a', 'dev-b']);
    expect(allowedIn(ask({ kind: 'group', name: 'Builders' }, 'prod', 's3:ListBucket'))).toEqual(['prod-a']);
    expect(allowedIn(ask({ kind: 'group', name: 'Builders' }, 'prod', 's3:PutObject'))).toEqual([]);
    // A member gets her group's grants.
    expect(allowedIn(ask({ kind: 'user', name: 'carol' }, 'prod', 's3:ListBucket'))).toEqual(['prod-a']);
  });

  it('a direct USER assignment is a way in for that user, in that account', () => {
    const answer = ask({ kind: 'user', name: 'dave' }, 'prod', 'dynamodb:DeleteTable');
    expect(allowedIn(answer)).toEqual(['prod-b']);
    expect(answer.accounts.find((a) => a.account === 'prod-b')?.grants[0]).toMatchObject({
      permissionSet: 'LiveTables',
      user: 'dave',
    });
    expect(answer.accounts.find((a) => a.account === 'prod-b')?.grants[0]?.group).toBeUndefined();
    const who = whoCanQuery(org, resolver, ['prod'], {
      action: actions.get('dynamodb:DeleteTable')!,
      region: 'eu-west-1',
    });
    expect(who.allowed.map((e) => [e.principal.name, e.account, e.group, e.ownerOnly])).toEqual([
      ['dave', 'prod-b', undefined, undefined],
    ]);
  });

  it('the matrix row of a group counts only the accounts its grants hold in', () => {
    const data = computeMatrix(org, resolver, [actions.get('s3:ListBucket')!], { region: 'eu-west-1' });
    const row = (environment: string) =>
      data.rows.find((r) => r.group === 'Builders' && r.environment === environment)!;
    expect(row('prod').statuses[0]).toBe(ALLOWED);
    expect(row('prod').grants).toEqual([{ group: 'Builders', permissionSet: 'LiveView', accounts: ['prod-a'] }]);
    expect(row('staging-qa').statuses[0]).toBe(NO_ACCESS);
  });

  it('says where identity came from, and what it left out', () => {
    expect(org.notes[0]).toBe(
      'identity (2 users, 1 group, 3 permission sets, 6 account assignments) comes from IAM Identity Center (ssoins-1234567890abcdef in eu-west-1), not the spec',
    );
    expect(org.notes).toContain(
      'IAM Identity Center has assignments to 1 account not active in the organization (999999999999); they are left out',
    );
    expect(org.notes).toContain('assignments to accounts that host no environment are left out: acme-management');
    expect(org.notes).toContain('2 grants hold in some accounts of an environment only; answers are per account');
  });

  it('an inline policy that is not JSON is named, not evaluated', () => {
    const broken = { ...identity, permissionSets: [{ ...PS_TABLES, inlinePolicy: '{not json' }] };
    const { identity: out, notes } = liveIdentity(broken, org);
    expect(out.permissionSets.get('LiveTables')?.inlinePolicy).toBeUndefined();
    expect(notes).toContain('the inline policy of permission set LiveTables is not JSON; it is not evaluated');
  });

  it('no Identity Center instance: a clear error, not an empty answer', () => {
    const { center: _none, ...without } = identity;
    expect(() => liveAccessOrg(tree, without, model, 'local cloud at http://x')).toThrow(
      expect.objectContaining({
        code: 'no-identity-center',
        message:
          'the local cloud at http://x has no IAM Identity Center instance in eu-west-1, so there is no live identity to answer from',
      }),
    );
  });
});
