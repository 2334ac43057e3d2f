import { AwsApiError } from '../../errors.js';
import { constraintViolation, invalidInput } from './errors.js';
import { newAccountId, newCreateAccountRequestId } from '../../ids.js';
import type { AccountRecord } from '../../store/state.js';
import type { CreateAccountStatusRecord } from './tables.js';
import type { Store } from '../../store/store.js';
import { provisionAccountAccessRole } from '../iam/provision.js';
import { optString, optStringList, paginateOrg, readTags, reqString } from './input.js';
import type { HandlerContext } from '../registry.js';
import { joinOrganization } from './accounts.js';
import { EMAIL_RE, managedOrganization, orgAccounts } from './common.js';
import { setTags } from './tags.js';
import { fileTemplateRequests } from '../service-quotas/template.js';

const STATES = ['IN_PROGRESS', 'SUCCEEDED', 'FAILED'] as const;

function statusShape(s: CreateAccountStatusRecord): Record<string, unknown> {
  return {
    Id: s.id,
    AccountName: s.accountName,
    State: s.state,
    RequestedTimestamp: new Date(s.requestedAt),
    CompletedTimestamp: s.completedAt === undefined ? undefined : new Date(s.completedAt),
    AccountId: s.accountId,
    FailureReason: s.failureReason,
  };
}

function inFlight(store: Store, orgId: string): number {
  let n = 0;
  for (const s of store.values('createAccountStatus')) if (s.organizationId === orgId && s.state === 'IN_PROGRESS') n++;
  return n;
}

/**
 * AWS: CreateAccount is asynchronous. The request answers IN_PROGRESS; the outcome (SUCCEEDED with
 * an AccountId, or FAILED with a FailureReason such as EMAIL_ALREADY_EXISTS or ACCOUNT_LIMIT_EXCEEDED)
 * appears later in DescribeCreateAccountStatus.
 */
export function createAccount(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const email = reqString(input, 'Email', { min: 6, max: 64, pattern: EMAIL_RE });
  const accountName = reqString(input, 'AccountName', { min: 1, max: 50, pattern: /^[\u0020-\u007E]+$/ });
  const roleName =
    optString(input, 'RoleName', { max: 64, pattern: /^[\w+=,.@-]{1,64}$/, patternReason: 'INVALID_ROLE_NAME' }) ??
    'OrganizationAccountAccessRole';
  optString(input, 'IamUserAccessToBilling', { values: ['ALLOW', 'DENY'] });
  const tags = readTags(input);
  if (Object.keys(tags).length > ctx.config.quotas.maxTagsPerResource) {
    throw constraintViolation(
      'MAX_TAG_LIMIT_EXCEEDED',
      'You have exceeded the number of tags allowed on this resource.',
    );
  }
  // AWS: at most 5 account creations in progress at once. Answered as throttling, which SDKs retry.
  if (inFlight(ctx.store, org.id) >= ctx.config.quotas.maxConcurrentAccountCreations) {
    throw new AwsApiError(
      'TooManyRequestsException',
      "AWS Organizations can't complete your request because too many account creations are already in progress. Try again later.",
    );
  }
  const status: CreateAccountStatusRecord = {
    id: newCreateAccountRequestId(),
    organizationId: org.id,
    accountName,
    email,
    roleName,
    tags,
    state: 'IN_PROGRESS',
    requestedAt: ctx.now,
    completesAt: ctx.now + ctx.config.latency.createAccountMs,
  };
  ctx.store.put('createAccountStatus', status.id, status);
  ctx.schedule({ kind: 'create-account', key: status.id, at: status.completesAt });
  return { CreateAccountStatus: statusShape(status) };
}

function emailInUse(store: Store, email: string): boolean {
  const wanted = email.toLowerCase();
  for (const a of store.values('accounts')) if (a.email.toLowerCase() === wanted) return true;
  return false;
}

function newUniqueAccountId(store: Store): string {
  for (;;) {
    const id = newAccountId();
    if (!store.has('accounts', id)) return id;
  }
}

/** The job that settles a CreateAccount request. */
export function completeCreateAccount(requestId: string, ctx: HandlerContext): void {
  const status = ctx.store.get('createAccountStatus', requestId);
  if (status?.state !== 'IN_PROGRESS') return;
  const org = ctx.store.get('organizations', status.organizationId);
  const fail = (reason: string): void =>
    ctx.store.put('createAccountStatus', requestId, {
      ...status,
      state: 'FAILED',
      completedAt: ctx.now,
      failureReason: reason,
    });
  if (org === undefined) return fail('INTERNAL_FAILURE');
  if (emailInUse(ctx.store, status.email)) return fail('EMAIL_ALREADY_EXISTS');
  if (orgAccounts(ctx.store, org.id).length >= ctx.config.quotas.maxAccounts) return fail('ACCOUNT_LIMIT_EXCEEDED');
  const account: AccountRecord = {
    id: newUniqueAccountId(ctx.store),
    email: status.email,
    name: status.accountName,
    status: 'ACTIVE',
    organizationId: null,
    parentId: null,
    joinedMethod: null,
    joinedAt: null,
    createdAt: ctx.now,
  };
  joinOrganization(ctx, account, org.id, 'CREATED');
  if (Object.keys(status.tags).length > 0) setTags(ctx.store, account.id, status.tags);
  provisionAccountAccessRole(ctx.store, account.id, status.roleName, org.managementAccountId, ctx.now);
  ctx.store.put('createAccountStatus', requestId, {
    ...status,
    state: 'SUCCEEDED',
    completedAt: ctx.now,
    accountId: account.id,
  });
  fileTemplateRequests(ctx, org.id, account.id);
}

export function pendingCreations(store: Store): { key: string; at: number }[] {
  const jobs: { key: string; at: number }[] = [];
  for (const s of store.values('createAccountStatus'))
    if (s.state === 'IN_PROGRESS') jobs.push({ key: s.id, at: s.completesAt });
  return jobs;
}

export function describeCreateAccountStatus(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const id = reqString(input, 'CreateAccountRequestId', { max: 36, pattern: /^car-[a-z0-9]{8,32}$/ });
  const status = ctx.store.get('createAccountStatus', id);
  if (status === undefined || status.organizationId !== org.id) {
    throw new AwsApiError(
      'CreateAccountStatusNotFoundException',
      `We can't find a create account request with the CreateAccountRequestId that you specified: ${id}.`,
    );
  }
  return { CreateAccountStatus: statusShape(status) };
}

export function listCreateAccountStatus(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const states = optStringList(input, 'States');
  for (const s of states ?? [])
    if (!(STATES as readonly string[]).includes(s))
      throw invalidInput('INVALID_ENUM', `You specified an invalid value for States: ${s}.`);
  const all = [...ctx.store.values('createAccountStatus')].filter(
    (s) => s.organizationId === org.id && (states === undefined || states.length === 0 || states.includes(s.state)),
  );
  const { page, NextToken } = paginateOrg(all, `ListCreateAccountStatus/${(states ?? []).join(',')}`, input);
  return { CreateAccountStatuses: page.map(statusShape), NextToken };
}
