import type { OrganizationRecord } from '../organizations/tables.js';
import {
  delegateServiceAdmin,
  organizationOfAccount,
  undelegateUnlessAdminElsewhere,
} from '../organizations/service-delegation.js';
import type { HandlerContext } from '../registry.js';
import { invalidAccess, invalidInput, key, optMember, ownHub, SECURITY_HUB_PRINCIPAL } from './common.js';
import type { AutoEnableStandards } from './tables.js';

const STANDARDS: readonly AutoEnableStandards[] = ['NONE', 'DEFAULT'];

function managedOrganization(ctx: HandlerContext): OrganizationRecord {
  const org = organizationOfAccount(ctx.store, ctx.principal.accountId);
  if (org?.managementAccountId !== ctx.principal.accountId)
    throw invalidAccess(`Account ${ctx.principal.accountId} is not the management account of an organization`);
  return org;
}

function adminAccountId(input: Record<string, unknown>): string {
  const id = optMember<string>(input, 'AdminAccountId', 'string');
  if (id === undefined) throw invalidInput("Invalid parameter 'AdminAccountId'");
  if (!/^\d{12}$/.test(id)) throw invalidInput(`Invalid AdminAccountId ${id}`);
  optMember(input, 'Feature', 'string', ['SecurityHub']);
  return id;
}

/** From the management account: a member account becomes the region's Security Hub administrator. */
export function enableOrganizationAdminAccount(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const adminId = adminAccountId(input);
  const account = ctx.store.get('accounts', adminId);
  if (account?.organizationId !== org.id || account.status !== 'ACTIVE')
    throw invalidInput(`Account ${adminId} is not a member of the organization`);
  if (adminId === org.managementAccountId || org.featureSet !== 'ALL')
    throw invalidInput(`Account ${adminId} cannot be the Security Hub administrator account`);
  const k = key(org.id, ctx.region);
  const current = ctx.store.get('securityHubAdmins', k);
  if (current !== undefined && current.adminAccountId !== adminId)
    throw invalidInput(`Account ${current.adminAccountId} is already the Security Hub administrator account`);
  if (current === undefined)
    ctx.store.put('securityHubAdmins', k, {
      organizationId: org.id,
      region: ctx.region,
      adminAccountId: adminId,
      enabledAt: ctx.now,
    });
  delegateServiceAdmin(ctx.store, org, adminId, SECURITY_HUB_PRINCIPAL, ctx.now);
  return { AdminAccountId: adminId, Feature: 'SecurityHub' };
}

export function disableOrganizationAdminAccount(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const adminId = adminAccountId(input);
  const k = key(org.id, ctx.region);
  if (ctx.store.get('securityHubAdmins', k)?.adminAccountId !== adminId)
    throw invalidInput(`Account ${adminId} is not the Security Hub administrator account`);
  ctx.store.delete('securityHubAdmins', k);
  undelegateUnlessAdminElsewhere(
    ctx.store,
    ctx.store.values('securityHubAdmins'),
    org.id,
    adminId,
    SECURITY_HUB_PRINCIPAL,
  );
  return {};
}

export function listOrganizationAdminAccounts(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const max = input.MaxResults;
  if (max !== undefined && !/^(?:[1-9]|10)$/.test(String(max))) throw invalidInput("Invalid parameter 'MaxResults'");
  optMember(input, 'Feature', 'string', ['SecurityHub']);
  const admin = ctx.store.get('securityHubAdmins', key(org.id, ctx.region));
  return {
    AdminAccounts: admin === undefined ? [] : [{ AccountId: admin.adminAccountId, Status: 'ENABLED' }],
    Feature: 'SecurityHub',
  };
}

/** The caller's organization, when the caller is its Security Hub administrator here and subscribed. */
function administeredOrganization(ctx: HandlerContext): string {
  const org = organizationOfAccount(ctx.store, ctx.principal.accountId);
  const admin = org === undefined ? undefined : ctx.store.get('securityHubAdmins', key(org.id, ctx.region));
  if (org === undefined || admin?.adminAccountId !== ctx.principal.accountId)
    throw invalidAccess(`Account ${ctx.principal.accountId} is not an administrator for this organization`);
  ownHub(ctx);
  return org.id;
}

export function updateOrganizationConfiguration(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const orgId = administeredOrganization(ctx);
  const autoEnable = optMember<boolean>(input, 'AutoEnable', 'boolean');
  if (autoEnable === undefined) throw invalidInput("Invalid parameter 'AutoEnable'");
  const standards = optMember<AutoEnableStandards>(input, 'AutoEnableStandards', 'string', STANDARDS);
  const k = key(orgId, ctx.region);
  ctx.store.put('securityHubOrgConfigs', k, {
    organizationId: orgId,
    region: ctx.region,
    autoEnable,
    autoEnableStandards: standards ?? ctx.store.get('securityHubOrgConfigs', k)?.autoEnableStandards ?? 'DEFAULT',
  });
  return {};
}

export function describeOrganizationConfiguration(_input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const orgId = administeredOrganization(ctx);
  const config = ctx.store.get('securityHubOrgConfigs', key(orgId, ctx.region));
  return {
    AutoEnable: config?.autoEnable ?? false,
    MemberAccountLimitReached: false,
    AutoEnableStandards: config?.autoEnableStandards ?? 'DEFAULT',
    OrganizationConfiguration: { ConfigurationType: 'LOCAL', Status: 'ENABLED' },
  };
}
