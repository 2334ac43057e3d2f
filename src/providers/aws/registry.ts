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
import type { KindProvider, ServiceReader } from './provider.js';
import { delegatedAdministratorProvider } from './organizations/delegated-administrator.js';
import { securityServiceProvider, securityServicesReader } from './security-services.js';

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
  'delegated-administrator': delegatedAdministratorProvider,
  'security-service': securityServiceProvider,
};

/** Every service's reader; together they observe every kind. */
export const READERS: readonly ServiceReader[] = [organizationsReader, identityCenterReader, securityServicesReader];
