import type { ServiceDefinition } from '../registry.js';
import * as inline from './inline-policies.js';
import * as managed from './managed-policies.js';
import * as versions from './policy-versions.js';
import * as roles from './roles.js';
import * as simulate from './simulate.js';
import * as users from './users.js';

export const iamService: ServiceDefinition = {
  name: 'iam',
  protocol: 'query',
  signingName: 'iam',
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  apiVersion: '2010-05-08',
  operations: {
    CreateRole: roles.createRole,
    GetRole: roles.getRole,
    ListRoles: roles.listRoles,
    DeleteRole: roles.deleteRole,
    UpdateRole: roles.updateRole,
    UpdateAssumeRolePolicy: roles.updateAssumeRolePolicy,
    TagRole: roles.tagRole,
    UntagRole: roles.untagRole,
    ListRoleTags: roles.listRoleTags,
    PutRolePermissionsBoundary: roles.putRolePermissionsBoundary,
    DeleteRolePermissionsBoundary: roles.deleteRolePermissionsBoundary,
    CreateUser: users.createUser,
    GetUser: users.getUser,
    ListUsers: users.listUsers,
    DeleteUser: users.deleteUser,
    SimulatePrincipalPolicy: simulate.simulatePrincipalPolicy,
    SimulateCustomPolicy: simulate.simulateCustomPolicy,
    CreatePolicy: managed.createPolicy,
    GetPolicy: managed.getPolicy,
    GetPolicyVersion: managed.getPolicyVersion,
    ListPolicies: managed.listPolicies,
    DeletePolicy: managed.deletePolicy,
    CreatePolicyVersion: versions.createPolicyVersion,
    SetDefaultPolicyVersion: versions.setDefaultPolicyVersion,
    DeletePolicyVersion: versions.deletePolicyVersion,
    ListPolicyVersions: versions.listPolicyVersions,
    AttachRolePolicy: managed.attachRolePolicy,
    DetachRolePolicy: managed.detachRolePolicy,
    ListAttachedRolePolicies: managed.listAttachedRolePolicies,
    PutRolePolicy: inline.putRolePolicy,
    GetRolePolicy: inline.getRolePolicy,
    DeleteRolePolicy: inline.deleteRolePolicy,
    ListRolePolicies: inline.listRolePolicies,
  },
  throttleError: { code: 'Throttling', message: 'Rate exceeded', status: 400 },
  internalError: {
    code: 'ServiceFailure',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
    status: 500,
  },
};
