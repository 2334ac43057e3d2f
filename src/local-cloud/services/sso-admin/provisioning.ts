import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/store.js';
import type { HandlerContext } from '../registry.js';
import { listOperations } from './assignments.js';
import {
  ACCOUNT_ID_RE,
  notFound,
  optString,
  paginate,
  reqString,
  requireInstance,
  requireNoProvisioning,
  requirePermissionSet,
  UUID_RE,
  validation,
} from './common.js';
import { provisionedByAccount, provisionedBySet } from './indexes.js';
import { provisioningProblem, provisionReservedRole } from './reserved-role.js';
import type { SsoOperationRecord } from './tables.js';

const PROVISIONING_STATUSES = ['LATEST_PERMISSION_SET_PROVISIONED', 'LATEST_PERMISSION_SET_NOT_PROVISIONED'];

function statusShape(op: SsoOperationRecord): Record<string, unknown> {
  return {
    Status: op.status,
    RequestId: op.requestId,
    AccountId: op.provisionTarget === 'AWS_ACCOUNT' ? op.targetId : undefined,
    PermissionSetArn: op.permissionSetArn,
    FailureReason: op.failureReason,
    CreatedDate: new Date(op.createdAt),
  };
}

/**
 * AWS: ProvisionPermissionSet pushes the permission set's current policies to one account (AWS_ACCOUNT, with
 * TargetId) or to every account it is provisioned to (ALL_PROVISIONED_ACCOUNTS), asynchronously.
 */
export function provisionPermissionSet(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { instance, ps } = requirePermissionSet(input, ctx);
  const targetType = reqString(input, 'TargetType', { values: ['AWS_ACCOUNT', 'ALL_PROVISIONED_ACCOUNTS'] }) as
    'AWS_ACCOUNT' | 'ALL_PROVISIONED_ACCOUNTS';
  const targetId = optString(input, 'TargetId', { min: 12, max: 12, pattern: ACCOUNT_ID_RE });
  if (targetType === 'AWS_ACCOUNT' && targetId === undefined)
    throw validation('TargetId is required when TargetType is AWS_ACCOUNT.');
  requireNoProvisioning(ctx.store, ps.arn);
  const op: SsoOperationRecord = {
    requestId: randomUUID(),
    kind: 'provision',
    instanceArn: instance.arn,
    permissionSetArn: ps.arn,
    status: 'IN_PROGRESS',
    createdAt: ctx.now,
    completesAt: ctx.now + ctx.config.latency.provisionPermissionSetMs,
    provisionTarget: targetType,
    ...(targetType === 'AWS_ACCOUNT' && targetId !== undefined ? { targetId } : {}),
  };
  ctx.store.put('ssoOperations', op.requestId, op);
  ctx.schedule({ kind: 'sso-provision-permission-set', key: op.requestId, at: op.completesAt });
  return { PermissionSetProvisioningStatus: statusShape(op) };
}

/** The job that settles a ProvisionPermissionSet: every target account gets the latest role, or the request FAILED. */
export function completeProvisioning(requestId: string, ctx: HandlerContext): void {
  const op = ctx.store.get('ssoOperations', requestId);
  if (op?.status !== 'IN_PROGRESS') return;
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
  const accounts =
    op.provisionTarget === 'AWS_ACCOUNT' && op.targetId !== undefined
      ? [op.targetId]
      : provisionedAccounts(ctx.store, ps.arn);
  const problems: string[] = [];
  for (const accountId of accounts) {
    const problem = provisioningProblem(ctx.store, instance, ps, accountId, ctx.config.quotas);
    if (problem === undefined) provisionReservedRole(ctx.store, instance, ps, accountId, ctx.now);
    else problems.push(problem);
  }
  settle(problems.length === 0 ? undefined : problems.join(' '));
}

export function pendingProvisioning(store: Store): { key: string; at: number }[] {
  const jobs: { key: string; at: number }[] = [];
  for (const op of store.values('ssoOperations'))
    if (op.kind === 'provision' && op.status === 'IN_PROGRESS') jobs.push({ key: op.requestId, at: op.completesAt });
  return jobs;
}

/** The accounts the permission set is provisioned to (its role exists there), in a stable order. */
function provisionedAccounts(store: Store, permissionSetArn: string): string[] {
  return [...store.lookup(provisionedBySet, permissionSetArn).values()].map((p) => p.accountId).sort();
}

export function describeProvisioningStatus(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireInstance(input, ctx);
  const id = reqString(input, 'ProvisionPermissionSetRequestId', { min: 36, max: 36, pattern: UUID_RE });
  const op = ctx.store.get('ssoOperations', id);
  if (op?.instanceArn !== instance.arn || op.kind !== 'provision') throw notFound(`Request ${id} does not exist.`);
  return { PermissionSetProvisioningStatus: statusShape(op) };
}

export function listProvisioningStatus(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { page, NextToken } = listOperations(input, ctx, 'provision', 'ListPermissionSetProvisioningStatus');
  return { PermissionSetsProvisioningStatus: page, NextToken };
}

function readProvisioningStatus(input: Record<string, unknown>): string | undefined {
  return optString(input, 'ProvisioningStatus', { values: PROVISIONING_STATUSES });
}

const matches = (wanted: string | undefined, latest: boolean): boolean =>
  wanted === undefined || (wanted === 'LATEST_PERMISSION_SET_PROVISIONED') === latest;

export function listPermissionSetsProvisionedToAccount(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireInstance(input, ctx);
  const accountId = reqString(input, 'AccountId', { min: 12, max: 12, pattern: ACCOUNT_ID_RE });
  const wanted = readProvisioningStatus(input);
  const arns: string[] = [];
  for (const p of ctx.store.lookup(provisionedByAccount, `${instance.arn}|${accountId}`).values()) {
    const ps = ctx.store.get('permissionSets', p.permissionSetArn);
    if (ps !== undefined && matches(wanted, p.version >= ps.version)) arns.push(p.permissionSetArn);
  }
  arns.sort();
  const { page, NextToken } = paginate(
    arns,
    `ListPermissionSetsProvisionedToAccount/${accountId}/${wanted ?? ''}`,
    input,
  );
  return { PermissionSets: page, NextToken };
}

export function listAccountsForProvisionedPermissionSet(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { ps } = requirePermissionSet(input, ctx);
  const wanted = readProvisioningStatus(input);
  const ids: string[] = [];
  for (const p of ctx.store.lookup(provisionedBySet, ps.arn).values())
    if (matches(wanted, p.version >= ps.version)) ids.push(p.accountId);
  ids.sort();
  const { page, NextToken } = paginate(ids, `ListAccountsForProvisionedPermissionSet/${ps.arn}/${wanted ?? ''}`, input);
  return { AccountIds: page, NextToken };
}
