import { AwsApiError } from '../../errors.js';
import { constraintViolation, invalidInput } from './errors.js';
import { newOrganizationId, newRootId } from '../../ids.js';
import type { OrganizationRecord } from './tables.js';
import { optString, paginateOrg, reqString } from './input.js';
import type { HandlerContext } from '../registry.js';
import { attach, detach, forgetTarget } from './attachments.js';
import {
  accountArn,
  callerOrganization,
  managedOrganization,
  orgAccounts,
  organizationArn,
  ROOT_ID_RE,
  rootArn,
  SERVICE_PRINCIPAL_RE,
} from './common.js';
import { POLICY_TYPES, POLICY_TYPE_NAMES } from './policy-types.js';

function policyTypesOf(ctx: HandlerContext, org: OrganizationRecord): { Type: string; Status: string }[] {
  return (ctx.store.get('roots', org.rootId)?.policyTypes ?? []).map((Type) => ({ Type, Status: 'ENABLED' }));
}

function organizationShape(ctx: HandlerContext, org: OrganizationRecord): Record<string, unknown> {
  const mgmt = ctx.store.get('accounts', org.managementAccountId);
  return {
    Id: org.id,
    Arn: organizationArn(org),
    FeatureSet: org.featureSet,
    MasterAccountArn: accountArn(org, org.managementAccountId),
    MasterAccountId: org.managementAccountId,
    MasterAccountEmail: mgmt?.email ?? '',
    // AWS (API_DescribeOrganization): this deprecated member lists SCPs only, enabled for an
    // all-features organization, whatever policy types the root has enabled.
    AvailablePolicyTypes: org.featureSet === 'ALL' ? [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] : [],
  };
}

export function createOrganization(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const featureSet = (optString(input, 'FeatureSet', { values: ['ALL', 'CONSOLIDATED_BILLING'] }) ??
    'ALL') as OrganizationRecord['featureSet'];
  const account = ctx.store.get('accounts', ctx.principal.accountId);
  if (account === undefined)
    throw new AwsApiError('AccessDeniedException', "You don't have permissions to access this resource.");
  if (account.organizationId !== null) {
    throw new AwsApiError(
      'AlreadyInOrganizationException',
      'The provided account is already a member of an organization.',
    );
  }
  const org: OrganizationRecord = {
    id: newOrganizationId(),
    managementAccountId: account.id,
    featureSet,
    rootId: newRootId(),
    createdAt: ctx.now,
    serviceAccess: {},
    closures: [],
  };
  ctx.store.put('organizations', org.id, org);
  ctx.store.put('roots', org.rootId, { id: org.rootId, name: 'Root', policyTypes: [] });
  ctx.store.put('accounts', account.id, {
    ...account,
    organizationId: org.id,
    parentId: org.rootId,
    joinedMethod: 'CREATED',
    joinedAt: ctx.now,
  });
  return { Organization: organizationShape(ctx, org) };
}

export function describeOrganization(_input: Record<string, unknown>, ctx: HandlerContext): unknown {
  return { Organization: organizationShape(ctx, callerOrganization(ctx)) };
}

export function deleteOrganization(_input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const members = orgAccounts(ctx.store, org.id);
  if (members.some((a) => a.id !== org.managementAccountId)) {
    throw new AwsApiError(
      'OrganizationNotEmptyException',
      'To delete an organization you must first remove all member accounts (except the management account).',
    );
  }
  for (const ou of [...ctx.store.values('ous')]) {
    if (ou.id.startsWith(`ou-${org.rootId.slice(2)}-`)) {
      ctx.store.delete('ous', ou.id);
      forgetTarget(ctx.store, ou.id);
    }
  }
  for (const p of [...ctx.store.values('policies')]) {
    if (p.organizationId === org.id) {
      ctx.store.delete('policies', p.id);
      ctx.store.delete('tags', p.id);
    }
  }
  for (const h of [...ctx.store.values('handshakes')])
    if (h.organizationId === org.id) ctx.store.delete('handshakes', h.id);
  for (const d of [...ctx.store.values('delegatedAdmins')]) {
    if (ctx.store.get('accounts', d.accountId)?.organizationId === org.id)
      ctx.store.delete('delegatedAdmins', `${d.accountId}|${d.servicePrincipal}`);
  }
  forgetTarget(ctx.store, org.rootId);
  forgetTarget(ctx.store, org.managementAccountId);
  ctx.store.delete('roots', org.rootId);
  ctx.store.delete('organizations', org.id);
  const mgmt = ctx.store.get('accounts', org.managementAccountId);
  if (mgmt !== undefined)
    ctx.store.put('accounts', mgmt.id, {
      ...mgmt,
      organizationId: null,
      parentId: null,
      joinedMethod: null,
      joinedAt: null,
    });
  return {};
}

export function listRoots(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const root = ctx.store.get('roots', org.rootId);
  const roots =
    root === undefined
      ? []
      : [{ Id: root.id, Arn: rootArn(org, root.id), Name: root.name, PolicyTypes: policyTypesOf(ctx, org) }];
  const { page, NextToken } = paginateOrg(roots, 'ListRoots', input);
  return { Roots: page, NextToken };
}

function rootShape(ctx: HandlerContext, org: OrganizationRecord): Record<string, unknown> {
  const root = ctx.store.get('roots', org.rootId);
  return {
    Id: org.rootId,
    Arn: rootArn(org, org.rootId),
    Name: root?.name ?? 'Root',
    PolicyTypes: policyTypesOf(ctx, org),
  };
}

function readRoot(input: Record<string, unknown>, ctx: HandlerContext, org: OrganizationRecord): string {
  const rootId = reqString(input, 'RootId', { max: 34, pattern: ROOT_ID_RE });
  if (rootId !== org.rootId)
    throw new AwsApiError(
      'RootNotFoundException',
      `We can't find a root with the RootId that you specified: ${rootId}.`,
    );
  return rootId;
}

/** Enabling SCPs (or RCPs) attaches the AWS managed default policy to the root and to every OU and account. */
export function enablePolicyType(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const rootId = readRoot(input, ctx, org);
  const type = reqString(input, 'PolicyType', { values: POLICY_TYPE_NAMES, patternReason: 'INVALID_ENUM_POLICY_TYPE' });
  if (org.featureSet !== 'ALL')
    throw constraintViolation(
      'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
      'You attempted to perform an operation that requires the organization to be configured to support all features.',
    );
  const root = ctx.store.get('roots', rootId);
  if (root === undefined)
    throw new AwsApiError(
      'RootNotFoundException',
      `We can't find a root with the RootId that you specified: ${rootId}.`,
    );
  if (root.policyTypes.includes(type))
    throw new AwsApiError('PolicyTypeAlreadyEnabledException', 'The specified policy type is already enabled.');
  ctx.store.put('roots', rootId, { ...root, policyTypes: [...root.policyTypes, type] });
  const def = POLICY_TYPES[type]?.defaultPolicyId;
  if (def !== undefined) {
    attach(ctx.store, def, rootId);
    for (const ou of ctx.store.values('ous'))
      if (ou.id.startsWith(`ou-${rootId.slice(2)}-`)) attach(ctx.store, def, ou.id);
    for (const a of orgAccounts(ctx.store, org.id)) attach(ctx.store, def, a.id);
  }
  return { Root: rootShape(ctx, org) };
}

/** Disabling a policy type detaches every policy of that type from every target. */
export function disablePolicyType(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const rootId = readRoot(input, ctx, org);
  const type = reqString(input, 'PolicyType', { values: POLICY_TYPE_NAMES });
  const root = ctx.store.get('roots', rootId);
  if (root === undefined || !root.policyTypes.includes(type)) {
    throw new AwsApiError(
      'PolicyTypeNotEnabledException',
      'This operation can be performed only for enabled policy types.',
    );
  }
  ctx.store.put('roots', rootId, { ...root, policyTypes: root.policyTypes.filter((t) => t !== type) });
  for (const a of [...ctx.store.values('attachments')]) {
    for (const pid of a.policyIds)
      if (ctx.store.get('policies', pid)?.type === type) detach(ctx.store, pid, a.targetId);
  }
  return { Root: rootShape(ctx, org) };
}

function readServicePrincipal(input: Record<string, unknown>): string {
  const sp = reqString(input, 'ServicePrincipal', { min: 1, max: 128, pattern: SERVICE_PRINCIPAL_RE });
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/.test(sp)) {
    throw invalidInput(
      'UNRECOGNIZED_SERVICE_PRINCIPAL',
      `You specified a service principal that isn't recognized: ${sp}.`,
    );
  }
  return sp;
}

export function enableAwsServiceAccess(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const sp = readServicePrincipal(input);
  if (org.serviceAccess[sp] === undefined)
    ctx.store.put('organizations', org.id, { ...org, serviceAccess: { ...org.serviceAccess, [sp]: ctx.now } });
  return {};
}

export function disableAwsServiceAccess(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const sp = readServicePrincipal(input);
  const access = { ...org.serviceAccess };
  delete access[sp];
  ctx.store.put('organizations', org.id, { ...org, serviceAccess: access });
  return {};
}

export function listAwsServiceAccess(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const list = Object.entries(org.serviceAccess).map(([ServicePrincipal, at]) => ({
    ServicePrincipal,
    DateEnabled: new Date(at),
  }));
  const { page, NextToken } = paginateOrg(list, 'ListAWSServiceAccessForOrganization', input);
  return { EnabledServicePrincipals: page, NextToken };
}
