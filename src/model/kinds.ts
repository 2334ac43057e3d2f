import type { CostAllocationTagPayload, DesiredCostAllocationTag, ObservedCostAllocationTag } from './cost-kinds.js';
import type { DesiredAssignment, DesiredIdentityCenter, DesiredMembership } from './identity-desired.js';
import type {
  AssignmentPayload,
  IdentityCenterPayload,
  MembershipPayload,
  PermissionSetPayload,
  SsoGroupPayload,
  SsoUserPayload,
} from './identity-payloads.js';
import type {
  ObservedAssignment,
  ObservedIdentityCenter,
  ObservedMembership,
  ObservedPermissionSet,
  ObservedSsoGroup,
  ObservedSsoUser,
} from './observed-identity.js';
import type { Account, IdentityUser, OrganizationalUnit, PermissionSet, ServiceControlPolicy } from './organization.js';
import type {
  ObservedAccount,
  ObservedAttachment,
  ObservedOrganization,
  ObservedOu,
  ObservedPolicy,
  ObservedPolicyType,
  ObservedServiceAccess,
} from './observed.js';
import type {
  DelegatedAdminPayload,
  DesiredDelegatedAdmin,
  DesiredSecurityService,
  ObservedDelegatedAdmin,
  ObservedSecurityService,
  SecurityServicePayload,
} from './security-services.js';
import type {
  AccountPayload,
  AttachmentPayload,
  OrganizationPayload,
  OuPayload,
  PolicyPayload,
  PolicyTypePayload,
  ServiceAccessPayload,
} from './payloads.js';
import type { BudgetPayload, DesiredBudget, ObservedBudget } from './budget-kinds.js';
import type {
  DesiredOrganizationTrail,
  DesiredTrailBucket,
  ObservedOrganizationTrail,
  ObservedTrailBucket,
  OrganizationTrailPayload,
  TrailBucketPayload,
} from './trail-kinds.js';
import type {
  DesiredQuotaTemplate,
  DesiredServiceQuota,
  ObservedQuotaTemplate,
  ObservedServiceQuota,
  QuotaTemplatePayload,
  ServiceQuotaPayload,
} from './quota-kinds.js';

/**
 * Every kind Bulkhead manages: what the spec asks for, what refresh observes, and what a planned
 * change carries to its provider. Adding a kind starts here (docs/architecture.md, "Adding a kind").
 */
export interface KindMap {
  organization: { desired: { name: string }; observed: ObservedOrganization; payload: OrganizationPayload };
  'policy-type': { desired: { type: string }; observed: ObservedPolicyType; payload: PolicyTypePayload };
  'organizational-unit': { desired: OrganizationalUnit; observed: ObservedOu; payload: OuPayload };
  account: { desired: Account; observed: ObservedAccount; payload: AccountPayload };
  policy: { desired: ServiceControlPolicy; observed: ObservedPolicy; payload: PolicyPayload };
  'policy-attachment': {
    desired: { policy: string; target: string };
    observed: ObservedAttachment;
    payload: AttachmentPayload;
  };
  'identity-center': {
    desired: DesiredIdentityCenter;
    observed: ObservedIdentityCenter;
    payload: IdentityCenterPayload;
  };
  'sso-user': { desired: IdentityUser; observed: ObservedSsoUser; payload: SsoUserPayload };
  'sso-group': {
    desired: { name: string; description?: string; members: string[] };
    observed: ObservedSsoGroup;
    payload: SsoGroupPayload;
  };
  'sso-group-membership': { desired: DesiredMembership; observed: ObservedMembership; payload: MembershipPayload };
  'permission-set': { desired: PermissionSet; observed: ObservedPermissionSet; payload: PermissionSetPayload };
  'account-assignment': { desired: DesiredAssignment; observed: ObservedAssignment; payload: AssignmentPayload };
  'service-access': { desired: { principal: string }; observed: ObservedServiceAccess; payload: ServiceAccessPayload };
  'trail-bucket': { desired: DesiredTrailBucket; observed: ObservedTrailBucket; payload: TrailBucketPayload };
  'organization-trail': {
    desired: DesiredOrganizationTrail;
    observed: ObservedOrganizationTrail;
    payload: OrganizationTrailPayload;
  };
  'delegated-administrator': {
    desired: DesiredDelegatedAdmin;
    observed: ObservedDelegatedAdmin;
    payload: DelegatedAdminPayload;
  };
  'security-service': {
    desired: DesiredSecurityService;
    observed: ObservedSecurityService;
    payload: SecurityServicePayload;
  };
  'service-quota': { desired: DesiredServiceQuota; observed: ObservedServiceQuota; payload: ServiceQuotaPayload };
  'quota-template': { desired: DesiredQuotaTemplate; observed: ObservedQuotaTemplate; payload: QuotaTemplatePayload };
  'cost-allocation-tag': {
    desired: DesiredCostAllocationTag;
    observed: ObservedCostAllocationTag;
    payload: CostAllocationTagPayload;
  };
  budget: { desired: DesiredBudget; observed: ObservedBudget; payload: BudgetPayload };
}

export type Kind = keyof KindMap;

/** The kinds in the order they are listed in docs; planning order is derived from dependencies. */
export const KINDS = [
  'organization',
  'policy-type',
  'organizational-unit',
  'account',
  'policy',
  'policy-attachment',
  'identity-center',
  'sso-user',
  'sso-group',
  'sso-group-membership',
  'permission-set',
  'account-assignment',
  'service-access',
  'trail-bucket',
  'organization-trail',
  'delegated-administrator',
  'security-service',
  'service-quota',
  'quota-template',
  'cost-allocation-tag',
  'budget',
] as const satisfies readonly Kind[];

/** Where a resource lives in Bulkhead's eyes: its kind and natural key (OU path, account email…). */
export interface Address<K extends Kind = Kind> {
  kind: K;
  key: string;
}

export const address = <K extends Kind>(kind: K, key: string): Address<K> => ({ kind, key });

/** One text per address, for maps and logs: `account:aws+dev@acme.com`. */
export const addressText = (a: Address): string => `${a.kind}:${a.key}`;
