import type { Operation } from '../registry.js';
import { ANY_RESOURCE, defineService } from '../registry.js';
import * as accounts from './accounts.js';
import * as attachments from './attachments.js';
import { accessDenied } from './common.js';
import * as create from './create-account.js';
import * as delegated from './delegated-admins.js';
import * as handshakes from './handshakes.js';
import * as organization from './organization.js';
import * as ous from './ous.js';
import * as policies from './policies.js';
import { handshake, orgEntity } from './resources.js';
import { ORGANIZATIONS_TABLES } from './tables.js';
import * as tags from './tags.js';

const operations: Record<string, Operation> = {
  CreateOrganization: { handler: organization.createOrganization, resource: ANY_RESOURCE },
  DescribeOrganization: { handler: organization.describeOrganization, resource: ANY_RESOURCE },
  DeleteOrganization: { handler: organization.deleteOrganization, resource: ANY_RESOURCE },
  ListRoots: { handler: organization.listRoots, resource: ANY_RESOURCE },
  EnablePolicyType: { handler: organization.enablePolicyType, resource: orgEntity('RootId') },
  DisablePolicyType: { handler: organization.disablePolicyType, resource: orgEntity('RootId') },
  EnableAWSServiceAccess: { handler: organization.enableAwsServiceAccess, resource: ANY_RESOURCE },
  DisableAWSServiceAccess: { handler: organization.disableAwsServiceAccess, resource: ANY_RESOURCE },
  ListAWSServiceAccessForOrganization: { handler: organization.listAwsServiceAccess, resource: ANY_RESOURCE },
  CreateOrganizationalUnit: { handler: ous.createOrganizationalUnit, resource: orgEntity('ParentId') },
  UpdateOrganizationalUnit: { handler: ous.updateOrganizationalUnit, resource: orgEntity('OrganizationalUnitId') },
  DeleteOrganizationalUnit: { handler: ous.deleteOrganizationalUnit, resource: orgEntity('OrganizationalUnitId') },
  DescribeOrganizationalUnit: { handler: ous.describeOrganizationalUnit, resource: orgEntity('OrganizationalUnitId') },
  ListOrganizationalUnitsForParent: { handler: ous.listOrganizationalUnitsForParent, resource: orgEntity('ParentId') },
  CreateAccount: { handler: create.createAccount, resource: ANY_RESOURCE },
  DescribeCreateAccountStatus: { handler: create.describeCreateAccountStatus, resource: ANY_RESOURCE },
  ListCreateAccountStatus: { handler: create.listCreateAccountStatus, resource: ANY_RESOURCE },
  DescribeAccount: { handler: accounts.describeAccount, resource: orgEntity('AccountId') },
  ListAccounts: { handler: accounts.listAccounts, resource: ANY_RESOURCE },
  ListAccountsForParent: { handler: accounts.listAccountsForParent, resource: orgEntity('ParentId') },
  MoveAccount: { handler: accounts.moveAccount, resource: orgEntity('AccountId') },
  ListParents: { handler: accounts.listParents, resource: orgEntity('ChildId') },
  ListChildren: { handler: accounts.listChildren, resource: orgEntity('ParentId') },
  CloseAccount: { handler: accounts.closeAccount, resource: orgEntity('AccountId') },
  RemoveAccountFromOrganization: { handler: accounts.removeAccountFromOrganization, resource: orgEntity('AccountId') },
  CreatePolicy: { handler: policies.createPolicy, resource: ANY_RESOURCE },
  DescribePolicy: { handler: policies.describePolicy, resource: orgEntity('PolicyId') },
  UpdatePolicy: { handler: policies.updatePolicy, resource: orgEntity('PolicyId') },
  DeletePolicy: { handler: policies.deletePolicy, resource: orgEntity('PolicyId') },
  ListPolicies: { handler: policies.listPolicies, resource: ANY_RESOURCE },
  AttachPolicy: { handler: attachments.attachPolicy, resource: orgEntity('PolicyId') },
  DetachPolicy: { handler: attachments.detachPolicy, resource: orgEntity('PolicyId') },
  ListPoliciesForTarget: { handler: attachments.listPoliciesForTarget, resource: orgEntity('TargetId') },
  ListTargetsForPolicy: { handler: attachments.listTargetsForPolicy, resource: orgEntity('PolicyId') },
  TagResource: { handler: tags.tagResource, resource: orgEntity('ResourceId') },
  UntagResource: { handler: tags.untagResource, resource: orgEntity('ResourceId') },
  ListTagsForResource: { handler: tags.listTagsForResource, resource: orgEntity('ResourceId') },
  InviteAccountToOrganization: { handler: handshakes.inviteAccountToOrganization, resource: ANY_RESOURCE },
  AcceptHandshake: { handler: handshakes.acceptHandshake, resource: handshake },
  DeclineHandshake: { handler: handshakes.declineHandshake, resource: handshake },
  CancelHandshake: { handler: handshakes.cancelHandshake, resource: handshake },
  DescribeHandshake: { handler: handshakes.describeHandshake, resource: handshake },
  ListHandshakesForAccount: { handler: handshakes.listHandshakesForAccount, resource: ANY_RESOURCE },
  ListHandshakesForOrganization: { handler: handshakes.listHandshakesForOrganization, resource: ANY_RESOURCE },
  RegisterDelegatedAdministrator: {
    handler: delegated.registerDelegatedAdministrator,
    resource: orgEntity('AccountId'),
  },
  DeregisterDelegatedAdministrator: {
    handler: delegated.deregisterDelegatedAdministrator,
    resource: orgEntity('AccountId'),
  },
  ListDelegatedAdministrators: { handler: delegated.listDelegatedAdministrators, resource: ANY_RESOURCE },
  ListDelegatedServicesForAccount: {
    handler: delegated.listDelegatedServicesForAccount,
    resource: orgEntity('AccountId'),
  },
  LeaveOrganization: { handler: accounts.leaveOrganizationHandler, resource: ANY_RESOURCE },
};

/** AWS Organizations (awsJson1_1): a global service, served from us-east-1. */
export const organizationsService = defineService({
  name: 'organizations',
  protocol: 'json',
  signingName: 'organizations',
  global: true,
  unsignedPayload: false,
  targetPrefix: 'AWSOrganizationsV20161128',
  operations,
  tables: ORGANIZATIONS_TABLES,
  jobs: {
    'create-account': { run: create.completeCreateAccount, pending: create.pendingCreations },
    'close-account': { run: accounts.completeAccountClosure, pending: accounts.pendingClosures },
  },
  throttleError: {
    code: 'TooManyRequestsException',
    message: "AWS Organizations can't complete your request because it received too many requests. Try again later.",
    status: 400,
  },
  internalError: {
    code: 'ServiceException',
    message: "AWS Organizations can't complete your request because of an internal service error. Try again later.",
    status: 500,
  },
  // Organizations words every denial the same generic way.
  accessDenied,
});
