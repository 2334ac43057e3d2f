import type { Kind } from '../model/kinds.js';
import { accountAssignmentPlanner } from './kinds/account-assignment.js';
import { accountPlanner } from './kinds/account.js';
import { delegatedAdministratorPlanner } from './kinds/delegated-administrator.js';
import { securityServicePlanner } from './kinds/security-service.js';
import { identityCenterPlanner } from './kinds/identity-center.js';
import { permissionSetPlanner } from './kinds/permission-set.js';
import { ssoGroupMembershipPlanner } from './kinds/sso-group-membership.js';
import { ssoGroupPlanner } from './kinds/sso-group.js';
import { ssoUserPlanner } from './kinds/sso-user.js';
import { organizationPlanner } from './kinds/organization.js';
import { organizationalUnitPlanner } from './kinds/organizational-unit.js';
import { policyAttachmentPlanner } from './kinds/policy-attachment.js';
import { policyPlanner } from './kinds/policy.js';
import { policyTypePlanner } from './kinds/policy-type.js';
import { serviceAccessPlanner } from './kinds/service-access.js';
import { organizationTrailPlanner } from './kinds/organization-trail.js';
import { trailBucketPlanner } from './kinds/trail-bucket.js';
import { serviceQuotaPlanner } from './kinds/service-quota.js';
import { quotaTemplatePlanner } from './kinds/quota-template.js';
import { costAllocationTagPlanner } from './kinds/cost-allocation-tag.js';
import { budgetPlanner } from './kinds/budget.js';
import { dependencyOrder, type KindPlanner } from './planner.js';

/** One pure planner per kind. */
export const PLANNERS: { readonly [K in Kind]: KindPlanner<K> } = {
  organization: organizationPlanner,
  'policy-type': policyTypePlanner,
  'organizational-unit': organizationalUnitPlanner,
  account: accountPlanner,
  policy: policyPlanner,
  'policy-attachment': policyAttachmentPlanner,
  'identity-center': identityCenterPlanner,
  'sso-user': ssoUserPlanner,
  'sso-group': ssoGroupPlanner,
  'sso-group-membership': ssoGroupMembershipPlanner,
  'permission-set': permissionSetPlanner,
  'account-assignment': accountAssignmentPlanner,
  'service-access': serviceAccessPlanner,
  'trail-bucket': trailBucketPlanner,
  'organization-trail': organizationTrailPlanner,
  'delegated-administrator': delegatedAdministratorPlanner,
  'security-service': securityServicePlanner,
  'service-quota': serviceQuotaPlanner,
  'quota-template': quotaTemplatePlanner,
  'cost-allocation-tag': costAllocationTagPlanner,
  budget: budgetPlanner,
};

/** The planners in dependency order: the order of diff; deletions run in reverse. */
export const PLANNING_ORDER: readonly KindPlanner[] = dependencyOrder(Object.values(PLANNERS) as KindPlanner[]);
