import { newIamUniqueId } from '../../ids.js';
import type { RoleRecord } from './tables.js';
import { paginateIam } from './paging.js';
import { qInt, qOpt, qReq, qStringList, qTags, tagList } from '../query-input.js';
import type { HandlerContext } from '../registry.js';
import {
  alreadyExists,
  checkPolicyDocument,
  deleteConflict,
  findRole,
  limitExceeded,
  readPath,
  readRoleName,
  roleShape,
} from './common.js';
import { requireAttachablePolicy } from './managed-policies.js';
import { roleKey } from './provision.js';
import { rolesPerAccountQuota } from '../service-quotas/catalogue.js';

/** AWS IAM: a role trust policy may hold 2,048 characters by default (whitespace not counted). */
const TRUST_POLICY_MAX = 2048;

export function createRole(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const name = readRoleName(input);
  const path = readPath(input);
  const document = qReq(input, 'AssumeRolePolicyDocument', { min: 1, max: 131_072 });
  const description = qOpt(input, 'Description', { max: 1000 }) ?? '';
  const maxSessionDuration = qInt(input, 'MaxSessionDuration', 3600, 43_200) ?? 3600;
  const tags = qTags(input);
  checkPolicyDocument(document, TRUST_POLICY_MAX, 'ACLSizePerRole', 'trust');
  const accountId = ctx.principal.accountId;
  const boundary = qOpt(input, 'PermissionsBoundary', { min: 20, max: 2048 });
  if (boundary !== undefined) requireAttachablePolicy(ctx.store, accountId, boundary);
  if (ctx.store.has('roles', roleKey(accountId, name))) throw alreadyExists(`Role with name ${name} already exists.`);
  let count = 0;
  for (const r of ctx.store.values('roles')) if (r.accountId === accountId) count++;
  const quota = rolesPerAccountQuota(ctx.store, ctx.config, accountId);
  if (count >= quota) throw limitExceeded(`Cannot exceed quota for RolesPerAccount: ${quota}`);
  const role: RoleRecord = {
    accountId,
    roleId: newIamUniqueId('AROA'),
    name,
    path,
    description,
    assumeRolePolicyDocument: document,
    maxSessionDuration,
    createdAt: ctx.now,
    tags,
    inlinePolicies: {},
    attachedPolicyArns: [],
  };
  if (boundary !== undefined) role.permissionsBoundaryArn = boundary;
  ctx.store.put('roles', roleKey(accountId, name), role);
  return { Role: roleShape(role, true) };
}

export function getRole(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  return { Role: roleShape(findRole(ctx.store, ctx.principal.accountId, readRoleName(input)), true) };
}

export function listRoles(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const prefix = qOpt(input, 'PathPrefix', { min: 1, max: 512 }) ?? '/';
  const roles = [...ctx.store.values('roles')]
    .filter((r) => r.accountId === ctx.principal.accountId && r.path.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { page, IsTruncated, Marker } = paginateIam(roles, `ListRoles/${ctx.principal.accountId}/${prefix}`, input);
  return { Roles: page.map((r) => roleShape(r, false)), IsTruncated, Marker };
}

export function deleteRole(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  if (role.attachedPolicyArns.length > 0 || Object.keys(role.inlinePolicies).length > 0) {
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
  }
  ctx.store.delete('roles', roleKey(role.accountId, role.name));
  return undefined;
}

export function updateAssumeRolePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const document = qReq(input, 'PolicyDocument', { min: 1, max: 131_072 });
  checkPolicyDocument(document, TRUST_POLICY_MAX, 'ACLSizePerRole', 'trust');
  ctx.store.put('roles', roleKey(role.accountId, role.name), { ...role, assumeRolePolicyDocument: document });
  return undefined;
}

export function updateRole(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const description = qOpt(input, 'Description', { max: 1000 });
  const max = qInt(input, 'MaxSessionDuration', 3600, 43_200);
  ctx.store.put('roles', roleKey(role.accountId, role.name), {
    ...role,
    description: description ?? role.description,
    maxSessionDuration: max ?? role.maxSessionDuration,
  });
  return {};
}

export function tagRole(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  if (input.Tags === undefined) qReq(input, 'Tags');
  const tags = { ...role.tags, ...qTags(input) };
  if (Object.keys(tags).length > 50) throw limitExceeded('The number of tags has reached the maximum limit.');
  ctx.store.put('roles', roleKey(role.accountId, role.name), { ...role, tags });
  return undefined;
}

export function untagRole(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const keys = qStringList(input, 'TagKeys');
  if (keys === undefined) qReq(input, 'TagKeys');
  const tags = { ...role.tags };
  for (const k of keys ?? []) delete tags[k];
  ctx.store.put('roles', roleKey(role.accountId, role.name), { ...role, tags });
  return undefined;
}

export function listRoleTags(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const { page, IsTruncated, Marker } = paginateIam(tagList(role.tags), `ListRoleTags/${role.roleId}`, input);
  return { Tags: page, IsTruncated, Marker };
}

/** AWS: a permissions boundary is a managed policy that caps what the role's identity policies can grant. */
export function putRolePermissionsBoundary(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const arn = qReq(input, 'PermissionsBoundary', { min: 20, max: 2048 });
  requireAttachablePolicy(ctx.store, role.accountId, arn);
  ctx.store.put('roles', roleKey(role.accountId, role.name), { ...role, permissionsBoundaryArn: arn });
  return undefined;
}

export function deleteRolePermissionsBoundary(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const { permissionsBoundaryArn: _dropped, ...rest } = role;
  ctx.store.put('roles', roleKey(role.accountId, role.name), rest);
  return undefined;
}
