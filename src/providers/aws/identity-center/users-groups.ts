import {
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupMembershipCommand,
  DeleteUserCommand,
  GetGroupIdCommand,
  GetGroupMembershipIdCommand,
  GetUserIdCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
  type IdentitystoreClient,
} from '@aws-sdk/client-identitystore';
import type { SsoUserFields } from '../../../model/identity-payloads.js';
import type { ApplyOutcome, KindProvider } from '../provider.js';
import { errorName, instanceOf, isSsoRetryable } from './common.js';
import { identityStoreOf } from './clients.js';

/** A create sent again (an interrupted run, a retried request whose answer was lost) finds it there: adopt it. */
async function createOrFind(create: () => Promise<string>, find: () => Promise<string>): Promise<string> {
  try {
    return await create();
  } catch (err) {
    if (errorName(err) !== 'ConflictException') throw err;
    return find();
  }
}

const unlessGone = async (send: () => Promise<unknown>) => {
  try {
    await send();
  } catch (err) {
    if (errorName(err) !== 'ResourceNotFoundException') throw err;
  }
};

function userAttributes(u: SsoUserFields) {
  return {
    DisplayName: u.displayName ?? u.userName,
    Name: { GivenName: u.givenName ?? u.userName, FamilyName: u.familyName ?? u.userName },
    Emails: [{ Value: u.email, Type: 'work', Primary: true }],
  };
}

const userId = (store: IdentitystoreClient, id: string, userName: string) =>
  store
    .send(
      new GetUserIdCommand({
        IdentityStoreId: id,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: userName } },
      }),
    )
    .then((r) => r.UserId!);

export const ssoUserProvider: KindProvider<'sso-user'> = {
  kind: 'sso-user',
  lane: () => 'identity-store',
  isRetryable: isSsoRetryable,
  async apply({ payload: p }, { clients }): Promise<ApplyOutcome> {
    const { identityStoreId: IdentityStoreId } = await instanceOf(clients);
    const store = identityStoreOf(clients);
    switch (p.action) {
      case 'create': {
        const id = await createOrFind(
          () =>
            store
              .send(new CreateUserCommand({ IdentityStoreId, UserName: p.userName, ...userAttributes(p) }))
              .then((r) => r.UserId!),
          () => userId(store, IdentityStoreId, p.userName),
        );
        return { physicalId: id };
      }
      case 'update': {
        const a = userAttributes(p);
        const Operations = [
          { AttributePath: 'displayName', AttributeValue: a.DisplayName },
          { AttributePath: 'name.givenName', AttributeValue: a.Name.GivenName },
          { AttributePath: 'name.familyName', AttributeValue: a.Name.FamilyName },
          { AttributePath: 'emails', AttributeValue: a.Emails },
        ];
        await store.send(new UpdateUserCommand({ IdentityStoreId, UserId: p.userId, Operations }));
        return { physicalId: p.userId };
      }
      case 'delete':
        await unlessGone(() => store.send(new DeleteUserCommand({ IdentityStoreId, UserId: p.userId })));
        return {};
    }
  },
};

export const ssoGroupProvider: KindProvider<'sso-group'> = {
  kind: 'sso-group',
  lane: () => 'identity-store',
  isRetryable: isSsoRetryable,
  async apply({ payload: p }, { clients }): Promise<ApplyOutcome> {
    const { identityStoreId: IdentityStoreId } = await instanceOf(clients);
    const store = identityStoreOf(clients);
    switch (p.action) {
      case 'create': {
        const description = p.description !== undefined ? { Description: p.description } : {};
        const id = await createOrFind(
          () =>
            store
              .send(new CreateGroupCommand({ IdentityStoreId, DisplayName: p.name, ...description }))
              .then((r) => r.GroupId!),
          () =>
            store
              .send(
                new GetGroupIdCommand({
                  IdentityStoreId,
                  AlternateIdentifier: { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: p.name } },
                }),
              )
              .then((r) => r.GroupId!),
        );
        return { physicalId: id };
      }
      case 'update':
        await store.send(
          new UpdateGroupCommand({
            IdentityStoreId,
            GroupId: p.groupId,
            Operations: [{ AttributePath: 'description', AttributeValue: p.description ?? '' }],
          }),
        );
        return { physicalId: p.groupId };
      case 'delete':
        await unlessGone(() => store.send(new DeleteGroupCommand({ IdentityStoreId, GroupId: p.groupId })));
        return {};
    }
  },
};

export const ssoGroupMembershipProvider: KindProvider<'sso-group-membership'> = {
  kind: 'sso-group-membership',
  lane: () => 'identity-store',
  isRetryable: isSsoRetryable,
  async apply({ payload: p }, { clients, resolve }): Promise<ApplyOutcome> {
    const { identityStoreId: IdentityStoreId } = await instanceOf(clients);
    const store = identityStoreOf(clients);
    if (p.action === 'delete') {
      await unlessGone(() =>
        store.send(new DeleteGroupMembershipCommand({ IdentityStoreId, MembershipId: p.membershipId })),
      );
      return {};
    }
    const GroupId = resolve(p.group);
    const MemberId = { UserId: resolve(p.user) };
    const id = await createOrFind(
      () =>
        store
          .send(new CreateGroupMembershipCommand({ IdentityStoreId, GroupId, MemberId }))
          .then((r) => r.MembershipId!),
      () =>
        store
          .send(new GetGroupMembershipIdCommand({ IdentityStoreId, GroupId, MemberId }))
          .then((r) => r.MembershipId!),
    );
    return { physicalId: id };
  },
};
