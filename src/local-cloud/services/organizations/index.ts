import type { Store } from '../../store/store.js';
import type { Handler, HandlerContext, ServiceDefinition } from '../registry.js';
import * as accounts from './accounts.js';
import * as attachments from './attachments.js';
import * as create from './create-account.js';
import * as delegated from './delegated-admins.js';
import * as handshakes from './handshakes.js';
import * as organization from './organization.js';
import * as ous from './ous.js';
import * as policies from './policies.js';
import * as tags from './tags.js';

const operations: Record<string, Handler> = {
  CreateOrganization: organization.createOrganization,
  DescribeOrganization: organization.describeOrganization,
  DeleteOrganization: organization.deleteOrganization,
  ListRoots: organization.listRoots,
  EnablePolicyType: organization.enablePolicyType,
  DisablePolicyType: organization.disablePolicyType,
  EnableAWSServiceAccess: organization.enableAwsServiceAccess,
  DisableAWSServiceAccess: organization.disableAwsServiceAccess,
  ListAWSServiceAccessForOrganization: organization.listAwsServiceAccess,
  CreateOrganizationalUnit: ous.createOrganizationalUnit,
  UpdateOrganizationalUnit: ous.updateOrganizationalUnit,
  DeleteOrganizationalUnit: ous.deleteOrganizationalUnit,
  DescribeOrganizationalUnit: ous.describeOrganizationalUnit,
  ListOrganizationalUnitsForParent: ous.listOrganizationalUnitsForParent,
  CreateAccount: create.createAccount,
  DescribeCreateAccountStatus: create.describeCreateAccountStatus,
  ListCreateAccountStatus: create.listCreateAccountStatus,
  DescribeAccount: accounts.describeAccount,
  ListAccounts: accounts.listAccounts,
  ListAccountsForParent: accounts.listAccountsForParent,
  MoveAccount: accounts.moveAccount,
  ListParents: accounts.listParents,
  ListChildren: accounts.listChildren,
  CloseAccount: accounts.closeAccount,
  RemoveAccountFromOrganization: accounts.removeAccountFromOrganization,
  CreatePolicy: policies.createPolicy,
  DescribePolicy: policies.describePolicy,
  UpdatePolicy: policies.updatePolicy,
  DeletePolicy: policies.deletePolicy,
  ListPolicies: policies.listPolicies,
  AttachPolicy: attachments.attachPolicy,
  DetachPolicy: attachments.detachPolicy,
  ListPoliciesForTarget: attachments.listPoliciesForTarget,
  ListTargetsForPolicy: attachments.listTargetsForPolicy,
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
  ListTagsForResource: tags.listTagsForResource,
  InviteAccountToOrganization: handshakes.inviteAccountToOrganization,
  AcceptHandshake: handshakes.acceptHandshake,
  DeclineHandshake: handshakes.declineHandshake,
  CancelHandshake: handshakes.cancelHandshake,
  DescribeHandshake: handshakes.describeHandshake,
  ListHandshakesForAccount: handshakes.listHandshakesForAccount,
  ListHandshakesForOrganization: handshakes.listHandshakesForOrganization,
  RegisterDelegatedAdministrator: delegated.registerDelegatedAdministrator,
  DeregisterDelegatedAdministrator: delegated.deregisterDelegatedAdministrator,
  ListDelegatedAdministrators: delegated.listDelegatedAdministrators,
  ListDelegatedServicesForAccount: delegated.listDelegatedServicesForAccount,
  LeaveOrganization: accounts.leaveOrganizationHandler,
};

export const organizationsService: ServiceDefinition = {
  name: 'organizations',
  protocol: 'json',
  signingName: 'organizations',
  targetPrefix: 'AWSOrganizationsV20161128',
  operations,
  jobs: {
    'create-account': (key: string, ctx: HandlerContext) => create.completeCreateAccount(key, ctx),
    'close-account': (key: string, ctx: HandlerContext) => accounts.completeAccountClosure(key, ctx),
  },
  pendingJobs: (store: Store) => [
    ...create.pendingCreations(store),
    ...accounts.pendingClosures(store.values('accounts')),
  ],
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
};
