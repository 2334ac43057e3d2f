import * as O from '@aws-sdk/client-organizations';
import * as S from '@aws-sdk/client-sso-admin';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError, startHarness } from './helpers.js';
import type { SsoHarness } from './sso-helpers.js';
import { startSso } from './sso-helpers.js';

let h: SsoHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('IAM Identity Center: the organization instance', () => {
  it('appears after trusted access, on the first call from the management account, in that region only', async () => {
    const bare = await startHarness();
    try {
      await bare.org.send(new O.CreateOrganizationCommand({}));
      const sso = new S.SSOAdminClient({
        endpoint: bare.cloud.endpoint,
        region: bare.cloud.region,
        credentials: { ...bare.cloud.credentials },
        maxAttempts: 1,
      });
      expect((await sso.send(new S.ListInstancesCommand({}))).Instances).toEqual([]);
    } finally {
      await bare.stop();
    }
    h = await startSso();
    expect(h.instanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
    expect(h.identityStoreId).toMatch(/^d-[0-9a-f]{10}$/);
    const described = await h.sso.send(new S.DescribeInstanceCommand({ InstanceArn: h.instanceArn }));
    expect(described).toMatchObject({ Status: 'ACTIVE', OwnerAccountId: h.cloud.managementAccountId });
    const other = h.regionClients('eu-west-1');
    expect((await other.sso.send(new S.ListInstancesCommand({}))).Instances).toEqual([]);
    // Still one instance: the call in another region did not create a second.
    expect((await h.sso.send(new S.ListInstancesCommand({}))).Instances?.map((i) => i.InstanceArn)).toEqual([
      h.instanceArn,
    ]);
  });

  it('refuses a member account until it is the delegated administrator, and everyone once trusted access is off', async () => {
    h = await startSso();
    const member = await h.asRole(`arn:aws:iam::${h.member}:role/OrganizationAccountAccessRole`);
    expect((await awsError(() => member.sso.send(new S.ListInstancesCommand({})))).name).toBe('AccessDeniedException');
    await h.org.send(
      new O.RegisterDelegatedAdministratorCommand({ AccountId: h.member, ServicePrincipal: 'sso.amazonaws.com' }),
    );
    const seen = await member.sso.send(new S.ListInstancesCommand({}));
    expect(seen.Instances?.map((i) => i.InstanceArn)).toEqual([h.instanceArn]);
    const ps = await member.sso.send(
      new S.CreatePermissionSetCommand({ InstanceArn: h.instanceArn, Name: 'ByDelegate' }),
    );
    expect(ps.PermissionSet?.Name).toBe('ByDelegate');
    await h.org.send(
      new O.DeregisterDelegatedAdministratorCommand({ AccountId: h.member, ServicePrincipal: 'sso.amazonaws.com' }),
    );
    await h.org.send(new O.DisableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    const off = await awsError(() => h!.sso.send(new S.ListPermissionSetsCommand({ InstanceArn: h!.instanceArn })));
    expect(off.name).toBe('AccessDeniedException');
    await h.org.send(new O.EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    const back = await h.sso.send(new S.ListPermissionSetsCommand({ InstanceArn: h.instanceArn }));
    expect(back.PermissionSets).toHaveLength(1);
  });
});

describe('IAM Identity Center: permission sets', () => {
  it('are created, described, updated, listed page by page and deleted', async () => {
    h = await startSso();
    const InstanceArn = h.instanceArn;
    const created = await h.sso.send(
      new S.CreatePermissionSetCommand({
        InstanceArn,
        Name: 'Developer',
        Description: 'Builds things',
        SessionDuration: 'PT8H',
        RelayState: 'https://console.aws.amazon.com/',
        Tags: [{ Key: 'managed-by', Value: 'bulkhead' }],
      }),
    );
    const arn = created.PermissionSet?.PermissionSetArn ?? '';
    expect(arn).toMatch(/^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/);
    await h.sso.send(new S.UpdatePermissionSetCommand({ InstanceArn, PermissionSetArn: arn, SessionDuration: 'PT2H' }));
    const described = await h.sso.send(new S.DescribePermissionSetCommand({ InstanceArn, PermissionSetArn: arn }));
    expect(described.PermissionSet).toMatchObject({
      Name: 'Developer',
      Description: 'Builds things',
      SessionDuration: 'PT2H',
      RelayState: 'https://console.aws.amazon.com/',
    });
    const tags = await h.sso.send(new S.ListTagsForResourceCommand({ InstanceArn, ResourceArn: arn }));
    expect(tags.Tags).toEqual([{ Key: 'managed-by', Value: 'bulkhead' }]);
    for (const Name of ['ReadOnly', 'Admin']) await h.sso.send(new S.CreatePermissionSetCommand({ InstanceArn, Name }));
    const first = await h.sso.send(new S.ListPermissionSetsCommand({ InstanceArn, MaxResults: 2 }));
    expect(first.PermissionSets).toHaveLength(2);
    const second = await h.sso.send(
      new S.ListPermissionSetsCommand({ InstanceArn, MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.PermissionSets).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    await h.sso.send(new S.DeletePermissionSetCommand({ InstanceArn, PermissionSetArn: arn }));
    const gone = await awsError(() =>
      h!.sso.send(new S.DescribePermissionSetCommand({ InstanceArn, PermissionSetArn: arn })),
    );
    expect(gone.name).toBe('ResourceNotFoundException');
  });

  it('refuse bad names, session durations outside 1..12 hours, duplicates and forged tokens', async () => {
    h = await startSso();
    const InstanceArn = h.instanceArn;
    const create = (input: Partial<S.CreatePermissionSetCommandInput>) =>
      awsError(() => h!.sso.send(new S.CreatePermissionSetCommand({ InstanceArn, Name: 'Ok', ...input })));
    expect((await create({ Name: 'x'.repeat(33) })).name).toBe('ValidationException');
    expect((await create({ Name: 'has space' })).name).toBe('ValidationException');
    expect((await create({ SessionDuration: 'PT13H' })).message).toMatch(/between 1 hour/);
    expect((await create({ SessionDuration: 'PT30M' })).name).toBe('ValidationException');
    expect((await create({ SessionDuration: 'one hour' })).name).toBe('ValidationException');
    await h.sso.send(new S.CreatePermissionSetCommand({ InstanceArn, Name: 'Ok', SessionDuration: 'PT12H' }));
    expect((await create({})).name).toBe('ConflictException');
    const token = await awsError(() =>
      h!.sso.send(new S.ListPermissionSetsCommand({ InstanceArn, NextToken: 'Zm9v' })),
    );
    expect(token.name).toBe('ValidationException');
    const elsewhere = await awsError(() =>
      h!.sso.send(new S.ListPermissionSetsCommand({ InstanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000' })),
    );
    expect(elsewhere.name).toBe('ResourceNotFoundException');
  });

  it('hold AWS managed policies, customer managed references, an inline policy and a boundary, within AWS limits', async () => {
    h = await startSso({ quotaOverrides: { maxManagedPoliciesPerPermissionSet: 2 } });
    const InstanceArn = h.instanceArn;
    const ps = await h.sso.send(new S.CreatePermissionSetCommand({ InstanceArn, Name: 'Ops' }));
    const PermissionSetArn = ps.PermissionSet?.PermissionSetArn ?? '';
    const ids = { InstanceArn, PermissionSetArn };
    await h.sso.send(
      new S.AttachManagedPolicyToPermissionSetCommand({
        ...ids,
        ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    const dup = await awsError(() =>
      h!.sso.send(
        new S.AttachManagedPolicyToPermissionSetCommand({
          ...ids,
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
      ),
    );
    expect(dup.name).toBe('ConflictException');
    const unknown = await awsError(() =>
      h!.sso.send(
        new S.AttachManagedPolicyToPermissionSetCommand({
          ...ids,
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicyEver',
        }),
      ),
    );
    expect(unknown.name).toBe('ValidationException');
    await h.sso.send(
      new S.AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
        ...ids,
        CustomerManagedPolicyReference: { Name: 'team-boundary', Path: '/teams/' },
      }),
    );
    const over = await awsError(() =>
      h!.sso.send(
        new S.AttachManagedPolicyToPermissionSetCommand({
          ...ids,
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
        }),
      ),
    );
    expect(over.name).toBe('ServiceQuotaExceededException');
    expect((await h.sso.send(new S.ListManagedPoliciesInPermissionSetCommand(ids))).AttachedManagedPolicies).toEqual([
      { Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', Name: 'ReadOnlyAccess' },
    ]);
    expect(
      (await h.sso.send(new S.ListCustomerManagedPolicyReferencesInPermissionSetCommand(ids)))
        .CustomerManagedPolicyReferences,
    ).toEqual([{ Name: 'team-boundary', Path: '/teams/' }]);

    const inline = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }],
    });
    await h.sso.send(new S.PutInlinePolicyToPermissionSetCommand({ ...ids, InlinePolicy: inline }));
    expect((await h.sso.send(new S.GetInlinePolicyForPermissionSetCommand(ids))).InlinePolicy).toBe(inline);
    const invalid = await awsError(() =>
      h!.sso.send(
        new S.PutInlinePolicyToPermissionSetCommand({
          ...ids,
          InlinePolicy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }],
          }),
        }),
      ),
    );
    expect(invalid).toMatchObject({ name: 'ValidationException' });
    expect(invalid.message).toMatch(/Effect/);
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: Array.from({ length: 800 }, (_, i) => `s3:Action${i}`), Resource: '*' }],
    });
    expect(
      (await awsError(() => h!.sso.send(new S.PutInlinePolicyToPermissionSetCommand({ ...ids, InlinePolicy: big }))))
        .name,
    ).toBe('ServiceQuotaExceededException');
    await h.sso.send(new S.DeleteInlinePolicyFromPermissionSetCommand(ids));
    expect((await h.sso.send(new S.GetInlinePolicyForPermissionSetCommand(ids))).InlinePolicy).toBe('');

    await h.sso.send(
      new S.PutPermissionsBoundaryToPermissionSetCommand({
        ...ids,
        PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      }),
    );
    expect((await h.sso.send(new S.GetPermissionsBoundaryForPermissionSetCommand(ids))).PermissionsBoundary).toEqual({
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
    });
    await h.sso.send(new S.DeletePermissionsBoundaryFromPermissionSetCommand(ids));
    expect((await awsError(() => h!.sso.send(new S.GetPermissionsBoundaryForPermissionSetCommand(ids)))).name).toBe(
      'ResourceNotFoundException',
    );
    await h.sso.send(
      new S.DetachCustomerManagedPolicyReferenceFromPermissionSetCommand({
        ...ids,
        CustomerManagedPolicyReference: { Name: 'team-boundary', Path: '/teams/' },
      }),
    );
    await h.sso.send(
      new S.DetachManagedPolicyFromPermissionSetCommand({
        ...ids,
        ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    expect((await h.sso.send(new S.ListManagedPoliciesInPermissionSetCommand(ids))).AttachedManagedPolicies).toEqual(
      [],
    );
  });
});
