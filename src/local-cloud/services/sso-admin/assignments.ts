import { randomUUID } from 'node:crypto';
import type { IndexDef, Store } from '../../store/store.js';
import { groupKey, userKey } from '../identitystore/tables.js';
import type { HandlerContext } from '../registry.js';
import {
  ACCOUNT_ID_RE,
  conflict,
  notFound,
  optObject,
  optString,
  paginate,
  permissionSetNotFound,
  PRINCIPAL_ID_RE,
  readPermissionSetArn,
  reqString,
  requireInstance,
  requireNoProvisioning,
  requirePermissionSet,
  UUID_RE,
} from './common.js';
import {
  assignmentsByAccountAndSet,
  assignmentsByPrincipal,
  operationsByKind,
  operationsByKindAndStatus,
  outstandingAssignmentOperations,
} from './indexes.js';
import { provisioningProblem, provisionReservedRole, removeReservedRole } from './reserved-role.js';
import type { AccountAssignmentRecord, PrincipalType, SsoInstanceRecord, SsoOperationRecord } from './tables.js';
import { assignmentKey } from './tables.js';

const STATUSES = ['IN_PROGRESS', 'FAILED', 'SUCCEEDED'];

export function operationShape(op: SsoOperationRecord): Record<string, unknown> {
  return {
    Status: op.status,
    RequestId: op.requestId,
    FailureReason: op.failureReason,
    TargetId: op.targetId,
    TargetType: 'AWS_ACCOUNT',
    PermissionSetArn: op.permissionSetArn,
    PrincipalType: op.principalType,
    PrincipalId: op.principalId,
    CreatedDate: new Date(op.createdAt),
  };
}

const metadataShape = (op: SsoOperationRecord): Record<string, unknown> => ({
  Status: op.status,
  RequestId: op.requestId,
  CreatedDate: new Date(op.createdAt),
});

interface AssignmentInput {
  targetId: string;
  principalType: PrincipalType;
  principalId: string;
}

function readAssignment(input: Record<string, unknown>): AssignmentInput {
  const targetId = reqString(input, 'TargetId', { min: 12, max: 12, pattern: ACCOUNT_ID_RE });
  reqString(input, 'TargetType', { values: ['AWS_ACCOUNT'] });
  const principalType = reqString(input, 'PrincipalType', { values: ['USER', 'GROUP'] }) as PrincipalType;
  const principalId = reqString(input, 'PrincipalId', { min: 1, max: 47, pattern: PRINCIPAL_ID_RE });
  return { targetId, principalType, principalId };
}

/**
 * AWS limits the Create/DeleteAccountAssignment operations in progress per instance and answers
 * ConflictException beyond it ("ConflictExceptions happening when you run too many operations",
 * aws-samples/assignment-automation-4-aws-sso PR #8). The limit used is 10: AWS's own sample keeps "within the
 * 10 live calls threshold" (aws-samples/aws-iam-identity-center-extensions PR #89). The nearest AWS page the
 * search found, the IAM User Guide's account access quotas (aam-quotas.html), says 15 outstanding asynchronous
 * write calls; the Identity Center quotas page could not be checked here. `maxOutstandingAssignmentOperations`
 * adjusts it.
 */
function requireAssignmentCapacity(ctx: HandlerContext, instance: SsoInstanceRecord): void {
  const outstanding = ctx.store.lookup(outstandingAssignmentOperations, instance.arn).size;
  if (outstanding >= ctx.config.quotas.maxOutstandingAssignmentOperations)
    throw conflict(
      `Too many account assignment operations are in progress (${outstanding}); wait for them to complete and try again.`,
    );
}

function startAssignmentOperation(
  input: Record<string, unknown>,
  ctx: HandlerContext,
  kind: 'create-assignment' | 'delete-assignment',
): SsoOperationRecord {
  const { instance, ps } = requirePermissionSet(input, ctx);
  const a = readAssignment(input);
  requireNoProvisioning(ctx.store, ps.arn);
  if (kind === 'delete-assignment') {
    const key = assignmentKey({ instanceArn: instance.arn, accountId: a.targetId, permissionSetArn: ps.arn, ...a });
    if (!ctx.store.has('accountAssignments', key))
      throw notFound(
        `Account assignment of ${a.principalType} ${a.principalId} to account ${a.targetId} with ${ps.arn} does not exist.`,
      );
  }
  requireAssignmentCapacity(ctx, instance);
  const op: SsoOperationRecord = {
    requestId: randomUUID(),
    kind,
    instanceArn: instance.arn,
    permissionSetArn: ps.arn,
    status: 'IN_PROGRESS',
    createdAt: ctx.now,
    completesAt: ctx.now + ctx.config.latency.accountAssignmentMs,
    targetId: a.targetId,
    principalType: a.principalType,
    principalId: a.principalId,
  };
  ctx.store.put('ssoOperations', op.requestId, op);
  ctx.schedule({ kind: 'sso-account-assignment', key: op.requestId, at: op.completesAt });
  return op;
}

export function createAccountAssignment(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  return { AccountAssignmentCreationStatus: operationShape(startAssignmentOperation(input, ctx, 'create-assignment')) };
}

export function deleteAccountAssignment(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  return { AccountAssignmentDeletionStatus: operationShape(startAssignmentOperation(input, ctx, 'delete-assignment')) };
}

function principalExists(store: Store, identityStoreId: string, type: PrincipalType, id: string): boolean {
  return type === 'USER'
    ? store.has('identityStoreUsers', userKey(identityStoreId, id))
    : store.has('identityStoreGroups', groupKey(identityStoreId, id));
}

/** The job that settles an assignment creation or deletion. */
export function completeAssignmentOperation(requestId: string, ctx: HandlerContext): void {
  const op = ctx.store.get('ssoOperations', requestId);
  if (
    op?.status !== 'IN_PROGRESS' ||
    op.targetId === undefined ||
    op.principalType === undefined ||
    op.principalId === undefined
  )
    return;
  const settle = (failureReason?: string): void =>
    ctx.store.put('ssoOperations', requestId, {
      ...op,
      status: failureReason === undefined ? 'SUCCEEDED' : 'FAILED',
      ...(failureReason === undefined ? {} : { failureReason }),
    });
  const instance = ctx.store.get('ssoInstances', op.instanceArn);
  const ps = ctx.store.get('permissionSets', op.permissionSetArn);
  if (instance === undefined || ps === undefined)
    return settle(`Permission set ${op.permissionSetArn} no longer exists.`);
  const record: AccountAssignmentRecord = {
    instanceArn: instance.arn,
    accountId: op.targetId,
    permissionSetArn: ps.arn,
    principalType: op.principalType,
    principalId: op.principalId,
    createdAt: ctx.now,
  };
  const key = assignmentKey(record);
  if (op.kind === 'delete-assignment') {
    ctx.store.delete('accountAssignments', key);
    if (!hasAssignments(ctx.store, ps.arn, op.targetId)) removeReservedRole(ctx.store, ps.arn, op.targetId);
    return settle();
  }
  // AWS: "Received a 404 status error: the USER assignee … was not found in directory d-…" (terraform-provider-aws #19341).
  if (!principalExists(ctx.store, instance.identityStoreId, op.principalType, op.principalId))
    return settle(
      `Received a 404 status error: the ${op.principalType} assignee ${op.principalId} was not found in directory ${instance.identityStoreId}`,
    );
  const problem = provisioningProblem(ctx.store, instance, ps, op.targetId, ctx.config.quotas);
  if (problem !== undefined) return settle(problem);
  provisionReservedRole(ctx.store, instance, ps, op.targetId, ctx.now);
  if (!ctx.store.has('accountAssignments', key)) ctx.store.put('accountAssignments', key, record);
  settle();
}

export function hasAssignments(store: Store, permissionSetArn: string, accountId: string): boolean {
  return store.lookup(assignmentsByAccountAndSet, `${permissionSetArn}|${accountId}`).size > 0;
}

export function pendingAssignmentOperations(store: Store): { key: string; at: number }[] {
  const jobs: { key: string; at: number }[] = [];
  for (const op of store.values('ssoOperations'))
    if (op.kind !== 'provision' && op.status === 'IN_PROGRESS') jobs.push({ key: op.requestId, at: op.completesAt });
  return jobs;
}

function describeOperation(
  input: Record<string, unknown>,
  ctx: HandlerContext,
  idMember: string,
  kind: SsoOperationRecord['kind'],
): SsoOperationRecord {
  const instance = requireInstance(input, ctx);
  const id = reqString(input, idMember, { min: 36, max: 36, pattern: UUID_RE });
  const op = ctx.store.get('ssoOperations', id);
  if (op?.instanceArn !== instance.arn || op.kind !== kind) throw notFound(`Request ${id} does not exist.`);
  return op;
}

export function describeCreationStatus(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const op = describeOperation(input, ctx, 'AccountAssignmentCreationRequestId', 'create-assignment');
  return { AccountAssignmentCreationStatus: operationShape(op) };
}

export function describeDeletionStatus(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const op = describeOperation(input, ctx, 'AccountAssignmentDeletionRequestId', 'delete-assignment');
  return { AccountAssignmentDeletionStatus: operationShape(op) };
}

/** The operations of one kind in an instance, oldest first, filtered by `Filter.Status`. */
export function listOperations(
  input: Record<string, unknown>,
  ctx: HandlerContext,
  kind: SsoOperationRecord['kind'],
  op: string,
): { page: Record<string, unknown>[]; NextToken?: string } {
  const instance = requireInstance(input, ctx);
  const filter = optObject(input, 'Filter');
  const status = filter === undefined ? undefined : optString(filter, 'Status', { values: STATUSES });
  const bucket = status === undefined ? `${instance.arn}|${kind}` : `${instance.arn}|${kind}|${status}`;
  const all = sortedOperations(ctx.store, status === undefined ? operationsByKind : operationsByKindAndStatus, bucket);
  const { page, NextToken } = paginate(all, `${op}/${instance.arn}/${status ?? ''}`, input);
  return { page: page.map(metadataShape), NextToken };
}

const sortCache = new WeakMap<Store, { version: number; lists: Map<string, SsoOperationRecord[]> }>();

/**
 * The requests of an index bucket oldest first. A caller pages through thousands of them (one per assignment
 * made), so the sorted list is kept until the next write to the table instead of being sorted again per page.
 */
function sortedOperations(store: Store, index: IndexDef<'ssoOperations'>, bucket: string): SsoOperationRecord[] {
  const version = store.version('ssoOperations');
  let cache = sortCache.get(store);
  if (cache?.version !== version) {
    cache = { version, lists: new Map() };
    sortCache.set(store, cache);
  }
  const key = `${index === operationsByKind ? 'kind' : 'status'}|${bucket}`;
  let list = cache.lists.get(key);
  if (list === undefined) {
    list = [...store.lookup(index, bucket).values()].sort(
      (a, b) => a.createdAt - b.createdAt || a.requestId.localeCompare(b.requestId),
    );
    cache.lists.set(key, list);
  }
  return list;
}

export function listCreationStatus(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { page, NextToken } = listOperations(input, ctx, 'create-assignment', 'ListAccountAssignmentCreationStatus');
  return { AccountAssignmentsCreationStatus: page, NextToken };
}

export function listDeletionStatus(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { page, NextToken } = listOperations(input, ctx, 'delete-assignment', 'ListAccountAssignmentDeletionStatus');
  return { AccountAssignmentsDeletionStatus: page, NextToken };
}

export function listAccountAssignments(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireInstance(input, ctx);
  const accountId = reqString(input, 'AccountId', { min: 12, max: 12, pattern: ACCOUNT_ID_RE });
  const psArn = readPermissionSetArn(input);
  const ps = ctx.store.get('permissionSets', psArn);
  if (ps?.instanceArn !== instance.arn) throw permissionSetNotFound(psArn);
  const list = [...ctx.store.lookup(assignmentsByAccountAndSet, `${psArn}|${accountId}`).values()]
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((a) => ({
      AccountId: a.accountId,
      PermissionSetArn: a.permissionSetArn,
      PrincipalType: a.principalType,
      PrincipalId: a.principalId,
    }));
  const { page, NextToken } = paginate(list, `ListAccountAssignments/${accountId}/${psArn}`, input);
  return { AccountAssignments: page, NextToken };
}

export function listAccountAssignmentsForPrincipal(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireInstance(input, ctx);
  const principalId = reqString(input, 'PrincipalId', { min: 1, max: 47, pattern: PRINCIPAL_ID_RE });
  const principalType = reqString(input, 'PrincipalType', { values: ['USER', 'GROUP'] });
  const filter = optObject(input, 'Filter');
  const accountId =
    filter === undefined ? undefined : optString(filter, 'AccountId', { min: 12, max: 12, pattern: ACCOUNT_ID_RE });
  const list = [...ctx.store.lookup(assignmentsByPrincipal, `${instance.arn}|${principalType}|${principalId}`).values()]
    .filter((a) => accountId === undefined || a.accountId === accountId)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((a) => ({
      AccountId: a.accountId,
      PermissionSetArn: a.permissionSetArn,
      PrincipalId: a.principalId,
      PrincipalType: a.principalType,
    }));
  const { page, NextToken } = paginate(
    list,
    `ListAccountAssignmentsForPrincipal/${principalType}/${principalId}/${accountId ?? ''}`,
    input,
  );
  return { AccountAssignments: page, NextToken };
}
