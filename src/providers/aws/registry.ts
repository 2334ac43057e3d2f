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
import { cloudTrailReader } from './cloudtrail/reader.js';
import { organizationTrailProvider } from './cloudtrail/organization-trail.js';
import { trailBucketReader } from './s3/reader.js';
import { trailBucketProvider } from './s3/trail-bucket.js';
import type { KindProvider, ServiceReader } from './provider.js';
import { delegatedAdministratorProvider } from './organizations/delegated-administrator.js';
import { securityServiceProvider, securityServicesReader } from './security-services.js';
import { serviceQuotaProvider } from './service-quotas/service-quota.js';
import { quotaTemplateProvider } from './service-quotas/quota-template.js';
import { serviceQuotasReader } from './service-quotas/reader.js';
import { costAllocationTagProvider, costAllocationTagsReader } from './cost-explorer/cost-allocation-tags.js';
import { budgetProvider } from './budgets/budget.js';
import { budgetsReader } from './budgets/reader.js';

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
  'trail-bucket': trailBucketProvider,
  'organization-trail': organizationTrailProvider,
  'delegated-administrator': delegatedAdministratorProvider,
  'security-service': securityServiceProvider,
  'service-quota': serviceQuotaProvider,
  'quota-template': quotaTemplateProvider,
  'cost-allocation-tag': costAllocationTagProvider,
  budget: budgetProvider,
};

/** Every service's reader; together they observe every kind. */
export const READERS: readonly ServiceReader[] = [
  organizationsReader,
  identityCenterReader,
  serviceAccessReader,
  cloudTrailReader,
  trailBucketReader,
  securityServicesReader,
  serviceQuotasReader,
  costAllocationTagsReader,
  budgetsReader,
];
