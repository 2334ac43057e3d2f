import { AwsApiError } from '../../errors.js';
import type { AccountRecord } from '../../store/state.js';
import type { OrganizationRecord, PolicyRecord } from './tables.js';
import type { Store } from '../../store/store.js';
import type { HandlerContext } from '../registry.js';

export const ACCOUNT_ID_RE = /^\d{12}$/;
export const ROOT_ID_RE = /^r-[0-9a-z]{4,32}$/;
export const OU_ID_RE = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
export const POLICY_ID_RE = /^p-[0-9a-zA-Z_]{8,128}$/;
export const PARENT_ID_RE = /^(?:r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
export const TARGET_ID_RE = /^(?:r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const SERVICE_PRINCIPAL_RE = /^[\w+=,.@-]*$/;

export const notInUse = (): AwsApiError =>
  new AwsApiError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');

export const accessDenied = (): AwsApiError =>
  new AwsApiError('AccessDeniedException', "You don't have permissions to access this resource.", 400);

/** The organization the caller's account belongs to. */
export function callerOrganization(ctx: HandlerContext): OrganizationRecord {
  const account = ctx.store.get('accounts', ctx.principal.accountId);
  const orgId = account?.organizationId;
  const org = orgId === null || orgId === undefined ? undefined : ctx.store.get('organizations', orgId);
  if (org === undefined) throw notInUse();
  return org;
}

/** The caller's organization, when the caller is its management account; AccessDenied otherwise. */
export function managedOrganization(ctx: HandlerContext): OrganizationRecord {
  const org = callerOrganization(ctx);
  if (org.managementAccountId !== ctx.principal.accountId) throw accessDenied();
  return org;
}

const arnBase = (org: OrganizationRecord): string => `arn:aws:organizations::${org.managementAccountId}`;
export const organizationArn = (org: OrganizationRecord): string => `${arnBase(org)}:organization/${org.id}`;
export const rootArn = (org: OrganizationRecord, rootId: string): string => `${arnBase(org)}:root/${org.id}/${rootId}`;
export const ouArn = (org: OrganizationRecord, ouId: string): string => `${arnBase(org)}:ou/${org.id}/${ouId}`;
export const accountArn = (org: OrganizationRecord, accountId: string): string =>
  `${arnBase(org)}:account/${org.id}/${accountId}`;
export const handshakeArn = (org: OrganizationRecord, id: string): string =>
  `${arnBase(org)}:handshake/${org.id}/invite/${id}`;
export function policyArn(org: OrganizationRecord, policy: PolicyRecord): string {
  const type = policy.type.toLowerCase();
  return policy.awsManaged
    ? `arn:aws:organizations::aws:policy/${type}/${policy.id}`
    : `${arnBase(org)}:policy/${org.id}/${type}/${policy.id}`;
}

/** AccountState mirrors Status, except that a closed account is SUSPENDED with State CLOSED (the 90-day post-closure period). */
export function accountShape(org: OrganizationRecord, a: AccountRecord): Record<string, unknown> {
  return {
    Id: a.id,
    Arn: accountArn(org, a.id),
    Email: a.email,
    Name: a.name,
    Status: a.status,
    State: a.status === 'SUSPENDED' ? 'CLOSED' : a.status,
    JoinedMethod: a.joinedMethod ?? 'CREATED',
    JoinedTimestamp: new Date(a.joinedAt ?? a.createdAt),
  };
}

/** An account of this organization, or AccountNotFoundException. */
export function memberAccount(store: Store, org: OrganizationRecord, accountId: string): AccountRecord {
  const a = store.get('accounts', accountId);
  if (a === undefined || a.organizationId !== org.id) {
    throw new AwsApiError('AccountNotFoundException', `You specified an account that doesn't exist: ${accountId}.`);
  }
  return a;
}

const memberCache = new WeakMap<Store, { version: number; byOrg: Map<string, AccountRecord[]> }>();

/** Accounts of an organization in join order, cached until the accounts table changes. */
export function orgAccounts(store: Store, orgId: string): AccountRecord[] {
  let cache = memberCache.get(store);
  const version = store.version('accounts');
  if (cache === undefined || cache.version !== version) {
    cache = { version, byOrg: new Map() };
    memberCache.set(store, cache);
  }
  let list = cache.byOrg.get(orgId);
  if (list === undefined) {
    list = [];
    for (const a of store.values('accounts')) if (a.organizationId === orgId) list.push(a);
    cache.byOrg.set(orgId, list);
  }
  return list;
}

export type EntityKind = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

export interface Entity {
  id: string;
  kind: EntityKind;
  name: string;
  arn: string;
}

/** Resolves a root, OU or account id of this organization. */
export function findEntity(store: Store, org: OrganizationRecord, id: string): Entity | undefined {
  if (id.startsWith('r-')) {
    const r = store.get('roots', id);
    return r === undefined || id !== org.rootId ? undefined : { id, kind: 'ROOT', name: r.name, arn: rootArn(org, id) };
  }
  if (id.startsWith('ou-')) {
    const ou = store.get('ous', id);
    return ou === undefined || !id.startsWith(`ou-${org.rootId.slice(2)}-`)
      ? undefined
      : { id, kind: 'ORGANIZATIONAL_UNIT', name: ou.name, arn: ouArn(org, id) };
  }
  const a = store.get('accounts', id);
  return a === undefined || a.organizationId !== org.id
    ? undefined
    : { id, kind: 'ACCOUNT', name: a.name, arn: accountArn(org, id) };
}

/** A root or OU of this organization that can hold children, or ParentNotFoundException. */
export function findParent(
  store: Store,
  org: OrganizationRecord,
  id: string,
  code = 'ParentNotFoundException',
): Entity {
  const e = findEntity(store, org, id);
  if (e === undefined || e.kind === 'ACCOUNT')
    throw new AwsApiError(code, `We can't find a root or OU with the ParentId that you specified: ${id}.`);
  return e;
}
