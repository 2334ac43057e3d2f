import type { Operation, ResourceResolver } from '../registry.js';
import { defineService } from '../registry.js';
import * as groups from './groups.js';
import * as memberships from './memberships.js';
import { IDENTITY_STORE_TABLES } from './tables.js';
import * as users from './users.js';

/** The identity store the call names, `arn:aws:identitystore::<account>:identitystore/<id>` (Service Authorization Reference). */
const identityStore: ResourceResolver = (input, env) => {
  const id = input.IdentityStoreId;
  return typeof id === 'string' && id !== '' ? `arn:aws:identitystore::${env.accountId}:identitystore/${id}` : '*';
};

const op = (handler: Operation['handler']): Operation => ({ handler, resource: identityStore });

/** The Identity Store of IAM Identity Center (awsJson1_1): regional, signing name `identitystore`. */
export const identityStoreService = defineService({
  name: 'identitystore',
  protocol: 'json',
  signingName: 'identitystore',
  global: false,
  unsignedPayload: false,
  targetPrefix: 'AWSIdentityStore',
  operations: {
    CreateUser: op(users.createUser),
    DescribeUser: op(users.describeUser),
    UpdateUser: op(users.updateUser),
    DeleteUser: op(users.deleteUser),
    ListUsers: op(users.listUsers),
    GetUserId: op(users.getUserId),
    CreateGroup: op(groups.createGroup),
    DescribeGroup: op(groups.describeGroup),
    UpdateGroup: op(groups.updateGroup),
    DeleteGroup: op(groups.deleteGroup),
    ListGroups: op(groups.listGroups),
    GetGroupId: op(groups.getGroupId),
    CreateGroupMembership: op(memberships.createGroupMembership),
    DeleteGroupMembership: op(memberships.deleteGroupMembership),
    DescribeGroupMembership: op(memberships.describeGroupMembership),
    ListGroupMemberships: op(memberships.listGroupMemberships),
    ListGroupMembershipsForMember: op(memberships.listGroupMembershipsForMember),
    IsMemberInGroups: op(memberships.isMemberInGroups),
    GetGroupMembershipId: op(memberships.getGroupMembershipId),
  },
  tables: IDENTITY_STORE_TABLES,
  throttleError: { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 },
  internalError: {
    code: 'InternalServerException',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
    status: 500,
  },
});
