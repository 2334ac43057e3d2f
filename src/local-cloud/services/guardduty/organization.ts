import type { OrganizationRecord } from '../organizations/tables.js';
import {
  delegateServiceAdmin,
  organizationOfAccount,
  undelegateUnlessAdminElsewhere,
} from '../organizations/service-delegation.js';
import type { HandlerContext } from '../registry.js';
import { GUARDDUTY_PRINCIPAL, invalidValue, notOrganizationAdmin, optEnum, optMember, ownDetector } from './common.js';
import type { AutoEnableMembers, GuardDutyOrgConfigRecord } from './tables.js';
import { regionalKey } from './tables.js';

const AUTO_ENABLE: readonly AutoEnableMembers[] = ['NEW', 'ALL', 'NONE'];

/** The caller's organization when the caller is its management account (GuardDuty's wording otherwise). */
function managedOrganization(ctx: HandlerContext): OrganizationRecord {
  const org = organizationOfAccount(ctx.store, ctx.principal.accountId);
  if (org?.managementAccountId !== ctx.principal.accountId) throw notOrganizationAdmin();
  return org;
}

function adminAccountId(input: Record<string, unknown>): string {
  const id = optMember<string>(input, 'adminAccountId', 'string');
  if (id === undefined || !/^\d{12}$/.test(id)) throw invalidValue();
  return id;
}

function checkMaxResults(input: Record<string, unknown>): void {
  const max = input.maxResults;
  if (max !== undefined && !/^(?:[1-9]|[1-4]\d|50)$/.test(String(max))) throw invalidValue();
}

/** From the management account: an active member account becomes the region's GuardDuty delegated administrator. */
export function enableOrganizationAdminAccount(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const adminId = adminAccountId(input);
  const account = ctx.store.get('accounts', adminId);
  if (
    account?.organizationId !== org.id ||
    account.status !== 'ACTIVE' ||
    adminId === org.managementAccountId ||
    org.featureSet !== 'ALL'
  )
    throw invalidValue();
  const key = regionalKey(org.id, ctx.region);
  const current = ctx.store.get('guarddutyAdmins', key);
  if (current !== undefined && current.adminAccountId !== adminId) throw invalidValue();
  if (current === undefined)
    ctx.store.put('guarddutyAdmins', key, {
      organizationId: org.id,
      region: ctx.region,
      adminAccountId: adminId,
      enabledAt: ctx.now,
    });
  delegateServiceAdmin(ctx.store, org, adminId, GUARDDUTY_PRINCIPAL, ctx.now);
  return {};
}

export function disableOrganizationAdminAccount(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const adminId = adminAccountId(input);
  const key = regionalKey(org.id, ctx.region);
  if (ctx.store.get('guarddutyAdmins', key)?.adminAccountId !== adminId) throw invalidValue();
  ctx.store.delete('guarddutyAdmins', key);
  undelegateUnlessAdminElsewhere(ctx.store, ctx.store.values('guarddutyAdmins'), org.id, adminId, GUARDDUTY_PRINCIPAL);
  return {};
}

export function listOrganizationAdminAccounts(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  checkMaxResults(input);
  const admin = ctx.store.get('guarddutyAdmins', regionalKey(org.id, ctx.region));
  return {
    adminAccounts: admin === undefined ? [] : [{ adminAccountId: admin.adminAccountId, adminStatus: 'ENABLED' }],
  };
}

/** The caller's detector, when the caller is its organization's delegated administrator in this region. */
function adminScope(input: Record<string, unknown>, ctx: HandlerContext): { orgId: string } {
  ownDetector(input, ctx);
  const org = organizationOfAccount(ctx.store, ctx.principal.accountId);
  const admin = org === undefined ? undefined : ctx.store.get('guarddutyAdmins', regionalKey(org.id, ctx.region));
  if (org === undefined || admin?.adminAccountId !== ctx.principal.accountId) throw notOrganizationAdmin();
  return { orgId: org.id };
}

function readOrgFeatures(input: Record<string, unknown>): Record<string, AutoEnableMembers> | undefined {
  const list = input.features;
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw invalidValue();
  const out: Record<string, AutoEnableMembers> = {};
  for (const f of list as unknown[]) {
    const item = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    const name = optMember<string>(item, 'name', 'string');
    const autoEnable = optEnum(item, 'autoEnable', AUTO_ENABLE);
    if (name === undefined || autoEnable === undefined) throw invalidValue();
    out[name] = autoEnable;
  }
  return out;
}

/** AutoEnable (deprecated: true means NEW) or AutoEnableOrganizationMembers; one of them is required. */
export function updateOrganizationConfiguration(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { orgId } = adminScope(input, ctx);
  const autoEnable = optMember<boolean>(input, 'autoEnable', 'boolean');
  const members = optEnum(input, 'autoEnableOrganizationMembers', AUTO_ENABLE);
  const features = readOrgFeatures(input);
  if (autoEnable === undefined && members === undefined) throw invalidValue();
  const key = regionalKey(orgId, ctx.region);
  const record: GuardDutyOrgConfigRecord = {
    organizationId: orgId,
    region: ctx.region,
    autoEnableOrganizationMembers: members ?? (autoEnable === true ? 'NEW' : 'NONE'),
    features: { ...(ctx.store.get('guarddutyOrgConfigs', key)?.features ?? {}), ...(features ?? {}) },
  };
  ctx.store.put('guarddutyOrgConfigs', key, record);
  return {};
}

export function describeOrganizationConfiguration(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { orgId } = adminScope(input, ctx);
  checkMaxResults(input);
  const config = ctx.store.get('guarddutyOrgConfigs', regionalKey(orgId, ctx.region));
  const members = config?.autoEnableOrganizationMembers ?? 'NONE';
  return {
    autoEnable: members !== 'NONE',
    autoEnableOrganizationMembers: members,
    memberAccountLimitReached: false,
    features: Object.entries(config?.features ?? {}).map(([name, autoEnable]) => ({ name, autoEnable })),
  };
}
