import { AwsApiError } from '../../errors.js';
import { constraintViolation } from './errors.js';
import type { DelegatedAdminRecord } from './tables.js';
import { optString, paginateOrg, reqString } from './input.js';
import type { HandlerContext } from '../registry.js';
import { ACCOUNT_ID_RE, accountShape, managedOrganization, memberAccount, SERVICE_PRINCIPAL_RE } from './common.js';

const key = (accountId: string, sp: string): string => `${accountId}|${sp}`;

function readInput(input: Record<string, unknown>): { accountId: string; sp: string } {
  return {
    accountId: reqString(input, 'AccountId', { max: 12, pattern: ACCOUNT_ID_RE }),
    sp: reqString(input, 'ServicePrincipal', { min: 1, max: 128, pattern: SERVICE_PRINCIPAL_RE }),
  };
}

export function registerDelegatedAdministrator(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const { accountId, sp } = readInput(input);
  const account = memberAccount(ctx.store, org, accountId);
  if (accountId === org.managementAccountId) {
    throw constraintViolation(
      'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR',
      'You can designate only a member account as a delegated administrator.',
    );
  }
  if (account.status !== 'ACTIVE') {
    throw constraintViolation(
      'CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR',
      'You cannot register a suspended account as a delegated administrator.',
    );
  }
  // AWS: trusted access for the service must be enabled before a delegated administrator is registered.
  if (org.serviceAccess[sp] === undefined) {
    throw constraintViolation(
      'SERVICE_ACCESS_NOT_ENABLED',
      'You attempted to register a delegated administrator before you enabled service access. Call the EnableAWSServiceAccess API first.',
    );
  }
  if (ctx.store.has('delegatedAdmins', key(accountId, sp))) {
    throw new AwsApiError(
      'AccountAlreadyRegisteredException',
      'The provided account is already a delegated administrator for your organization.',
    );
  }
  ctx.store.put('delegatedAdmins', key(accountId, sp), { accountId, servicePrincipal: sp, enabledAt: ctx.now });
  return {};
}

export function deregisterDelegatedAdministrator(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const { accountId, sp } = readInput(input);
  memberAccount(ctx.store, org, accountId);
  if (!ctx.store.has('delegatedAdmins', key(accountId, sp))) {
    throw new AwsApiError(
      'AccountNotRegisteredException',
      'The specified account is not a delegated administrator for this AWS service.',
    );
  }
  ctx.store.delete('delegatedAdmins', key(accountId, sp));
  return {};
}

function orgDelegations(ctx: HandlerContext, orgId: string): DelegatedAdminRecord[] {
  return [...ctx.store.values('delegatedAdmins')].filter(
    (d) => ctx.store.get('accounts', d.accountId)?.organizationId === orgId,
  );
}

export function listDelegatedAdministrators(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const sp = optString(input, 'ServicePrincipal', { min: 1, max: 128, pattern: SERVICE_PRINCIPAL_RE });
  const admins = new Map<string, DelegatedAdminRecord>();
  for (const d of orgDelegations(ctx, org.id)) {
    if (sp !== undefined && d.servicePrincipal !== sp) continue;
    const seen = admins.get(d.accountId);
    if (seen === undefined || d.enabledAt < seen.enabledAt) admins.set(d.accountId, d);
  }
  const list = [...admins.values()].map((d) => {
    const a = memberAccount(ctx.store, org, d.accountId);
    const shape = accountShape(org, a);
    return { ...shape, DelegationEnabledDate: new Date(d.enabledAt) };
  });
  const { page, NextToken } = paginateOrg(list, `ListDelegatedAdministrators/${sp ?? ''}`, input);
  return { DelegatedAdministrators: page, NextToken };
}

export function listDelegatedServicesForAccount(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const accountId = reqString(input, 'AccountId', { max: 12, pattern: ACCOUNT_ID_RE });
  memberAccount(ctx.store, org, accountId);
  const services = orgDelegations(ctx, org.id)
    .filter((d) => d.accountId === accountId)
    .map((d) => ({ ServicePrincipal: d.servicePrincipal, DelegationEnabledDate: new Date(d.enabledAt) }));
  if (services.length === 0)
    throw new AwsApiError(
      'AccountNotRegisteredException',
      'The specified account is not a delegated administrator for this AWS service.',
    );
  const { page, NextToken } = paginateOrg(services, `ListDelegatedServicesForAccount/${accountId}`, input);
  return { DelegatedServices: page, NextToken };
}
