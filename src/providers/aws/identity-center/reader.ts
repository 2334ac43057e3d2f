import {
  ListGroupMembershipsCommand,
  ListGroupsCommand,
  ListUsersCommand,
  type IdentitystoreClient,
} from '@aws-sdk/client-identitystore';
import {
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListTagsForResourceCommand,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { emit, type IoHost } from '../../../core/events.js';
import type {
  ObservedAssignment,
  ObservedPermissionSet,
  ObservedSsoGroup,
  ObservedSsoUser,
  PendingAssignmentOp,
  PrincipalType,
} from '../../../model/observed-identity.js';
import type { ObservedState } from '../../../model/observed.js';
import type { AwsClients } from '../clients.js';
import { allPages, mapLimit } from '../paginate.js';
import type { ServiceReader } from '../provider.js';
import { errorName, findInstance } from './common.js';
import { identityStoreOf, ssoAdminOf } from './clients.js';

// sso-admin and identitystore list operations return at most 100 items per page.
const PAGE = 100;
const LIMIT = 8;

/** How the assignments were read: the cheaper of the two ways, by requests (pages aside). */
export interface AssignmentReadPlan {
  perAccountAndPermissionSet: number;
  perPrincipal: number;
  chosen: 'per-account-and-permission-set' | 'per-principal';
}

/**
 * ListAccountAssignments needs one call per (account × permission set provisioned to it);
 * ListAccountAssignmentsForPrincipal one per group and user. Both counts come from what was
 * already listed, so the choice costs nothing.
 */
export function assignmentReadPlan(
  permissionSets: readonly { provisionedAccountIds: readonly string[] }[],
  principals: number,
): AssignmentReadPlan {
  const perAccountAndPermissionSet = permissionSets.reduce((n, p) => n + p.provisionedAccountIds.length, 0);
  return {
    perAccountAndPermissionSet,
    perPrincipal: principals,
    chosen: perAccountAndPermissionSet <= principals ? 'per-account-and-permission-set' : 'per-principal',
  };
}

/** The `refresh.assignments` message: both counts and how each is counted, in plain ASCII (any locale shows it). */
export function assignmentReadMessage(plan: AssignmentReadPlan): string {
  return (
    `assignments read ${plan.chosen === 'per-principal' ? 'per principal' : 'per account and permission set'}: ` +
    `${plan.perPrincipal} ListAccountAssignmentsForPrincipal calls (groups + users) vs ` +
    `${plan.perAccountAndPermissionSet} ListAccountAssignments calls (one per permission set and account it is provisioned to)`
  );
}

const asPolicyName = (arn: string) => arn.slice(arn.indexOf(':policy/') + ':policy/'.length);

async function readStore(store: IdentitystoreClient, IdentityStoreId: string) {
  const [users, groups] = await Promise.all([
    allPages((NextToken) =>
      store
        .send(new ListUsersCommand({ IdentityStoreId, NextToken, MaxResults: PAGE }))
        .then((r) => ({ items: r.Users, next: r.NextToken })),
    ),
    allPages((NextToken) =>
      store
        .send(new ListGroupsCommand({ IdentityStoreId, NextToken, MaxResults: PAGE }))
        .then((r) => ({ items: r.Groups, next: r.NextToken })),
    ),
  ]);
  const ssoUsers: ObservedSsoUser[] = users.map((u) => {
    const email = u.Emails?.find((e) => e.Primary)?.Value ?? u.Emails?.[0]?.Value;
    return {
      userId: u.UserId!,
      userName: u.UserName ?? '',
      ...(email !== undefined ? { email } : {}),
      ...(u.DisplayName !== undefined ? { displayName: u.DisplayName } : {}),
      ...(u.Name?.GivenName !== undefined ? { givenName: u.Name.GivenName } : {}),
      ...(u.Name?.FamilyName !== undefined ? { familyName: u.Name.FamilyName } : {}),
    };
  });
  const ssoGroups: ObservedSsoGroup[] = groups.map((g) => ({
    groupId: g.GroupId!,
    name: g.DisplayName ?? '',
    ...(g.Description !== undefined ? { description: g.Description } : {}),
  }));
  const userName = new Map(ssoUsers.map((u) => [u.userId, u.userName]));
  const memberships = (
    await mapLimit(ssoGroups, LIMIT, async (g) => {
      const items = await allPages((NextToken) =>
        store
          .send(new ListGroupMembershipsCommand({ IdentityStoreId, GroupId: g.groupId, NextToken, MaxResults: PAGE }))
          .then((r) => ({ items: r.GroupMemberships, next: r.NextToken })),
      );
      return items
        .filter((m) => m.MemberId?.UserId !== undefined)
        .map((m) => ({
          membershipId: m.MembershipId!,
          groupId: g.groupId,
          groupName: g.name,
          userId: m.MemberId!.UserId!,
          userName: userName.get(m.MemberId!.UserId!) ?? m.MemberId!.UserId!,
        }));
    })
  ).flat();
  return { users: ssoUsers, groups: ssoGroups, memberships };
}

async function readPermissionSet(
  sso: SSOAdminClient,
  InstanceArn: string,
  arn: string,
): Promise<ObservedPermissionSet> {
  const base = { InstanceArn, PermissionSetArn: arn };
  const [described, managed, customer, inline, boundary, tags, accounts] = await Promise.all([
    sso.send(new DescribePermissionSetCommand(base)),
    allPages((NextToken) =>
      sso
        .send(new ListManagedPoliciesInPermissionSetCommand({ ...base, NextToken, MaxResults: PAGE }))
        .then((r) => ({ items: r.AttachedManagedPolicies, next: r.NextToken })),
    ),
    allPages((NextToken) =>
      sso
        .send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand({ ...base, NextToken, MaxResults: PAGE }))
        .then((r) => ({ items: r.CustomerManagedPolicyReferences, next: r.NextToken })),
    ),
    sso.send(new GetInlinePolicyForPermissionSetCommand(base)),
    sso.send(new GetPermissionsBoundaryForPermissionSetCommand(base)).catch((err: unknown) => {
      if (errorName(err) === 'ResourceNotFoundException') return undefined;
      throw err;
    }),
    allPages((NextToken) =>
      sso
        .send(new ListTagsForResourceCommand({ InstanceArn, ResourceArn: arn, NextToken }))
        .then((r) => ({ items: r.Tags, next: r.NextToken })),
    ),
    allPages((NextToken) =>
      sso
        .send(new ListAccountsForProvisionedPermissionSetCommand({ ...base, NextToken, MaxResults: PAGE }))
        .then((r) => ({ items: r.AccountIds, next: r.NextToken })),
    ),
  ]);
  const ps = described.PermissionSet!;
  const b = boundary?.PermissionsBoundary;
  const cmb = b?.CustomerManagedPolicyReference;
  return {
    arn,
    name: ps.Name ?? '',
    ...(ps.Description !== undefined ? { description: ps.Description } : {}),
    sessionDuration: ps.SessionDuration ?? 'PT1H',
    ...(ps.RelayState !== undefined ? { relayState: ps.RelayState } : {}),
    tags: Object.fromEntries(tags.map((t) => [t.Key!, t.Value ?? ''])),
    managedPolicies: managed.map((m) => asPolicyName(m.Arn!)).sort(),
    customerManagedPolicies: customer.map((c) => ({ name: c.Name!, path: c.Path ?? '/' })),
    ...(inline.InlinePolicy ? { inlinePolicy: inline.InlinePolicy } : {}),
    ...(b
      ? {
          permissionBoundary: b.ManagedPolicyArn
            ? { managedPolicy: asPolicyName(b.ManagedPolicyArn) }
            : { customerManagedPolicy: cmb?.Name ?? '', path: cmb?.Path ?? '/' },
        }
      : {}),
    provisionedAccountIds: accounts,
  };
}

/** Operations still running (and recent failures), read before the assignments: one that ends in between is seen as done. */
async function readPending(sso: SSOAdminClient, InstanceArn: string): Promise<PendingAssignmentOp[]> {
  const list = (operation: 'create' | 'delete', Status: 'IN_PROGRESS' | 'FAILED') =>
    allPages((NextToken) =>
      operation === 'create'
        ? sso
            .send(
              new ListAccountAssignmentCreationStatusCommand({
                InstanceArn,
                Filter: { Status },
                NextToken,
                MaxResults: PAGE,
              }),
            )
            .then((r) => ({ items: r.AccountAssignmentsCreationStatus, next: r.NextToken }))
        : sso
            .send(
              new ListAccountAssignmentDeletionStatusCommand({
                InstanceArn,
                Filter: { Status },
                NextToken,
                MaxResults: PAGE,
              }),
            )
            .then((r) => ({ items: r.AccountAssignmentsDeletionStatus, next: r.NextToken })),
    ).then((items) => items.map((s) => ({ operation, requestId: s.RequestId! })));
  const ops = (
    await Promise.all([list('create', 'IN_PROGRESS'), list('create', 'FAILED'), list('delete', 'IN_PROGRESS')])
  ).flat();
  // The listings give ids only: each operation is described for its account, principal and permission set.
  const described = await mapLimit(ops, LIMIT, async ({ operation, requestId }) =>
    operation === 'create'
      ? (
          await sso.send(
            new DescribeAccountAssignmentCreationStatusCommand({
              InstanceArn,
              AccountAssignmentCreationRequestId: requestId,
            }),
          )
        ).AccountAssignmentCreationStatus
      : (
          await sso.send(
            new DescribeAccountAssignmentDeletionStatusCommand({
              InstanceArn,
              AccountAssignmentDeletionRequestId: requestId,
            }),
          )
        ).AccountAssignmentDeletionStatus,
  );
  return ops.flatMap(({ operation }, i) => {
    const s = described[i];
    if (!s || (s.Status !== 'IN_PROGRESS' && s.Status !== 'FAILED')) return [];
    return [
      {
        requestId: s.RequestId!,
        operation,
        status: s.Status,
        accountId: s.TargetId ?? '',
        permissionSetArn: s.PermissionSetArn ?? '',
        principalType: (s.PrincipalType ?? 'GROUP') as PrincipalType,
        principalId: s.PrincipalId ?? '',
        ...(s.FailureReason !== undefined ? { failureReason: s.FailureReason } : {}),
      },
    ];
  });
}

async function readAssignments(
  sso: SSOAdminClient,
  InstanceArn: string,
  plan: AssignmentReadPlan,
  permissionSets: ObservedPermissionSet[],
  principals: { type: PrincipalType; id: string; name: string }[],
): Promise<ObservedAssignment[]> {
  const psName = new Map(permissionSets.map((p) => [p.arn, p.name]));
  const nameOf = new Map(principals.map((p) => [`${p.type}:${p.id}`, p.name]));
  const observed = (a: {
    AccountId?: string;
    PermissionSetArn?: string;
    PrincipalType?: string;
    PrincipalId?: string;
  }) => {
    const type = a.PrincipalType as PrincipalType;
    const name = nameOf.get(`${type}:${a.PrincipalId}`);
    return {
      accountId: a.AccountId!,
      permissionSetArn: a.PermissionSetArn!,
      permissionSetName: psName.get(a.PermissionSetArn!) ?? a.PermissionSetArn!,
      principalType: type,
      principalId: a.PrincipalId!,
      ...(name !== undefined ? { principalName: name } : {}),
    };
  };
  if (plan.chosen === 'per-account-and-permission-set') {
    const pairs = permissionSets.flatMap((p) =>
      p.provisionedAccountIds.map((AccountId) => ({ AccountId, arn: p.arn })),
    );
    const read = await mapLimit(pairs, LIMIT, ({ AccountId, arn }) =>
      allPages((NextToken) =>
        sso
          .send(
            new ListAccountAssignmentsCommand({
              InstanceArn,
              AccountId,
              PermissionSetArn: arn,
              NextToken,
              MaxResults: PAGE,
            }),
          )
          .then((r) => ({ items: r.AccountAssignments, next: r.NextToken })),
      ),
    );
    return read.flat().map(observed);
  }
  const read = await mapLimit(principals, LIMIT, (p) =>
    allPages((NextToken) =>
      sso
        .send(
          new ListAccountAssignmentsForPrincipalCommand({
            InstanceArn,
            PrincipalId: p.id,
            PrincipalType: p.type,
            NextToken,
            MaxResults: PAGE,
          }),
        )
        .then((r) => ({ items: r.AccountAssignments, next: r.NextToken })),
    ),
  );
  return read.flat().map(observed);
}

/**
 * Reads Identity Center in the home region: the instance, the identity store, the permission sets
 * with their policies, tags and accounts, operations still running, and the assignments by the
 * cheaper of two ways (said in a `refresh.assignments` event with both counts).
 */
export async function readIdentityCenter(clients: AwsClients, io?: IoHost): Promise<Partial<ObservedState>> {
  const instance = await findInstance(clients);
  const empty = {
    'identity-center': [],
    'sso-user': [],
    'sso-group': [],
    'sso-group-membership': [],
    'permission-set': [],
    'account-assignment': [],
    pending: { createAccount: [], assignments: [] },
  };
  if (!instance) return empty;
  const sso = ssoAdminOf(clients);
  const InstanceArn = instance.instanceArn;
  const pending = await readPending(sso, InstanceArn);
  const [store, arns] = await Promise.all([
    readStore(identityStoreOf(clients), instance.identityStoreId),
    allPages((NextToken) =>
      sso
        .send(new ListPermissionSetsCommand({ InstanceArn, NextToken, MaxResults: PAGE }))
        .then((r) => ({ items: r.PermissionSets, next: r.NextToken })),
    ),
  ]);
  const permissionSets = await mapLimit(arns, LIMIT, (arn) => readPermissionSet(sso, InstanceArn, arn));
  const principals = [
    ...store.groups.map((g) => ({ type: 'GROUP' as const, id: g.groupId, name: g.name })),
    ...store.users.map((u) => ({ type: 'USER' as const, id: u.userId, name: u.userName })),
  ];
  const plan = assignmentReadPlan(permissionSets, principals.length);
  if (io) emit(io, { type: 'info', code: 'refresh.assignments', message: assignmentReadMessage(plan), data: plan });
  const assignments = await readAssignments(sso, InstanceArn, plan, permissionSets, principals);
  return {
    ...empty,
    'identity-center': [{ ...instance, region: clients.homeRegion }],
    'sso-user': store.users,
    'sso-group': store.groups,
    'sso-group-membership': store.memberships,
    'permission-set': permissionSets,
    'account-assignment': assignments,
    pending: { createAccount: [], assignments: pending },
  };
}

export const identityCenterReader: ServiceReader = {
  service: 'sso-admin',
  kinds: ['identity-center', 'sso-user', 'sso-group', 'sso-group-membership', 'permission-set', 'account-assignment'],
  read: (clients, io) => readIdentityCenter(clients, io),
};
