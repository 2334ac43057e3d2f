import type { Operation } from '../registry.js';
import { ANY_RESOURCE, defineService } from '../registry.js';
import * as assignments from './assignments.js';
import * as instances from './instances.js';
import * as sets from './permission-sets.js';
import * as policies from './policies.js';
import * as provisioning from './provisioning.js';
import { ssoResource } from './resources.js';
import { SSO_ADMIN_TABLES } from './tables.js';
import * as tags from './tags.js';

const op = (handler: Operation['handler']): Operation => ({ handler, resource: ssoResource });

const operations: Record<string, Operation> = {
  ListInstances: { handler: instances.listInstances, resource: ANY_RESOURCE },
  DescribeInstance: op(instances.describeInstance),
  CreatePermissionSet: op(sets.createPermissionSet),
  DescribePermissionSet: op(sets.describePermissionSet),
  UpdatePermissionSet: op(sets.updatePermissionSet),
  DeletePermissionSet: op(sets.deletePermissionSet),
  ListPermissionSets: op(sets.listPermissionSets),
  AttachManagedPolicyToPermissionSet: op(policies.attachManagedPolicy),
  DetachManagedPolicyFromPermissionSet: op(policies.detachManagedPolicy),
  ListManagedPoliciesInPermissionSet: op(policies.listManagedPolicies),
  AttachCustomerManagedPolicyReferenceToPermissionSet: op(policies.attachCustomerManagedPolicy),
  DetachCustomerManagedPolicyReferenceFromPermissionSet: op(policies.detachCustomerManagedPolicy),
  ListCustomerManagedPolicyReferencesInPermissionSet: op(policies.listCustomerManagedPolicies),
  PutInlinePolicyToPermissionSet: op(policies.putInlinePolicy),
  GetInlinePolicyForPermissionSet: op(policies.getInlinePolicy),
  DeleteInlinePolicyFromPermissionSet: op(policies.deleteInlinePolicy),
  PutPermissionsBoundaryToPermissionSet: op(policies.putPermissionsBoundary),
  GetPermissionsBoundaryForPermissionSet: op(policies.getPermissionsBoundary),
  DeletePermissionsBoundaryFromPermissionSet: op(policies.deletePermissionsBoundary),
  ProvisionPermissionSet: op(provisioning.provisionPermissionSet),
  DescribePermissionSetProvisioningStatus: op(provisioning.describeProvisioningStatus),
  ListPermissionSetProvisioningStatus: op(provisioning.listProvisioningStatus),
  ListPermissionSetsProvisionedToAccount: op(provisioning.listPermissionSetsProvisionedToAccount),
  ListAccountsForProvisionedPermissionSet: op(provisioning.listAccountsForProvisionedPermissionSet),
  CreateAccountAssignment: op(assignments.createAccountAssignment),
  DeleteAccountAssignment: op(assignments.deleteAccountAssignment),
  DescribeAccountAssignmentCreationStatus: op(assignments.describeCreationStatus),
  DescribeAccountAssignmentDeletionStatus: op(assignments.describeDeletionStatus),
  ListAccountAssignmentCreationStatus: op(assignments.listCreationStatus),
  ListAccountAssignmentDeletionStatus: op(assignments.listDeletionStatus),
  ListAccountAssignments: op(assignments.listAccountAssignments),
  ListAccountAssignmentsForPrincipal: op(assignments.listAccountAssignmentsForPrincipal),
  TagResource: op(tags.tagResource),
  UntagResource: op(tags.untagResource),
  ListTagsForResource: op(tags.listTagsForResource),
};

/**
 * IAM Identity Center administration (sso-admin, awsJson1_1): regional, signing name `sso`. AWS documents one
 * collective throttle of 20 transactions per second for the API (the account access quotas page,
 * docs.aws.amazon.com/IAM/latest/UserGuide/aam-quotas.html: "a collective throttle limit of 20 transactions per
 * second (TPS)"), enforced here per account when throttling is on.
 */
export const ssoAdminService = defineService({
  name: 'sso-admin',
  protocol: 'json',
  signingName: 'sso',
  global: false,
  unsignedPayload: false,
  targetPrefix: 'SWBExternalService',
  operations,
  tables: SSO_ADMIN_TABLES,
  jobs: {
    'sso-account-assignment': {
      run: assignments.completeAssignmentOperation,
      pending: assignments.pendingAssignmentOperations,
    },
    'sso-provision-permission-set': {
      run: provisioning.completeProvisioning,
      pending: provisioning.pendingProvisioning,
    },
  },
  collectiveThrottle: { ratePerSecond: 20, burst: 20 },
  throttleError: { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 },
  internalError: {
    code: 'InternalServerException',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
    status: 500,
  },
});
