import { AwsApiError } from '../../errors.js';
import { constraintViolation } from './errors.js';
import type { AccountRecord } from '../../store/state.js';
import { paginateOrg, reqString } from './input.js';
import type { Store } from '../../store/store.js';
import type { HandlerContext } from '../registry.js';
import { attachDefaultPolicies, forgetTarget } from './attachments.js';
import {
  ACCOUNT_ID_RE,
  accountShape,
  callerOrganization,
  findParent,
  managedOrganization,
  memberAccount,
  orgAccounts,
  PARENT_ID_RE,
} from './common.js';
import { orgOus } from './ous.js';

const readAccountId = (input: Record<string, unknown>): string =>
  reqString(input, 'AccountId', { max: 12, pattern: ACCOUNT_ID_RE });

export function describeAccount(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  return { Account: accountShape(org, memberAccount(ctx.store, org, readAccountId(input))) };
}

export function listAccounts(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const { page, NextToken } = paginateOrg(orgAccounts(ctx.store, org.id), 'ListAccounts', input);
  return { Accounts: page.map((a) => accountShape(org, a)), NextToken };
}

export function listAccountsForParent(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const parentId = reqString(input, 'ParentId', { max: 100, pattern: PARENT_ID_RE });
  findParent(ctx.store, org, parentId);
  const accounts = orgAccounts(ctx.store, org.id).filter((a) => a.parentId === parentId);
  const { page, NextToken } = paginateOrg(accounts, `ListAccountsForParent/${parentId}`, input);
  return { Accounts: page.map((a) => accountShape(org, a)), NextToken };
}

export function moveAccount(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const accountId = readAccountId(input);
  const source = reqString(input, 'SourceParentId', { max: 100, pattern: PARENT_ID_RE });
  const destination = reqString(input, 'DestinationParentId', { max: 100, pattern: PARENT_ID_RE });
  const account = memberAccount(ctx.store, org, accountId);
  findParent(ctx.store, org, source, 'SourceParentNotFoundException');
  findParent(ctx.store, org, destination, 'DestinationParentNotFoundException');
  if (account.parentId !== source) {
    throw new AwsApiError(
      'AccountNotFoundException',
      `You specified an account that doesn't exist in the source parent: ${accountId}.`,
    );
  }
  if (source === destination)
    throw new AwsApiError('DuplicateAccountException', 'That account is already present in the specified destination.');
  ctx.store.put('accounts', account.id, { ...account, parentId: destination });
  return {};
}

const CHILD_ID_RE = /^(?:\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

export function listParents(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const childId = reqString(input, 'ChildId', { max: 100, pattern: CHILD_ID_RE });
  let parentId: string | null | undefined;
  if (childId.startsWith('ou-')) {
    const ou = ctx.store.get('ous', childId);
    parentId = ou !== undefined && childId.startsWith(`ou-${org.rootId.slice(2)}-`) ? ou.parentId : undefined;
  } else {
    const a = ctx.store.get('accounts', childId);
    parentId = a?.organizationId === org.id ? a.parentId : undefined;
  }
  if (parentId === undefined || parentId === null) {
    throw new AwsApiError(
      'ChildNotFoundException',
      `We can't find an organizational unit (OU) or AWS account with the ChildId that you specified: ${childId}.`,
    );
  }
  const parents = [{ Id: parentId, Type: parentId.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }];
  const { page, NextToken } = paginateOrg(parents, `ListParents/${childId}`, input);
  return { Parents: page, NextToken };
}

export function listChildren(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const parentId = reqString(input, 'ParentId', { max: 100, pattern: PARENT_ID_RE });
  const type = reqString(input, 'ChildType', { values: ['ACCOUNT', 'ORGANIZATIONAL_UNIT'] });
  findParent(ctx.store, org, parentId);
  const ids =
    type === 'ACCOUNT'
      ? orgAccounts(ctx.store, org.id)
          .filter((a) => a.parentId === parentId)
          .map((a) => a.id)
      : orgOus(ctx.store, org)
          .filter((o) => o.parentId === parentId)
          .map((o) => o.id);
  const { page, NextToken } = paginateOrg(ids, `ListChildren/${parentId}/${type}`, input);
  return { Children: page.map((Id) => ({ Id, Type: type })), NextToken };
}

export function removeAccountFromOrganization(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const account = memberAccount(ctx.store, org, readAccountId(input));
  if (account.id === org.managementAccountId) {
    throw new AwsApiError(
      'MasterCannotLeaveOrganizationException',
      "You can't remove a management account from an organization. If you want the management account to " +
        'become a member account in another organization, you must first delete the current organization of ' +
        'the management account.',
    );
  }
  for (const d of ctx.store.values('delegatedAdmins')) {
    if (d.accountId === account.id) {
      throw constraintViolation(
        'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG',
        'You cannot remove an account that is registered as a delegated administrator for a service integrated with your organization.',
      );
    }
  }
  leaveOrganization(ctx, account);
  return {};
}

/** LeaveOrganization: a member account leaves the organization it belongs to. */
export function leaveOrganizationHandler(_input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = callerOrganization(ctx);
  const account = memberAccount(ctx.store, org, ctx.principal.accountId);
  if (account.id === org.managementAccountId) {
    throw new AwsApiError(
      'MasterCannotLeaveOrganizationException',
      "You can't remove a management account from an organization.",
    );
  }
  for (const d of ctx.store.values('delegatedAdmins')) {
    if (d.accountId === account.id) {
      throw constraintViolation(
        'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG',
        'You cannot remove an account that is registered as a delegated administrator for a service integrated with your organization.',
      );
    }
  }
  leaveOrganization(ctx, account);
  return {};
}

export function leaveOrganization(ctx: HandlerContext, account: AccountRecord): void {
  forgetTarget(ctx.store, account.id);
  ctx.store.put('accounts', account.id, {
    ...account,
    organizationId: null,
    parentId: null,
    joinedMethod: null,
    joinedAt: null,
  });
}

/** Joins an account to the organization under its root, with the default policies attached. */
export function joinOrganization(
  ctx: HandlerContext,
  account: AccountRecord,
  orgId: string,
  method: 'CREATED' | 'INVITED',
): AccountRecord {
  const org = ctx.store.get('organizations', orgId);
  if (org === undefined) return account;
  const joined: AccountRecord = {
    ...account,
    organizationId: org.id,
    parentId: org.rootId,
    joinedMethod: method,
    joinedAt: ctx.now,
  };
  ctx.store.put('accounts', joined.id, joined);
  attachDefaultPolicies(ctx.store, org, joined.id);
  return joined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * AWS (API_CloseAccount, current reference): "Within a rolling 30 day period you can close the higher
 * of either 250 or 20% of the member accounts in your organization, up to a maximum of 1,000."
 */
export function closeAccountQuota(memberAccounts: number): number {
  return Math.min(1000, Math.max(250, Math.floor(memberAccounts * 0.2)));
}

export function closeAccount(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const account = memberAccount(ctx.store, org, readAccountId(input));
  if (account.id === org.managementAccountId) {
    throw constraintViolation(
      'CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
      "You attempted to close the management account. You can't close the management account with CloseAccount.",
    );
  }
  if (account.status !== 'ACTIVE')
    throw new AwsApiError('AccountAlreadyClosedException', 'You attempted to close an account that is already closed.');
  // AWS: "You can close an account when all features are enabled."
  if (org.featureSet !== 'ALL') {
    throw constraintViolation(
      'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
      'You attempted to perform an operation that requires the organization to be configured to support all features.',
    );
  }
  const recent = org.closures.filter((t) => t > ctx.now - 30 * DAY_MS);
  const members = orgAccounts(ctx.store, org.id).filter((a) => a.id !== org.managementAccountId).length;
  const quota = closeAccountQuota(members);
  if (recent.length >= quota) {
    throw constraintViolation(
      'CLOSE_ACCOUNT_QUOTA_EXCEEDED',
      `You have exceeded close account quota (${quota}) for the past 30 days.`,
    );
  }
  const completesAt = ctx.now + ctx.config.latency.closeAccountMs;
  ctx.store.put('organizations', org.id, { ...org, closures: [...recent, ctx.now] });
  ctx.store.put('accounts', account.id, { ...account, status: 'PENDING_CLOSURE', closeCompletesAt: completesAt });
  ctx.schedule({ kind: 'close-account', key: account.id, at: completesAt });
  return {};
}

export function completeAccountClosure(accountId: string, ctx: HandlerContext): void {
  const account = ctx.store.get('accounts', accountId);
  if (account?.status !== 'PENDING_CLOSURE') return;
  const done: AccountRecord = { ...account, status: 'SUSPENDED' };
  delete done.closeCompletesAt;
  ctx.store.put('accounts', accountId, done);
}

export function pendingClosures(store: Store): { key: string; at: number }[] {
  const jobs: { key: string; at: number }[] = [];
  for (const a of store.values('accounts'))
    if (a.status === 'PENDING_CLOSURE') jobs.push({ key: a.id, at: a.closeCompletesAt ?? 0 });
  return jobs;
}
