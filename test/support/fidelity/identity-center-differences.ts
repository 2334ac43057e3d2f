import type { DeliberateDifference } from './differential.js';

/*
 * Where moto 5 departs from AWS on IAM Identity Center and the local cloud follows AWS. Each entry
 * skips one aspect of one step of identity-center-scenario.ts; `moto` names the moto source file.
 */

const SSO_API = 'https://docs.aws.amazon.com/singlesignon/latest/APIReference';
const MOTO_SSO = 'moto/ssoadmin/models.py';
const STORE_API = 'https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference';

/** moto's IdentityStoreId is `d-` plus 10 random lower-case letters and digits (moto/ssoadmin/models.py, Instance). */
const storeIdSteps: [string, string][] = [
  ['list instances', 'Instances[].IdentityStoreId'],
  ['create user', 'IdentityStoreId'],
  ['create group', 'IdentityStoreId'],
  ['create membership', 'IdentityStoreId'],
  ['describe user', 'IdentityStoreId'],
  ['describe group', 'IdentityStoreId'],
  ['list users by user name', 'Users[].IdentityStoreId'],
  ['list groups', 'Groups[].IdentityStoreId'],
  ['list memberships', 'GroupMemberships[].IdentityStoreId'],
  ['list memberships for member', 'GroupMemberships[].IdentityStoreId'],
];

/** Members of User, Group and GroupMembership in the current API reference that moto 5 does not send. */
const auditSteps: [string, string, string][] = [
  ['describe user', '', 'User'],
  ['list users by user name', 'Users[].', 'User'],
  ['describe group', '', 'Group'],
  ['list groups', 'Groups[].', 'Group'],
  ['list memberships', 'GroupMemberships[].', 'GroupMembership'],
  ['list memberships for member', 'GroupMemberships[].', 'GroupMembership'],
];

export const IDENTITY_CENTER_DIFFERENCES: readonly DeliberateDifference[] = [
  {
    label: 'duplicate permission set',
    aspect: 'outcome',
    moto: `${MOTO_SSO} (create_permission_set): creates a second permission set with the same name`,
    aws: 'ConflictException',
    doc: `${SSO_API}/API_CreatePermissionSet.html (ConflictException); AWS's message "PermissionSet with name … already exists." is quoted from CloudTrail in https://github.com/hashicorp/terraform-provider-aws/issues/38544`,
  },
  {
    label: 'session duration over 12 hours',
    aspect: 'outcome',
    moto: `${MOTO_SSO} (create_permission_set): accepts PT13H`,
    aws: 'ValidationException',
    doc: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/howtosessionduration.html (1 to 12 hours)',
  },
  ...['permission sets provisioned to account', 'accounts for provisioned permission set'].map((label) => ({
    label,
    aspect: label.startsWith('accounts') ? 'shape AccountIds[]' : 'shape PermissionSets[]',
    moto: `${MOTO_SSO}: an account assignment does not provision the permission set, so the list is empty`,
    aws: 'present: "As part of a successful CreateAccountAssignment call, the specified permission set will automatically be provisioned to the account"',
    doc: `${SSO_API}/API_CreateAccountAssignment.html`,
  })),
  ...storeIdSteps.map(([label, path]) => ({
    label,
    aspect: `value ${path}`,
    moto: 'd- plus 10 random lower-case letters and digits (moto/ssoadmin/models.py, Instance)',
    aws: '<identity-store>',
    doc: `${STORE_API}/API_DescribeUser.html (IdentityStoreId pattern d-[0-9a-f]{10})`,
  })),
  ...auditSteps.flatMap(([label, prefix, type]) =>
    ['CreatedAt', 'UpdatedAt', ...(type === 'User' ? ['UserStatus'] : [])].map((member) => ({
      label,
      aspect: `shape ${prefix}${member}`,
      moto: `moto/identitystore/models.py: ${type} has no ${member}`,
      aws: `present: a member of ${type}`,
      doc: `${STORE_API}/API_${type}.html`,
    })),
  ),
  ...[
    ['describe group', 'ExternalIds'],
    ['list groups', 'Groups[].ExternalIds'],
  ].map(([label = '', path = '']) => ({
    label,
    aspect: `shape ${path}`,
    moto: 'moto/identitystore/models.py: ExternalIds: [] for a group created through the API',
    aws: 'absent: ExternalIds has at least 1 item when present, and only an external IdP (SCIM) sets them',
    doc: `${STORE_API}/API_Group.html (ExternalIds: minimum number of 1 item)`,
  })),
  {
    label: 'provision permission set',
    aspect: 'shape PermissionSetProvisioningStatus.AccountId',
    moto: `${MOTO_SSO} (provision_permission_set): an AccountId although the request targets ALL_PROVISIONED_ACCOUNTS`,
    aws: 'absent: a request for ALL_PROVISIONED_ACCOUNTS names no account (TargetId is for AWS_ACCOUNT)',
    doc: `${SSO_API}/API_ProvisionPermissionSet.html and ${SSO_API}/API_PermissionSetProvisioningStatus.html`,
  },
  ...storeIdSteps.map(([label, path]) => ({
    label,
    aspect: `value ${path}`,
    moto: 'd- plus 10 random lower-case letters and digits (moto/ssoadmin/models.py, Instance)',
    aws: '<identity-store>',
    doc: `${STORE_API}/API_DescribeUser.html (IdentityStoreId pattern d-[0-9a-f]{10})`,
  })),
  ...auditSteps.flatMap(([label, prefix, type]) =>
    ['CreatedAt', 'UpdatedAt', ...(type === 'User' ? ['UserStatus'] : [])].map((member) => ({
      label,
      aspect: `shape ${prefix}${member}`,
      moto: `moto/identitystore/models.py: ${type} has no ${member}`,
      aws: `present: a member of ${type}`,
      doc: `${STORE_API}/API_${type}.html`,
    })),
  ),
  ...[
    ['describe group', 'ExternalIds'],
    ['list groups', 'Groups[].ExternalIds'],
  ].map(([label = '', path = '']) => ({
    label,
    aspect: `shape ${path}`,
    moto: 'moto/identitystore/models.py: ExternalIds: [] for a group created through the API',
    aws: 'absent: ExternalIds has at least 1 item when present, and only an external IdP (SCIM) sets them',
    doc: `${STORE_API}/API_Group.html (ExternalIds: minimum number of 1 item)`,
  })),
  {
    label: 'provision permission set',
    aspect: 'shape PermissionSetProvisioningStatus.AccountId',
    moto: `${MOTO_SSO} (provision_permission_set): an AccountId although the request targets ALL_PROVISIONED_ACCOUNTS`,
    aws: 'absent: a request for ALL_PROVISIONED_ACCOUNTS names no account (TargetId is for AWS_ACCOUNT)',
    doc: `${SSO_API}/API_ProvisionPermissionSet.html and ${SSO_API}/API_PermissionSetProvisioningStatus.html`,
  },
  ...storeIdSteps.map(([label, path]) => ({
    label,
    aspect: `value ${path}`,
    moto: 'd- plus 10 random lower-case letters and digits (moto/ssoadmin/models.py, Instance)',
    aws: '<identity-store>',
    doc: `${STORE_API}/API_DescribeUser.html (IdentityStoreId pattern d-[0-9a-f]{10})`,
  })),
  ...auditSteps.flatMap(([label, prefix, type]) =>
    ['CreatedAt', 'UpdatedAt', ...(type === 'User' ? ['UserStatus'] : [])].map((member) => ({
      label,
      aspect: `shape ${prefix}${member}`,
      moto: `moto/identitystore/models.py: ${type} has no ${member}`,
      aws: `present: a member of ${type}`,
      doc: `${STORE_API}/API_${type}.html`,
    })),
  ),
  ...[
    ['describe group', 'ExternalIds'],
    ['list groups', 'Groups[].ExternalIds'],
  ].map(([label = '', path = '']) => ({
    label,
    aspect: `shape ${path}`,
    moto: 'moto/identitystore/models.py: ExternalIds: [] for a group created through the API',
    aws: 'absent: ExternalIds has at least 1 item when present, and only an external IdP (SCIM) sets them',
    doc: `${STORE_API}/API_Group.html (ExternalIds: minimum number of 1 item)`,
  })),
  {
    label: 'provision permission set',
    aspect: 'shape PermissionSetProvisioningStatus.AccountId',
    moto: `${MOTO_SSO} (provision_permission_set): an AccountId although the request targets ALL_PROVISIONED_ACCOUNTS`,
    aws: 'absent: a request for ALL_PROVISIONED_ACCOUNTS names no account (TargetId is for AWS_ACCOUNT)',
    doc: `${SSO_API}/API_ProvisionPermissionSet.html and ${SSO_API}/API_PermissionSetProvisioningStatus.html`,
  },
];
