import { accountArn, handshakeArn, ouArn, policyArn, rootArn } from '../services/organizations/common.js';
import { roleKey } from '../services/iam/provision.js';
import { userKey } from '../services/iam/users.js';
import type { OrganizationRecord } from '../store/state.js';
import type { Store } from '../store/store.js';
import { organizationOf } from './scp-chain.js';

/**
 * The resource each operation is authorized against, as in the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html,
 * …/list_awsidentityandaccessmanagementiam.html, …/list_awssecuritytokenservice.html): the ARN of the
 * first required resource type, or `*` where the action has none. The action is `<service>:<Operation>`.
 */
export interface ResourceEnv {
  store: Store;
  /** The caller's account: IAM resources live there, Organizations resources in its organization. */
  accountId: string;
  org: OrganizationRecord | undefined;
}

type Resolver = (input: Record<string, unknown>, env: ResourceEnv) => string;

const ANY = '*';
const str = (input: Record<string, unknown>, name: string): string | undefined => {
  const v = input[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

// --- Organizations: ARNs are built from ids (AWS authorizes before it looks the entity up) ---
function entityArn(env: ResourceEnv, id: string | undefined): string {
  const { org, store } = env;
  if (org === undefined || id === undefined) return ANY;
  if (id.startsWith('r-')) return rootArn(org, id);
  if (id.startsWith('ou-')) return ouArn(org, id);
  if (id.startsWith('p-')) {
    const p = store.get('policies', id);
    if (p !== undefined) return policyArn(org, p);
    return `arn:aws:organizations::${org.managementAccountId}:policy/${org.id}/service_control_policy/${id}`;
  }
  if (/^\d{12}$/.test(id)) return accountArn(org, id);
  return ANY;
}
const orgEntity =
  (member: string): Resolver =>
  (input, env) =>
    entityArn(env, str(input, member));
const handshake: Resolver = (input, env) => {
  const id = str(input, 'HandshakeId');
  return env.org === undefined || id === undefined ? ANY : handshakeArn(env.org, id);
};

const ORGANIZATIONS: Record<string, Resolver> = {
  CreateOrganization: () => ANY,
  DescribeOrganization: () => ANY,
  DeleteOrganization: () => ANY,
  ListRoots: () => ANY,
  EnablePolicyType: orgEntity('RootId'),
  DisablePolicyType: orgEntity('RootId'),
  EnableAWSServiceAccess: () => ANY,
  DisableAWSServiceAccess: () => ANY,
  ListAWSServiceAccessForOrganization: () => ANY,
  CreateOrganizationalUnit: orgEntity('ParentId'),
  UpdateOrganizationalUnit: orgEntity('OrganizationalUnitId'),
  DeleteOrganizationalUnit: orgEntity('OrganizationalUnitId'),
  DescribeOrganizationalUnit: orgEntity('OrganizationalUnitId'),
  ListOrganizationalUnitsForParent: orgEntity('ParentId'),
  CreateAccount: () => ANY,
  DescribeCreateAccountStatus: () => ANY,
  ListCreateAccountStatus: () => ANY,
  DescribeAccount: orgEntity('AccountId'),
  ListAccounts: () => ANY,
  ListAccountsForParent: orgEntity('ParentId'),
  MoveAccount: orgEntity('AccountId'),
  ListParents: orgEntity('ChildId'),
  ListChildren: orgEntity('ParentId'),
  CloseAccount: orgEntity('AccountId'),
  RemoveAccountFromOrganization: orgEntity('AccountId'),
  CreatePolicy: () => ANY,
  DescribePolicy: orgEntity('PolicyId'),
  UpdatePolicy: orgEntity('PolicyId'),
  DeletePolicy: orgEntity('PolicyId'),
  ListPolicies: () => ANY,
  AttachPolicy: orgEntity('PolicyId'),
  DetachPolicy: orgEntity('PolicyId'),
  ListPoliciesForTarget: orgEntity('TargetId'),
  ListTargetsForPolicy: orgEntity('PolicyId'),
  TagResource: orgEntity('ResourceId'),
  UntagResource: orgEntity('ResourceId'),
  ListTagsForResource: orgEntity('ResourceId'),
  InviteAccountToOrganization: () => ANY,
  AcceptHandshake: handshake,
  DeclineHandshake: handshake,
  CancelHandshake: handshake,
  DescribeHandshake: handshake,
  ListHandshakesForAccount: () => ANY,
  ListHandshakesForOrganization: () => ANY,
  RegisterDelegatedAdministrator: orgEntity('AccountId'),
  DeregisterDelegatedAdministrator: orgEntity('AccountId'),
  ListDelegatedAdministrators: () => ANY,
  ListDelegatedServicesForAccount: orgEntity('AccountId'),
  LeaveOrganization: () => ANY,
};

// --- IAM: resources of the caller's account ---
const role: Resolver = (input, env) => {
  const name = str(input, 'RoleName');
  if (name === undefined) return ANY;
  // The path is part of a role ARN: take it from the role (or CreateRole's input), else `/`.
  const path = env.store.get('roles', roleKey(env.accountId, name))?.path ?? str(input, 'Path') ?? '/';
  return `arn:aws:iam::${env.accountId}:role${path}${name}`;
};
const user: Resolver = (input, env) => {
  const name = str(input, 'UserName');
  if (name === undefined) return ANY;
  const path = env.store.get('users', userKey(env.accountId, name))?.path ?? str(input, 'Path') ?? '/';
  return `arn:aws:iam::${env.accountId}:user${path}${name}`;
};
const policyArnInput: Resolver = (input) => str(input, 'PolicyArn') ?? ANY;

const IAM: Record<string, Resolver> = {
  CreateRole: role,
  GetRole: role,
  ListRoles: () => ANY,
  DeleteRole: role,
  UpdateRole: role,
  UpdateAssumeRolePolicy: role,
  TagRole: role,
  UntagRole: role,
  ListRoleTags: role,
  PutRolePermissionsBoundary: role,
  DeleteRolePermissionsBoundary: role,
  CreatePolicy: (input, env) => {
    const name = str(input, 'PolicyName');
    return name === undefined ? ANY : `arn:aws:iam::${env.accountId}:policy${str(input, 'Path') ?? '/'}${name}`;
  },
  GetPolicy: policyArnInput,
  GetPolicyVersion: policyArnInput,
  ListPolicies: () => ANY,
  DeletePolicy: policyArnInput,
  CreatePolicyVersion: policyArnInput,
  SetDefaultPolicyVersion: policyArnInput,
  DeletePolicyVersion: policyArnInput,
  ListPolicyVersions: policyArnInput,
  AttachRolePolicy: role,
  DetachRolePolicy: role,
  ListAttachedRolePolicies: role,
  PutRolePolicy: role,
  GetRolePolicy: role,
  DeleteRolePolicy: role,
  ListRolePolicies: role,
  CreateUser: user,
  GetUser: user,
  ListUsers: () => ANY,
  DeleteUser: user,
  SimulatePrincipalPolicy: (input) => str(input, 'PolicySourceArn') ?? ANY,
  SimulateCustomPolicy: () => ANY,
};

const STS: Record<string, Resolver> = {
  AssumeRole: (input) => str(input, 'RoleArn') ?? ANY,
};

export const OPERATION_RESOURCES: Readonly<
  Record<'organizations' | 'iam' | 'sts', Readonly<Record<string, Resolver>>>
> = {
  organizations: ORGANIZATIONS,
  iam: IAM,
  sts: STS,
};

/**
 * AWS: "No permissions are required to perform this operation" (STS GetCallerIdentity): an explicit
 * deny on sts:GetCallerIdentity does not stop it.
 */
export const UNAUTHORIZED_OPERATIONS: ReadonlySet<string> = new Set(['sts:GetCallerIdentity']);

/** The action and resource a call is authorized against; undefined for operations that need no permission. */
export function actionAndResource(
  service: 'organizations' | 'iam' | 'sts',
  operation: string,
  input: Record<string, unknown>,
  store: Store,
  accountId: string,
): { action: string; resource: string } | undefined {
  const action = `${service}:${operation}`;
  if (UNAUTHORIZED_OPERATIONS.has(action)) return undefined;
  const resolve = OPERATION_RESOURCES[service][operation];
  const resource =
    resolve === undefined ? ANY : resolve(input, { store, accountId, org: organizationOf(store, accountId) });
  return { action, resource };
}
