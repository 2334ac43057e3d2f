import type { HandlerContext } from '../registry.js';
import { removeReservedRole } from './reserved-role.js';
import {
  conflict,
  durationSeconds,
  newPermissionSetArn,
  optString,
  paginate,
  quotaExceeded,
  readTags,
  reqString,
  requireInstance,
  requireNoProvisioning,
  requirePermissionSet,
  savePermissionSet,
  validation,
} from './common.js';
import type { PermissionSetRecord } from './tables.js';

const NAME_RULE = { min: 1, max: 32, pattern: /^[\w+=,.@-]+$/ };
// The model's pattern: tab, newline, carriage return and printable Latin-1.
const DESCRIPTION_RULE = { min: 1, max: 700, pattern: /^[\t\n\r\u0020-\u007E\u00A1-\u00FF]*$/ };
const RELAY_STATE_RULE = { min: 1, max: 240, pattern: /^[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\] (){}]+$/ };
/** AWS: a permission set's session lasts 1 to 12 hours. */
function readSessionDuration(input: Record<string, unknown>): string | undefined {
  const text = optString(input, 'SessionDuration', { min: 1, max: 100 });
  if (text === undefined) return undefined;
  const seconds = durationSeconds(text);
  if (seconds === undefined) throw validation(`The SessionDuration ${text} is not a valid ISO-8601 duration.`);
  if (seconds < 3600 || seconds > 43_200)
    throw validation(`The SessionDuration ${text} must be between 1 hour (PT1H) and 12 hours (PT12H).`);
  return text;
}

export function permissionSetShape(ps: PermissionSetRecord): Record<string, unknown> {
  return {
    Name: ps.name,
    PermissionSetArn: ps.arn,
    Description: ps.description,
    CreatedDate: new Date(ps.createdAt),
    SessionDuration: ps.sessionDuration,
    RelayState: ps.relayState,
  };
}

export function createPermissionSet(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireInstance(input, ctx);
  const name = reqString(input, 'Name', NAME_RULE);
  const description = optString(input, 'Description', DESCRIPTION_RULE);
  const sessionDuration = readSessionDuration(input) ?? 'PT1H';
  const relayState = optString(input, 'RelayState', RELAY_STATE_RULE);
  const tags = readTags(input);
  let count = 0;
  for (const ps of ctx.store.values('permissionSets')) {
    if (ps.instanceArn !== instance.arn) continue;
    count++;
    if (ps.name === name) throw conflict(`PermissionSet with name ${name} already exists.`);
  }
  if (count >= ctx.config.quotas.maxPermissionSets)
    throw quotaExceeded(`You have exceeded the quota of ${ctx.config.quotas.maxPermissionSets} permission sets.`);
  const ps: PermissionSetRecord = {
    arn: newPermissionSetArn(instance.arn),
    instanceArn: instance.arn,
    name,
    sessionDuration,
    createdAt: ctx.now,
    managedPolicyArns: [],
    customerManagedPolicies: [],
    tags,
    version: 1,
    ...(description === undefined ? {} : { description }),
    ...(relayState === undefined ? {} : { relayState }),
  };
  ctx.store.put('permissionSets', ps.arn, ps);
  return { PermissionSet: permissionSetShape(ps) };
}

export function describePermissionSet(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  return { PermissionSet: permissionSetShape(requirePermissionSet(input, ctx).ps) };
}

export function updatePermissionSet(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { ps } = requirePermissionSet(input, ctx);
  const description = optString(input, 'Description', DESCRIPTION_RULE);
  const sessionDuration = readSessionDuration(input);
  const relayState = optString(input, 'RelayState', RELAY_STATE_RULE);
  requireNoProvisioning(ctx.store, ps.arn);
  savePermissionSet(ctx.store, {
    ...ps,
    description: description ?? ps.description,
    sessionDuration: sessionDuration ?? ps.sessionDuration,
    relayState: relayState ?? ps.relayState,
  });
  return {};
}

/**
 * A permission set still assigned somewhere cannot be deleted (ConflictException): its assignments must be
 * deleted first, which also removes its roles from the accounts.
 */
export function deletePermissionSet(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { ps } = requirePermissionSet(input, ctx);
  requireNoProvisioning(ctx.store, ps.arn);
  for (const a of ctx.store.values('accountAssignments'))
    if (a.permissionSetArn === ps.arn)
      throw conflict(`PermissionSet ${ps.arn} is assigned to account ${a.accountId}; delete its assignments first.`);
  for (const op of ctx.store.values('ssoOperations'))
    if (op.permissionSetArn === ps.arn && op.status === 'IN_PROGRESS')
      throw conflict(`An operation on PermissionSet ${ps.arn} is in progress. Try again later.`);
  ctx.store.delete('permissionSets', ps.arn);
  for (const p of [...ctx.store.values('provisionedPermissionSets')])
    if (p.permissionSetArn === ps.arn) removeReservedRole(ctx.store, ps.arn, p.accountId);
  return {};
}

export function listPermissionSets(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireInstance(input, ctx);
  const arns = [...ctx.store.values('permissionSets')]
    .filter((ps) => ps.instanceArn === instance.arn)
    .sort((a, b) => a.createdAt - b.createdAt || a.arn.localeCompare(b.arn))
    .map((ps) => ps.arn);
  const { page, NextToken } = paginate(arns, `ListPermissionSets/${instance.arn}`, input);
  return { PermissionSets: page, NextToken };
}
