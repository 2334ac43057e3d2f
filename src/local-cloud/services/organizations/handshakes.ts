import { AwsApiError } from '../../errors.js';
import { invalidInput } from './errors.js';
import { newHandshakeId } from '../../ids.js';
import type { HandshakeRecord, OrganizationRecord } from './tables.js';
import type { Store } from '../../store/store.js';
import { optObject, optString, paginateOrg, readTags, reqString } from './input.js';
import type { HandlerContext } from '../registry.js';
import { joinOrganization } from './accounts.js';
import { ACCOUNT_ID_RE, EMAIL_RE, handshakeArn, managedOrganization, orgAccounts } from './common.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** AWS: an invitation expires after 15 days. */
const HANDSHAKE_TTL_MS = 15 * DAY_MS;

const handshakeConstraint = (reason: string, message: string): AwsApiError =>
  new AwsApiError('HandshakeConstraintViolationException', message, 400, { Reason: reason });

const notFound = (id: string): AwsApiError =>
  new AwsApiError(
    'HandshakeNotFoundException',
    `We can't find a handshake with the HandshakeId that you specified: ${id}.`,
  );

/** OPEN handshakes past their expiry read as EXPIRED. */
function stateOf(h: HandshakeRecord, now: number): HandshakeRecord['state'] {
  return h.state === 'OPEN' && now >= h.expiresAt ? 'EXPIRED' : h.state;
}

function handshakeShape(store: Store, h: HandshakeRecord, now: number): Record<string, unknown> {
  const org = store.get('organizations', h.organizationId);
  const mgmt = store.get('accounts', h.managementAccountId);
  const orgForArn: OrganizationRecord = org ?? {
    id: h.organizationId,
    managementAccountId: h.managementAccountId,
    featureSet: 'ALL',
    rootId: '',
    createdAt: 0,
    serviceAccess: {},
    closures: [],
  };
  const resources: Record<string, unknown>[] = [
    {
      Type: 'ORGANIZATION',
      Value: h.organizationId,
      Resources: [
        { Type: 'MASTER_EMAIL', Value: mgmt?.email ?? '' },
        { Type: 'MASTER_NAME', Value: mgmt?.name ?? '' },
        { Type: 'ORGANIZATION_FEATURE_SET', Value: org?.featureSet ?? 'ALL' },
      ],
    },
    { Type: h.targetType, Value: h.targetId },
  ];
  if (h.notes !== '') resources.push({ Type: 'NOTES', Value: h.notes });
  return {
    Id: h.id,
    Arn: handshakeArn(orgForArn, h.id),
    Parties: [
      { Id: h.organizationId, Type: 'ORGANIZATION' },
      { Id: h.targetId, Type: h.targetType },
    ],
    State: stateOf(h, now),
    RequestedTimestamp: new Date(h.requestedAt),
    ExpirationTimestamp: new Date(h.expiresAt),
    Action: 'INVITE',
    Resources: resources,
  };
}

function accountByEmail(store: Store, email: string): string | null {
  const wanted = email.toLowerCase();
  for (const a of store.values('accounts')) if (a.email.toLowerCase() === wanted) return a.id;
  return null;
}

/** Accounts, open invitations and creations in flight all count against the account quota. */
function committedAccounts(store: Store, org: OrganizationRecord, now: number): number {
  let n = orgAccounts(store, org.id).length;
  for (const h of store.values('handshakes')) if (h.organizationId === org.id && stateOf(h, now) === 'OPEN') n++;
  for (const s of store.values('createAccountStatus'))
    if (s.organizationId === org.id && s.state === 'IN_PROGRESS') n++;
  return n;
}

export function inviteAccountToOrganization(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const target = optObject(input, 'Target');
  if (target === undefined) throw invalidInput('INPUT_REQUIRED', 'You must specify a value for Target.');
  const type = reqString(target, 'Type', { values: ['ACCOUNT', 'ORGANIZATION', 'EMAIL'] });
  if (type === 'ORGANIZATION')
    throw invalidInput('INVALID_PARTY_TYPE_TARGET', 'You specified the wrong type for the handshake target.');
  const targetId =
    type === 'ACCOUNT'
      ? reqString(target, 'Id', { pattern: ACCOUNT_ID_RE })
      : reqString(target, 'Id', { min: 6, max: 64, pattern: EMAIL_RE, patternReason: 'INVALID_EMAIL_ADDRESS_TARGET' });
  const notes = optString(input, 'Notes', { max: 1024 }) ?? '';
  readTags(input);
  const accountId =
    type === 'ACCOUNT' ? (ctx.store.has('accounts', targetId) ? targetId : null) : accountByEmail(ctx.store, targetId);
  const account = accountId === null ? undefined : ctx.store.get('accounts', accountId);
  if (account !== undefined && account.organizationId !== null) {
    throw handshakeConstraint('ALREADY_IN_AN_ORGANIZATION', 'The account is already a member of an organization.');
  }
  for (const h of ctx.store.values('handshakes')) {
    if (
      h.organizationId === org.id &&
      stateOf(h, ctx.now) === 'OPEN' &&
      (h.targetId === targetId || (accountId !== null && h.accountId === accountId))
    ) {
      throw new AwsApiError(
        'DuplicateHandshakeException',
        'A handshake with the same action and target already exists.',
      );
    }
  }
  if (committedAccounts(ctx.store, org, ctx.now) >= ctx.config.quotas.maxAccounts) {
    throw handshakeConstraint(
      'ACCOUNT_NUMBER_LIMIT_EXCEEDED',
      'You attempted to exceed the limit on the number of accounts in an organization.',
    );
  }
  const h: HandshakeRecord = {
    id: newHandshakeId(),
    organizationId: org.id,
    managementAccountId: org.managementAccountId,
    targetType: type as HandshakeRecord['targetType'],
    targetId,
    accountId,
    notes,
    state: 'OPEN',
    requestedAt: ctx.now,
    expiresAt: ctx.now + HANDSHAKE_TTL_MS,
  };
  ctx.store.put('handshakes', h.id, h);
  return { Handshake: handshakeShape(ctx.store, h, ctx.now) };
}

const readId = (input: Record<string, unknown>): string =>
  reqString(input, 'HandshakeId', { max: 34, pattern: /^h-[0-9a-z]{8,32}$/ });

function isInvitee(ctx: HandlerContext, h: HandshakeRecord): boolean {
  if (h.accountId === ctx.principal.accountId) return true;
  const me = ctx.store.get('accounts', ctx.principal.accountId);
  return h.targetType === 'EMAIL' && me !== undefined && me.email.toLowerCase() === h.targetId.toLowerCase();
}

function visible(ctx: HandlerContext, id: string): HandshakeRecord {
  const h = ctx.store.get('handshakes', id);
  if (h === undefined || !(isInvitee(ctx, h) || h.managementAccountId === ctx.principal.accountId)) throw notFound(id);
  return h;
}

function transition(ctx: HandlerContext, h: HandshakeRecord, to: HandshakeRecord['state']): HandshakeRecord {
  const state = stateOf(h, ctx.now);
  if (state === to)
    throw new AwsApiError(
      'HandshakeAlreadyInStateException',
      `The specified handshake is already in the requested state: ${to}.`,
    );
  if (state !== 'OPEN')
    throw new AwsApiError(
      'InvalidHandshakeTransitionException',
      `You can't perform the operation on the handshake in its current state: ${state}.`,
    );
  const next = { ...h, state: to };
  ctx.store.put('handshakes', h.id, next);
  return next;
}

export function acceptHandshake(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const h = visible(ctx, readId(input));
  if (!isInvitee(ctx, h))
    throw new AwsApiError('AccessDeniedException', "You don't have permissions to access this resource.");
  const me = ctx.store.get('accounts', ctx.principal.accountId);
  const org = ctx.store.get('organizations', h.organizationId);
  if (me === undefined || org === undefined) throw notFound(h.id);
  if (stateOf(h, ctx.now) === 'OPEN' && me.organizationId !== null) {
    throw handshakeConstraint('ALREADY_IN_AN_ORGANIZATION', 'The account is already a member of an organization.');
  }
  if (stateOf(h, ctx.now) === 'OPEN' && orgAccounts(ctx.store, org.id).length >= ctx.config.quotas.maxAccounts) {
    throw handshakeConstraint(
      'ACCOUNT_NUMBER_LIMIT_EXCEEDED',
      'You attempted to exceed the limit on the number of accounts in an organization.',
    );
  }
  const next = transition(ctx, h, 'ACCEPTED');
  joinOrganization(ctx, me, org.id, 'INVITED');
  return { Handshake: handshakeShape(ctx.store, next, ctx.now) };
}

export function declineHandshake(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const h = visible(ctx, readId(input));
  if (!isInvitee(ctx, h))
    throw new AwsApiError('AccessDeniedException', "You don't have permissions to access this resource.");
  return { Handshake: handshakeShape(ctx.store, transition(ctx, h, 'DECLINED'), ctx.now) };
}

export function cancelHandshake(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const h = visible(ctx, readId(input));
  if (h.managementAccountId !== ctx.principal.accountId)
    throw new AwsApiError('AccessDeniedException', "You don't have permissions to access this resource.");
  return { Handshake: handshakeShape(ctx.store, transition(ctx, h, 'CANCELED'), ctx.now) };
}

export function describeHandshake(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  return { Handshake: handshakeShape(ctx.store, visible(ctx, readId(input)), ctx.now) };
}

function filtered(input: Record<string, unknown>, list: HandshakeRecord[]): HandshakeRecord[] {
  const filter = optObject(input, 'Filter');
  const action = filter === undefined ? undefined : optString(filter, 'ActionType');
  return action === undefined || action === 'INVITE' ? list : [];
}

export function listHandshakesForAccount(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const mine = [...ctx.store.values('handshakes')].filter((h) => isInvitee(ctx, h));
  const { page, NextToken } = paginateOrg(
    filtered(input, mine),
    `ListHandshakesForAccount/${ctx.principal.accountId}`,
    input,
  );
  return { Handshakes: page.map((h) => handshakeShape(ctx.store, h, ctx.now)), NextToken };
}

export function listHandshakesForOrganization(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const list = [...ctx.store.values('handshakes')].filter((h) => h.organizationId === org.id);
  const { page, NextToken } = paginateOrg(filtered(input, list), `ListHandshakesForOrganization/${org.id}`, input);
  return { Handshakes: page.map((h) => handshakeShape(ctx.store, h, ctx.now)), NextToken };
}
