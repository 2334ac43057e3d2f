import type { Kind } from '../../model/kinds.js';
import {
  accountProvider,
  organizationalUnitProvider,
  organizationProvider,
  organizationsReader,
  policyAttachmentProvider,
  policyProvider,
  policyTypeProvider,
} from './organizations/index.js';
import {
  accountAssignmentProvider,
  identityCenterProvider,
  identityCenterReader,
  permissionSetProvider,
  ssoGroupMembershipProvider,
  ssoGroupProvider,
  ssoUserProvider,
} from './identity-center/index.js';
import { serviceAccessProvider, serviceAccessReader } from './organizations/service-access.js';
import type { KindProvider, ServiceReader } from './provider.js';

/** One AWS provider per kind. */
export const PROVIDERS: { readonly [K in Kind]: KindProvider<K> } = {
  organization: organizationProvider,
  'policy-type': policyTypeProvider,
  'organizational-unit': organizationalUnitProvider,
  account: accountProvider,
  policy: policyProvider,
  'policy-attachment': policyAttachmentProvider,
  'identity-center': identityCenterProvider,
  'sso-user': ssoUserProvider,
  'sso-group': ssoGroupProvider,
  'sso-group-membership': ssoGroupMembershipProvider,
  'permission-set': permissionSetProvider,
  'account-assignment': accountAssignmentProvider,
  'service-access': serviceAccessProvider,
};

/** Every service's reader; together they observe every kind. */
export const READERS: readonly ServiceReader[] = [organizationsReader, identityCenterReader, serviceAccessReader];
