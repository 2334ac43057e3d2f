import * as ID from '@aws-sdk/client-identitystore';
import { EnableAWSServiceAccessCommand } from '@aws-sdk/client-organizations';
import * as SSO from '@aws-sdk/client-sso-admin';
import type { Step } from './differential.js';
import { normalizeIds, record, shapeOf } from './differential.js';
import type { Target } from './identity-center-setup.js';
import { organizationWithMember } from './identity-center-setup.js';
import type { RecordingHandler } from './recording-handler.js';
import { poll, sdkClients } from './sdk-clients.js';

/*
 * One SDK call sequence over IAM Identity Center, recorded step by step (outcome and response shape).
 * `common` uses only operations moto implements (moto 5: sso-admin without the provisioning-status
 * calls, tags or permissions boundaries; identitystore without IsMemberInGroups), so the differential
 * runs it against both; `localOnly` calls the rest for the model-conformance suite.
 */

const INLINE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
});
const UNKNOWN_UUID = '11111111-2222-3333-4444-555555555555';

export interface ScenarioContext {
  steps: Step[];
  sso: SSO.SSOAdminClient;
  ids: ID.IdentitystoreClient;
  member: string;
  instanceArn: string;
  storeId: string;
  userId: string;
  groupId: string;
  membershipId: string;
  psArn: string;
}

export async function startIdentityCenterScenario(
  target: Target,
  handler?: RecordingHandler,
): Promise<ScenarioContext> {
  const config = {
    endpoint: target.endpoint,
    region: target.region,
    credentials: target.credentials,
    maxAttempts: 1,
    ...(handler === undefined ? {} : { requestHandler: handler }),
  };
  const member = await organizationWithMember(target);
  const { org } = sdkClients(target.endpoint, target.region, target.credentials);
  await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
  return {
    steps: [],
    sso: new SSO.SSOAdminClient(config),
    ids: new ID.IdentitystoreClient(config),
    member,
    instanceArn: '',
    storeId: '',
    userId: '',
    groupId: '',
    membershipId: '',
    psArn: '',
  };
}

/** shapeOf compares `Arn` and `…Id` values; Identity Center's ARNs are `InstanceArn`, `PermissionSetArn`…: add those. */
function withArnValues(output: unknown, shape: string[]): string[] {
  const extra: string[] = [];
  const walk = (v: unknown, p: string): void => {
    if (Array.isArray(v)) v.forEach((item) => walk(item, `${p}[]`));
    else if (typeof v === 'object' && v !== null)
      for (const [k, child] of Object.entries(v))
        if (k !== '$metadata') walk(child, p === '' ? k : `${p}.${k}`);
        else if (typeof v === 'string' && /[a-z]Arn$/.test(p)) extra.push(`${p}=${normalizeIds(v)}`);
  };
  walk(output, '');
  return [...new Set([...shape, ...extra])].sort();
}

/** Waits for an asynchronous request to leave IN_PROGRESS (moto answers SUCCEEDED at once). */
async function settled(read: () => Promise<string | undefined>): Promise<void> {
  await poll('Identity Center request', async () => ((await read()) === 'IN_PROGRESS' ? undefined : true), 20_000);
}

export async function runCommonSteps(c: ScenarioContext): Promise<Step[]> {
  const { steps, sso, ids } = c;
  const step = async <T>(label: string, operation: string, call: Promise<T>): Promise<T | undefined> => {
    const output = (await record(steps, label, operation, call)) as T | undefined;
    const last = steps[steps.length - 1];
    if (last?.outcome.ok === true) last.outcome.shape = withArnValues(output, last.outcome.shape);
    return output;
  };

  const instances = await step('list instances', 'ListInstances', sso.send(new SSO.ListInstancesCommand({})));
  c.instanceArn = instances?.Instances?.[0]?.InstanceArn ?? '';
  c.storeId = instances?.Instances?.[0]?.IdentityStoreId ?? '';
  const IdentityStoreId = c.storeId;
  const InstanceArn = c.instanceArn;

  const user = {
    IdentityStoreId,
    UserName: 'alice',
    DisplayName: 'Alice Doe',
    Name: { GivenName: 'Alice', FamilyName: 'Doe' },
    Emails: [{ Value: 'alice@example.com', Type: 'work', Primary: true }],
  };
  c.userId = (await step('create user', 'CreateUser', ids.send(new ID.CreateUserCommand(user))))?.UserId ?? '';
  await step('duplicate user', 'CreateUser', ids.send(new ID.CreateUserCommand(user)));
  c.groupId =
    (
      await step(
        'create group',
        'CreateGroup',
        ids.send(new ID.CreateGroupCommand({ IdentityStoreId, DisplayName: 'developers', Description: 'Devs' })),
      )
    )?.GroupId ?? '';
  const MemberId = { UserId: c.userId };
  c.membershipId =
    (
      await step(
        'create membership',
        'CreateGroupMembership',
        ids.send(new ID.CreateGroupMembershipCommand({ IdentityStoreId, GroupId: c.groupId, MemberId })),
      )
    )?.MembershipId ?? '';
  const unique = (AttributePath: string, AttributeValue: string) => ({
    UniqueAttribute: { AttributePath, AttributeValue },
  });
  await step(
    'user id by user name',
    'GetUserId',
    ids.send(new ID.GetUserIdCommand({ IdentityStoreId, AlternateIdentifier: unique('userName', 'alice') })),
  );
  await step(
    'group id by display name',
    'GetGroupId',
    ids.send(new ID.GetGroupIdCommand({ IdentityStoreId, AlternateIdentifier: unique('displayName', 'developers') })),
  );
  await step(
    'describe user',
    'DescribeUser',
    ids.send(new ID.DescribeUserCommand({ IdentityStoreId, UserId: c.userId })),
  );
  await step(
    'describe unknown user',
    'DescribeUser',
    ids.send(new ID.DescribeUserCommand({ IdentityStoreId, UserId: UNKNOWN_UUID })),
  );
  await step(
    'describe group',
    'DescribeGroup',
    ids.send(new ID.DescribeGroupCommand({ IdentityStoreId, GroupId: c.groupId })),
  );
  await step(
    'list users by user name',
    'ListUsers',
    ids.send(
      new ID.ListUsersCommand({ IdentityStoreId, Filters: [{ AttributePath: 'UserName', AttributeValue: 'alice' }] }),
    ),
  );
  await step('list groups', 'ListGroups', ids.send(new ID.ListGroupsCommand({ IdentityStoreId })));
  await step(
    'list memberships',
    'ListGroupMemberships',
    ids.send(new ID.ListGroupMembershipsCommand({ IdentityStoreId, GroupId: c.groupId })),
  );
  await step(
    'list memberships for member',
    'ListGroupMembershipsForMember',
    ids.send(new ID.ListGroupMembershipsForMemberCommand({ IdentityStoreId, MemberId })),
  );

  const created = await step(
    'create permission set',
    'CreatePermissionSet',
    sso.send(
      new SSO.CreatePermissionSetCommand({
        InstanceArn,
        Name: 'Developer',
        Description: 'Builds things',
        SessionDuration: 'PT4H',
      }),
    ),
  );
  c.psArn = created?.PermissionSet?.PermissionSetArn ?? '';
  const ps = { InstanceArn, PermissionSetArn: c.psArn };
  await step(
    'duplicate permission set',
    'CreatePermissionSet',
    sso.send(new SSO.CreatePermissionSetCommand({ InstanceArn, Name: 'Developer' })),
  );
  await step(
    'session duration over 12 hours',
    'CreatePermissionSet',
    sso.send(new SSO.CreatePermissionSetCommand({ InstanceArn, Name: 'Long', SessionDuration: 'PT13H' })),
  );
  await step(
    'describe unknown permission set',
    'DescribePermissionSet',
    sso.send(
      new SSO.DescribePermissionSetCommand({
        InstanceArn,
        PermissionSetArn: `arn:aws:sso:::permissionSet/${InstanceArn.split('/')[1] ?? ''}/ps-0123456789abcdef`,
      }),
    ),
  );
  await step('describe permission set', 'DescribePermissionSet', sso.send(new SSO.DescribePermissionSetCommand(ps)));
  await step(
    'update permission set',
    'UpdatePermissionSet',
    sso.send(new SSO.UpdatePermissionSetCommand({ ...ps, Description: 'Builds more', SessionDuration: 'PT8H' })),
  );
  await step(
    'list permission sets',
    'ListPermissionSets',
    sso.send(new SSO.ListPermissionSetsCommand({ InstanceArn })),
  );
  const managed = { ...ps, ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' };
  await step(
    'attach managed policy',
    'AttachManagedPolicyToPermissionSet',
    sso.send(new SSO.AttachManagedPolicyToPermissionSetCommand(managed)),
  );
  await step(
    'attach managed policy twice',
    'AttachManagedPolicyToPermissionSet',
    sso.send(new SSO.AttachManagedPolicyToPermissionSetCommand(managed)),
  );
  await step(
    'list managed policies',
    'ListManagedPoliciesInPermissionSet',
    sso.send(new SSO.ListManagedPoliciesInPermissionSetCommand(ps)),
  );
  const customer = { ...ps, CustomerManagedPolicyReference: { Name: 'app-deploy', Path: '/' } };
  await step(
    'attach customer managed reference',
    'AttachCustomerManagedPolicyReferenceToPermissionSet',
    sso.send(new SSO.AttachCustomerManagedPolicyReferenceToPermissionSetCommand(customer)),
  );
  await step(
    'list customer managed references',
    'ListCustomerManagedPolicyReferencesInPermissionSet',
    sso.send(new SSO.ListCustomerManagedPolicyReferencesInPermissionSetCommand(ps)),
  );
  await step(
    'detach customer managed reference',
    'DetachCustomerManagedPolicyReferenceFromPermissionSet',
    sso.send(new SSO.DetachCustomerManagedPolicyReferenceFromPermissionSetCommand(customer)),
  );
  await step(
    'put inline policy',
    'PutInlinePolicyToPermissionSet',
    sso.send(new SSO.PutInlinePolicyToPermissionSetCommand({ ...ps, InlinePolicy: INLINE })),
  );
  await step(
    'get inline policy',
    'GetInlinePolicyForPermissionSet',
    sso.send(new SSO.GetInlinePolicyForPermissionSetCommand(ps)),
  );

  const assignment = {
    ...ps,
    TargetId: c.member,
    TargetType: 'AWS_ACCOUNT' as const,
    PrincipalType: 'GROUP' as const,
    PrincipalId: c.groupId,
  };
  const started = await step(
    'create assignment',
    'CreateAccountAssignment',
    sso.send(new SSO.CreateAccountAssignmentCommand(assignment)),
  );
  const creation = started?.AccountAssignmentCreationStatus?.RequestId ?? '';
  const describeCreation = () =>
    sso.send(
      new SSO.DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn,
        AccountAssignmentCreationRequestId: creation,
      }),
    );
  await settled(async () => (await describeCreation()).AccountAssignmentCreationStatus?.Status);
  await step('assignment created', 'DescribeAccountAssignmentCreationStatus', describeCreation());
  await step(
    'list assignments',
    'ListAccountAssignments',
    sso.send(new SSO.ListAccountAssignmentsCommand({ ...ps, AccountId: c.member })),
  );
  await step(
    'list assignments for principal',
    'ListAccountAssignmentsForPrincipal',
    sso.send(
      new SSO.ListAccountAssignmentsForPrincipalCommand({
        InstanceArn,
        PrincipalType: 'GROUP',
        PrincipalId: c.groupId,
      }),
    ),
  );
  await step(
    'permission sets provisioned to account',
    'ListPermissionSetsProvisionedToAccount',
    sso.send(new SSO.ListPermissionSetsProvisionedToAccountCommand({ InstanceArn, AccountId: c.member })),
  );
  await step(
    'accounts for provisioned permission set',
    'ListAccountsForProvisionedPermissionSet',
    sso.send(new SSO.ListAccountsForProvisionedPermissionSetCommand(ps)),
  );
  await step(
    'provision permission set',
    'ProvisionPermissionSet',
    sso.send(new SSO.ProvisionPermissionSetCommand({ ...ps, TargetType: 'ALL_PROVISIONED_ACCOUNTS' })),
  );
  const deleting = await poll('the re-provisioning to finish', async () => {
    const s = await sso
      .send(new SSO.DeleteAccountAssignmentCommand(assignment))
      .catch((e: Error) => (e.name === 'ConflictException' ? undefined : Promise.reject(e)));
    return s;
  });
  steps.push({
    label: 'delete assignment',
    operation: 'DeleteAccountAssignment',
    outcome: { ok: true, shape: shapeOf(deleting) },
  });
  const deletion = deleting.AccountAssignmentDeletionStatus?.RequestId ?? '';
  const describeDeletion = () =>
    sso.send(
      new SSO.DescribeAccountAssignmentDeletionStatusCommand({
        InstanceArn,
        AccountAssignmentDeletionRequestId: deletion,
      }),
    );
  await settled(async () => (await describeDeletion()).AccountAssignmentDeletionStatus?.Status);
  await step('assignment deleted', 'DescribeAccountAssignmentDeletionStatus', describeDeletion());
  await step(
    'list assignments after delete',
    'ListAccountAssignments',
    sso.send(new SSO.ListAccountAssignmentsCommand({ ...ps, AccountId: c.member })),
  );
  await step(
    'detach managed policy',
    'DetachManagedPolicyFromPermissionSet',
    sso.send(new SSO.DetachManagedPolicyFromPermissionSetCommand(managed)),
  );
  await step(
    'delete inline policy',
    'DeleteInlinePolicyFromPermissionSet',
    sso.send(new SSO.DeleteInlinePolicyFromPermissionSetCommand(ps)),
  );
  await step(
    'delete membership',
    'DeleteGroupMembership',
    ids.send(new ID.DeleteGroupMembershipCommand({ IdentityStoreId, MembershipId: c.membershipId })),
  );
  return steps;
}
