import * as I from '@aws-sdk/client-iam';
import * as ID from '@aws-sdk/client-identitystore';
import * as S from '@aws-sdk/client-sso-admin';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError, eventually } from './helpers.js';
import type { SsoHarness } from './sso-helpers.js';
import { startSso } from './sso-helpers.js';

let h: SsoHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function group(s: SsoHarness, name: string): Promise<string> {
  const g = await s.ids.send(new ID.CreateGroupCommand({ IdentityStoreId: s.identityStoreId, DisplayName: name }));
  return g.GroupId ?? '';
}

async function permissionSet(s: SsoHarness, Name: string, managed: string[] = []): Promise<string> {
  const ps = await s.sso.send(
    new S.CreatePermissionSetCommand({ InstanceArn: s.instanceArn, Name, SessionDuration: 'PT4H' }),
  );
  const arn = ps.PermissionSet?.PermissionSetArn ?? '';
  for (const ManagedPolicyArn of managed)
    await s.sso.send(
      new S.AttachManagedPolicyToPermissionSetCommand({
        InstanceArn: s.instanceArn,
        PermissionSetArn: arn,
        ManagedPolicyArn,
      }),
    );
  return arn;
}

function assignment(s: SsoHarness, PermissionSetArn: string, PrincipalId: string, TargetId = s.member) {
  return {
    InstanceArn: s.instanceArn,
    PermissionSetArn,
    PrincipalId,
    PrincipalType: 'GROUP' as const,
    TargetId,
    TargetType: 'AWS_ACCOUNT' as const,
  };
}

async function settled(
  s: SsoHarness,
  kind: 'create' | 'delete',
  requestId: string,
): Promise<S.AccountAssignmentOperationStatus> {
  return eventually(async () => {
    const status =
      kind === 'create'
        ? (
            await s.sso.send(
              new S.DescribeAccountAssignmentCreationStatusCommand({
                InstanceArn: s.instanceArn,
                AccountAssignmentCreationRequestId: requestId,
              }),
            )
          ).AccountAssignmentCreationStatus
        : (
            await s.sso.send(
              new S.DescribeAccountAssignmentDeletionStatusCommand({
                InstanceArn: s.instanceArn,
                AccountAssignmentDeletionRequestId: requestId,
              }),
            )
          ).AccountAssignmentDeletionStatus;
    return status?.Status === 'IN_PROGRESS' ? undefined : status;
  });
}

/** The member account's IAM, through its OrganizationAccountAccessRole. */
async function memberIam(s: SsoHarness): Promise<I.IAMClient> {
  return (await s.asRole(`arn:aws:iam::${s.member}:role/OrganizationAccountAccessRole`)).iam;
}

async function reservedRoles(s: SsoHarness): Promise<I.Role[]> {
  const iam = await memberIam(s);
  return (await iam.send(new I.ListRolesCommand({ PathPrefix: '/aws-reserved/sso.amazonaws.com/' }))).Roles ?? [];
}

describe('IAM Identity Center: account assignments', () => {
  it('go IN_PROGRESS then SUCCEEDED, provision the reserved role, and the last deletion removes it', async () => {
    h = await startSso({ fast: false, timeScale: 0.1 });
    const devs = await group(h, 'Developers');
    const ps = await permissionSet(h, 'Developer', ['arn:aws:iam::aws:policy/PowerUserAccess']);
    const inline = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }],
    });
    await h.sso.send(
      new S.PutInlinePolicyToPermissionSetCommand({
        InstanceArn: h.instanceArn,
        PermissionSetArn: ps,
        InlinePolicy: inline,
      }),
    );
    const started = await h.sso.send(new S.CreateAccountAssignmentCommand(assignment(h, ps, devs)));
    expect(started.AccountAssignmentCreationStatus).toMatchObject({
      Status: 'IN_PROGRESS',
      TargetId: h.member,
      PrincipalId: devs,
    });
    const requestId = started.AccountAssignmentCreationStatus?.RequestId ?? '';
    const inProgress = await h.sso.send(
      new S.ListAccountAssignmentCreationStatusCommand({
        InstanceArn: h.instanceArn,
        Filter: { Status: 'IN_PROGRESS' },
      }),
    );
    expect(inProgress.AccountAssignmentsCreationStatus?.map((s) => s.RequestId)).toEqual([requestId]);
    expect((await settled(h, 'create', requestId)).Status).toBe('SUCCEEDED');

    const roles = await reservedRoles(h);
    expect(roles.map((r) => r.RoleName)).toEqual([expect.stringMatching(/^AWSReservedSSO_Developer_[0-9a-f]{16}$/)]);
    expect(roles[0]).toMatchObject({ Path: '/aws-reserved/sso.amazonaws.com/', MaxSessionDuration: 14_400 });
    const iam = await memberIam(h);
    const RoleName = roles[0]?.RoleName ?? '';
    expect(
      (await iam.send(new I.ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies?.map((p) => p.PolicyName),
    ).toEqual(['PowerUserAccess']);
    expect((await iam.send(new I.ListRolePoliciesCommand({ RoleName }))).PolicyNames).toEqual(['AwsSSOInlinePolicy']);

    const listed = await h.sso.send(
      new S.ListAccountAssignmentsCommand({ InstanceArn: h.instanceArn, AccountId: h.member, PermissionSetArn: ps }),
    );
    expect(listed.AccountAssignments).toEqual([
      { AccountId: h.member, PermissionSetArn: ps, PrincipalType: 'GROUP', PrincipalId: devs },
    ]);
    const forPrincipal = await h.sso.send(
      new S.ListAccountAssignmentsForPrincipalCommand({
        InstanceArn: h.instanceArn,
        PrincipalId: devs,
        PrincipalType: 'GROUP',
      }),
    );
    expect(forPrincipal.AccountAssignments?.map((a) => a.AccountId)).toEqual([h.member]);
    expect(
      (
        await h.sso.send(
          new S.ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: h.instanceArn, AccountId: h.member }),
        )
      ).PermissionSets,
    ).toEqual([ps]);
    expect(
      (
        await h.sso.send(
          new S.ListAccountsForProvisionedPermissionSetCommand({ InstanceArn: h.instanceArn, PermissionSetArn: ps }),
        )
      ).AccountIds,
    ).toEqual([h.member]);

    // A second group keeps the role alive when the first assignment goes.
    const ops = await group(h, 'Operators');
    const second = await h.sso.send(new S.CreateAccountAssignmentCommand(assignment(h, ps, ops)));
    await settled(h, 'create', second.AccountAssignmentCreationStatus?.RequestId ?? '');
    const del = await h.sso.send(new S.DeleteAccountAssignmentCommand(assignment(h, ps, devs)));
    expect(del.AccountAssignmentDeletionStatus?.Status).toBe('IN_PROGRESS');
    expect((await settled(h, 'delete', del.AccountAssignmentDeletionStatus?.RequestId ?? '')).Status).toBe('SUCCEEDED');
    expect(await reservedRoles(h)).toHaveLength(1);
    const last = await h.sso.send(new S.DeleteAccountAssignmentCommand(assignment(h, ps, ops)));
    await settled(h, 'delete', last.AccountAssignmentDeletionStatus?.RequestId ?? '');
    expect(await reservedRoles(h)).toEqual([]);
    const again = await awsError(() => h!.sso.send(new S.DeleteAccountAssignmentCommand(assignment(h!, ps, ops))));
    expect(again.name).toBe('ResourceNotFoundException');
  });

  it('FAIL with AWS-like reasons: a principal not in the identity store, a customer managed policy missing, an account outside the organization', async () => {
    h = await startSso();
    const ps = await permissionSet(h, 'Custom');
    const missingPrincipal = `${h.identityStoreId.slice(2)}-11111111-2222-3333-4444-555555555555`;
    const a = await h.sso.send(new S.CreateAccountAssignmentCommand(assignment(h, ps, missingPrincipal)));
    const failed = await settled(h, 'create', a.AccountAssignmentCreationStatus?.RequestId ?? '');
    expect(failed.Status).toBe('FAILED');
    expect(failed.FailureReason).toContain(`was not found in directory ${h.identityStoreId}`);

    const devs = await group(h, 'Developers');
    await h.sso.send(
      new S.AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
        InstanceArn: h.instanceArn,
        PermissionSetArn: ps,
        CustomerManagedPolicyReference: { Name: 'team-policy' },
      }),
    );
    const b = await h.sso.send(new S.CreateAccountAssignmentCommand(assignment(h, ps, devs)));
    const noPolicy = await settled(h, 'create', b.AccountAssignmentCreationStatus?.RequestId ?? '');
    expect(noPolicy).toMatchObject({ Status: 'FAILED' });
    expect(noPolicy.FailureReason).toMatch(/Customer managed policy \/team-policy does not exist in account/);
    expect(await reservedRoles(h)).toEqual([]);

    // Once the policy exists in the account, the same request succeeds.
    const iam = await memberIam(h);
    await iam.send(
      new I.CreatePolicyCommand({
        PolicyName: 'team-policy',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:List*', Resource: '*' }],
        }),
      }),
    );
    const c = await h.sso.send(new S.CreateAccountAssignmentCommand(assignment(h, ps, devs)));
    expect((await settled(h, 'create', c.AccountAssignmentCreationStatus?.RequestId ?? '')).Status).toBe('SUCCEEDED');
    const roleName = (await reservedRoles(h))[0]?.RoleName ?? '';
    const attached = await iam.send(new I.ListAttachedRolePoliciesCommand({ RoleName: roleName }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([`arn:aws:iam::${h.member}:policy/team-policy`]);

    const stranger = await h.sso.send(new S.CreateAccountAssignmentCommand(assignment(h, ps, devs, '123456789012')));
    const outside = await settled(h, 'create', stranger.AccountAssignmentCreationStatus?.RequestId ?? '');
    expect(outside.FailureReason).toMatch(/is not a member of the organization/);
    const failedList = await h.sso.send(
      new S.ListAccountAssignmentCreationStatusCommand({
        InstanceArn: h.instanceArn,
        Filter: { Status: 'FAILED' },
        MaxResults: 2,
      }),
    );
    expect(failedList.AccountAssignmentsCreationStatus).toHaveLength(2);
    const rest = await h.sso.send(
      new S.ListAccountAssignmentCreationStatusCommand({
        InstanceArn: h.instanceArn,
        Filter: { Status: 'FAILED' },
        NextToken: failedList.NextToken,
      }),
    );
    expect(rest.AccountAssignmentsCreationStatus).toHaveLength(1);
  });

  it('ConflictException: beyond the outstanding-operation limit, and while the permission set is being provisioned', async () => {
    h = await startSso({ fast: false, timeScale: 1, quotaOverrides: { maxOutstandingAssignmentOperations: 2 } });
    const ps = await permissionSet(h, 'Busy');
    const groups = [await group(h, 'A'), await group(h, 'B'), await group(h, 'C')];
    await h.sso.send(new S.CreateAccountAssignmentCommand(assignment(h, ps, groups[0] ?? '')));
    await h.sso.send(new S.CreateAccountAssignmentCommand(assignment(h, ps, groups[1] ?? '')));
    const third = await awsError(() =>
      h!.sso.send(new S.CreateAccountAssignmentCommand(assignment(h!, ps, groups[2] ?? ''))),
    );
    expect(third.name).toBe('ConflictException');

    const other = await permissionSet(h, 'Other');
    const prov = await h.sso.send(
      new S.ProvisionPermissionSetCommand({
        InstanceArn: h.instanceArn,
        PermissionSetArn: other,
        TargetType: 'ALL_PROVISIONED_ACCOUNTS',
      }),
    );
    expect(prov.PermissionSetProvisioningStatus?.Status).toBe('IN_PROGRESS');
    const busy = await awsError(() =>
      h!.sso.send(
        new S.UpdatePermissionSetCommand({ InstanceArn: h!.instanceArn, PermissionSetArn: other, Description: 'x' }),
      ),
    );
    expect(busy.name).toBe('ConflictException');
  });

  it('re-provisioning pushes permission set changes to the roles; accounts show NOT_PROVISIONED until then', async () => {
    h = await startSso();
    const devs = await group(h, 'Developers');
    const ps = await permissionSet(h, 'Dev', ['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    const a = await h.sso.send(new S.CreateAccountAssignmentCommand(assignment(h, ps, devs)));
    await settled(h, 'create', a.AccountAssignmentCreationStatus?.RequestId ?? '');
    await h.sso.send(
      new S.AttachManagedPolicyToPermissionSetCommand({
        InstanceArn: h.instanceArn,
        PermissionSetArn: ps,
        ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
      }),
    );
    const stale = await h.sso.send(
      new S.ListAccountsForProvisionedPermissionSetCommand({
        InstanceArn: h.instanceArn,
        PermissionSetArn: ps,
        ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
      }),
    );
    expect(stale.AccountIds).toEqual([h.member]);
    const prov = await h.sso.send(
      new S.ProvisionPermissionSetCommand({
        InstanceArn: h.instanceArn,
        PermissionSetArn: ps,
        TargetType: 'ALL_PROVISIONED_ACCOUNTS',
      }),
    );
    const requestId = prov.PermissionSetProvisioningStatus?.RequestId ?? '';
    const done = await eventually(async () => {
      const s = await h!.sso.send(
        new S.DescribePermissionSetProvisioningStatusCommand({
          InstanceArn: h!.instanceArn,
          ProvisionPermissionSetRequestId: requestId,
        }),
      );
      return s.PermissionSetProvisioningStatus?.Status === 'IN_PROGRESS'
        ? undefined
        : s.PermissionSetProvisioningStatus;
    });
    expect(done.Status).toBe('SUCCEEDED');
    const listed = await h.sso.send(new S.ListPermissionSetProvisioningStatusCommand({ InstanceArn: h.instanceArn }));
    expect(listed.PermissionSetsProvisioningStatus?.map((s) => s.RequestId)).toEqual([requestId]);
    const latest = await h.sso.send(
      new S.ListPermissionSetsProvisionedToAccountCommand({
        InstanceArn: h.instanceArn,
        AccountId: h.member,
        ProvisioningStatus: 'LATEST_PERMISSION_SET_PROVISIONED',
      }),
    );
    expect(latest.PermissionSets).toEqual([ps]);
    const iam = await memberIam(h);
    const roleName = (await reservedRoles(h))[0]?.RoleName ?? '';
    const attached = await iam.send(new I.ListAttachedRolePoliciesCommand({ RoleName: roleName }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyName).sort()).toEqual(['PowerUserAccess', 'ReadOnlyAccess']);
    const assigned = await awsError(() =>
      h!.sso.send(new S.DeletePermissionSetCommand({ InstanceArn: h!.instanceArn, PermissionSetArn: ps })),
    );
    expect(assigned.name).toBe('ConflictException');
  });
});
