import * as ID from '@aws-sdk/client-identitystore';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError } from './helpers.js';
import type { SsoHarness } from './sso-helpers.js';
import { startSso } from './sso-helpers.js';

let h: SsoHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function user(s: SsoHarness, UserName: string, email = `${UserName}@example.com`): Promise<string> {
  const u = await s.ids.send(
    new ID.CreateUserCommand({
      IdentityStoreId: s.identityStoreId,
      UserName,
      DisplayName: `${UserName} Example`,
      Name: { GivenName: UserName, FamilyName: 'Example' },
      Emails: [{ Value: email, Type: 'work', Primary: true }],
    }),
  );
  return u.UserId ?? '';
}

describe('Identity Store: users', () => {
  it('are created, described, updated, found by unique attribute, filtered, paged and deleted', async () => {
    h = await startSso();
    const IdentityStoreId = h.identityStoreId;
    const alice = await user(h, 'alice');
    expect(alice).toMatch(new RegExp(`^${IdentityStoreId.slice(2)}-[0-9a-f]{8}-`));
    const described = await h.ids.send(new ID.DescribeUserCommand({ IdentityStoreId, UserId: alice }));
    expect(described).toMatchObject({
      UserName: 'alice',
      DisplayName: 'alice Example',
      Name: { GivenName: 'alice', FamilyName: 'Example' },
      Emails: [{ Value: 'alice@example.com', Type: 'work', Primary: true }],
      UserStatus: 'ENABLED',
    });
    await h.ids.send(
      new ID.UpdateUserCommand({
        IdentityStoreId,
        UserId: alice,
        Operations: [
          { AttributePath: 'displayName', AttributeValue: 'Alice A.' },
          { AttributePath: 'name.givenName', AttributeValue: 'Alice' },
          { AttributePath: 'title', AttributeValue: 'Engineer' },
        ],
      }),
    );
    expect(await h.ids.send(new ID.DescribeUserCommand({ IdentityStoreId, UserId: alice }))).toMatchObject({
      DisplayName: 'Alice A.',
      Name: { GivenName: 'Alice', FamilyName: 'Example' },
      Title: 'Engineer',
    });
    const byName = await h.ids.send(
      new ID.GetUserIdCommand({
        IdentityStoreId,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: 'ALICE' } },
      }),
    );
    expect(byName.UserId).toBe(alice);
    const byEmail = await h.ids.send(
      new ID.GetUserIdCommand({
        IdentityStoreId,
        AlternateIdentifier: {
          UniqueAttribute: { AttributePath: 'emails.value', AttributeValue: 'alice@example.com' },
        },
      }),
    );
    expect(byEmail.UserId).toBe(alice);
    const nobody = await awsError(() =>
      h!.ids.send(
        new ID.GetUserIdCommand({
          IdentityStoreId,
          AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: 'mallory' } },
        }),
      ),
    );
    expect(nobody.name).toBe('ResourceNotFoundException');
    for (const n of ['bob', 'carol']) await user(h, n);
    const filtered = await h.ids.send(
      new ID.ListUsersCommand({ IdentityStoreId, Filters: [{ AttributePath: 'UserName', AttributeValue: 'bob' }] }),
    );
    expect(filtered.Users?.map((u) => u.UserName)).toEqual(['bob']);
    const page = await h.ids.send(new ID.ListUsersCommand({ IdentityStoreId, MaxResults: 2 }));
    expect(page.Users?.map((u) => u.UserName)).toEqual(['alice', 'bob']);
    const next = await h.ids.send(
      new ID.ListUsersCommand({ IdentityStoreId, MaxResults: 2, NextToken: page.NextToken }),
    );
    expect(next.Users?.map((u) => u.UserName)).toEqual(['carol']);
    expect(next.NextToken).toBeUndefined();
    await h.ids.send(new ID.DeleteUserCommand({ IdentityStoreId, UserId: alice }));
    expect(
      (await awsError(() => h!.ids.send(new ID.DescribeUserCommand({ IdentityStoreId, UserId: alice })))).name,
    ).toBe('ResourceNotFoundException');
  });

  it('refuse a user name already taken in another case, a missing DisplayName, and an unknown identity store', async () => {
    h = await startSso();
    const IdentityStoreId = h.identityStoreId;
    await user(h, 'Dana');
    const dup = await awsError(() => user(h!, 'dana', 'other@example.com'));
    expect(dup).toMatchObject({ name: 'ConflictException', status: 400 });
    const noDisplay = await awsError(() =>
      h!.ids.send(new ID.CreateUserCommand({ IdentityStoreId, UserName: 'erin' })),
    );
    expect(noDisplay.name).toBe('ValidationException');
    const wrongStore = await awsError(() => h!.ids.send(new ID.ListUsersCommand({ IdentityStoreId: 'd-0000000000' })));
    expect(wrongStore.name).toBe('ResourceNotFoundException');
    const badFilter = await awsError(() =>
      h!.ids.send(
        new ID.ListUsersCommand({ IdentityStoreId, Filters: [{ AttributePath: 'Title', AttributeValue: 'x' }] }),
      ),
    );
    expect(badFilter.name).toBe('ValidationException');
  });
});

describe('Identity Store: groups and memberships', () => {
  it('groups are unique by DisplayName, found by it, and memberships answer every query', async () => {
    h = await startSso();
    const IdentityStoreId = h.identityStoreId;
    const g = await h.ids.send(
      new ID.CreateGroupCommand({ IdentityStoreId, DisplayName: 'Developers', Description: 'Devs' }),
    );
    const GroupId = g.GroupId ?? '';
    const other = await h.ids.send(new ID.CreateGroupCommand({ IdentityStoreId, DisplayName: 'Auditors' }));
    expect(
      (await awsError(() => h!.ids.send(new ID.CreateGroupCommand({ IdentityStoreId, DisplayName: 'Developers' }))))
        .name,
    ).toBe('ConflictException');
    const found = await h.ids.send(
      new ID.GetGroupIdCommand({
        IdentityStoreId,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: 'Developers' } },
      }),
    );
    expect(found.GroupId).toBe(GroupId);
    const filtered = await h.ids.send(
      new ID.ListGroupsCommand({
        IdentityStoreId,
        Filters: [{ AttributePath: 'DisplayName', AttributeValue: 'Auditors' }],
      }),
    );
    expect(filtered.Groups?.map((x) => x.GroupId)).toEqual([other.GroupId]);
    await h.ids.send(
      new ID.UpdateGroupCommand({
        IdentityStoreId,
        GroupId,
        Operations: [{ AttributePath: 'description', AttributeValue: 'Builders' }],
      }),
    );
    expect((await h.ids.send(new ID.DescribeGroupCommand({ IdentityStoreId, GroupId }))).Description).toBe('Builders');

    const alice = await user(h, 'alice');
    const m = await h.ids.send(
      new ID.CreateGroupMembershipCommand({ IdentityStoreId, GroupId, MemberId: { UserId: alice } }),
    );
    const MembershipId = m.MembershipId ?? '';
    expect(
      (
        await awsError(() =>
          h!.ids.send(new ID.CreateGroupMembershipCommand({ IdentityStoreId, GroupId, MemberId: { UserId: alice } })),
        )
      ).name,
    ).toBe('ConflictException');
    expect(await h.ids.send(new ID.DescribeGroupMembershipCommand({ IdentityStoreId, MembershipId }))).toMatchObject({
      GroupId,
      MemberId: { UserId: alice },
    });
    expect(
      (await h.ids.send(new ID.GetGroupMembershipIdCommand({ IdentityStoreId, GroupId, MemberId: { UserId: alice } })))
        .MembershipId,
    ).toBe(MembershipId);
    expect(
      (await h.ids.send(new ID.ListGroupMembershipsCommand({ IdentityStoreId, GroupId }))).GroupMemberships?.map(
        (x) => x.MembershipId,
      ),
    ).toEqual([MembershipId]);
    expect(
      (
        await h.ids.send(new ID.ListGroupMembershipsForMemberCommand({ IdentityStoreId, MemberId: { UserId: alice } }))
      ).GroupMemberships?.map((x) => x.GroupId),
    ).toEqual([GroupId]);
    const check = await h.ids.send(
      new ID.IsMemberInGroupsCommand({
        IdentityStoreId,
        MemberId: { UserId: alice },
        GroupIds: [GroupId, other.GroupId ?? ''],
      }),
    );
    expect(check.Results?.map((r) => r.MembershipExists)).toEqual([true, false]);
    const ghost = `${IdentityStoreId.slice(2)}-11111111-2222-3333-4444-555555555555`;
    expect(
      (
        await awsError(() =>
          h!.ids.send(new ID.CreateGroupMembershipCommand({ IdentityStoreId, GroupId, MemberId: { UserId: ghost } })),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
    // Deleting the user takes its memberships with it.
    await h.ids.send(new ID.DeleteUserCommand({ IdentityStoreId, UserId: alice }));
    expect(
      (await h.ids.send(new ID.ListGroupMembershipsCommand({ IdentityStoreId, GroupId }))).GroupMemberships,
    ).toEqual([]);
    await h.ids.send(new ID.DeleteGroupCommand({ IdentityStoreId, GroupId }));
    expect((await awsError(() => h!.ids.send(new ID.DescribeGroupCommand({ IdentityStoreId, GroupId })))).name).toBe(
      'ResourceNotFoundException',
    );
  });
});
