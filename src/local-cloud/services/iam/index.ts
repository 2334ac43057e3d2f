import { ANY_RESOURCE, defineService } from '../registry.js';
import * as inline from './inline-policies.js';
import * as managed from './managed-policies.js';
import * as versions from './policy-versions.js';
import { newPolicy, policyArnInput, policySource, role, user } from './resources.js';
import * as roles from './roles.js';
import * as simulate from './simulate.js';
import { IAM_TABLES } from './tables.js';
import * as users from './users.js';

/** IAM (awsQuery): a global service, so `aws:RequestedRegion` is us-east-1 whatever the signing region. */
export const iamService = defineService({
  name: 'iam',
  protocol: 'query',
  signingName: 'iam',
  global: true,
  unsignedPayload: false,
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  apiVersion: '2010-05-08',
  operations: {
    CreateRole: { handler: roles.createRole, resource: role },
    GetRole: { handler: roles.getRole, resource: role },
    ListRoles: { handler: roles.listRoles, resource: ANY_RESOURCE },
    DeleteRole: { handler: roles.deleteRole, resource: role },
    UpdateRole: { handler: roles.updateRole, resource: role },
    UpdateAssumeRolePolicy: { handler: roles.updateAssumeRolePolicy, resource: role },
    TagRole: { handler: roles.tagRole, resource: role },
    UntagRole: { handler: roles.untagRole, resource: role },
    ListRoleTags: { handler: roles.listRoleTags, resource: role },
    PutRolePermissionsBoundary: { handler: roles.putRolePermissionsBoundary, resource: role },
    DeleteRolePermissionsBoundary: { handler: roles.deleteRolePermissionsBoundary, resource: role },
    CreateUser: { handler: users.createUser, resource: user },
    GetUser: { handler: users.getUser, resource: user },
    ListUsers: { handler: users.listUsers, resource: ANY_RESOURCE },
    DeleteUser: { handler: users.deleteUser, resource: user },
    SimulatePrincipalPolicy: { handler: simulate.simulatePrincipalPolicy, resource: policySource },
    SimulateCustomPolicy: { handler: simulate.simulateCustomPolicy, resource: ANY_RESOURCE },
    CreatePolicy: { handler: managed.createPolicy, resource: newPolicy },
    GetPolicy: { handler: managed.getPolicy, resource: policyArnInput },
    GetPolicyVersion: { handler: managed.getPolicyVersion, resource: policyArnInput },
    ListPolicies: { handler: managed.listPolicies, resource: ANY_RESOURCE },
    DeletePolicy: { handler: managed.deletePolicy, resource: policyArnInput },
    CreatePolicyVersion: { handler: versions.createPolicyVersion, resource: policyArnInput },
    SetDefaultPolicyVersion: { handler: versions.setDefaultPolicyVersion, resource: policyArnInput },
    DeletePolicyVersion: { handler: versions.deletePolicyVersion, resource: policyArnInput },
    ListPolicyVersions: { handler: versions.listPolicyVersions, resource: policyArnInput },
    AttachRolePolicy: { handler: managed.attachRolePolicy, resource: role },
    DetachRolePolicy: { handler: managed.detachRolePolicy, resource: role },
    ListAttachedRolePolicies: { handler: managed.listAttachedRolePolicies, resource: role },
    PutRolePolicy: { handler: inline.putRolePolicy, resource: role },
    GetRolePolicy: { handler: inline.getRolePolicy, resource: role },
    DeleteRolePolicy: { handler: inline.deleteRolePolicy, resource: role },
    ListRolePolicies: { handler: inline.listRolePolicies, resource: role },
  },
  tables: IAM_TABLES,
  throttleError: { code: 'Throttling', message: 'Rate exceeded', status: 400 },
  internalError: {
    code: 'ServiceFailure',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
    status: 500,
  },
});
