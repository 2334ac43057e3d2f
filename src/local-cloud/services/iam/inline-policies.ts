import { paginateIam } from './paging.js';
import { qReq } from '../query-input.js';
import type { HandlerContext } from '../registry.js';
import {
  checkPolicyDocument,
  encodeDocument,
  findRole,
  limitExceeded,
  NAME_RE,
  noSuchEntity,
  readRoleName,
} from './common.js';
import { roleKey } from './provision.js';

/** AWS IAM: the inline policies of a role share 10,240 characters (whitespace not counted). */
const INLINE_TOTAL_MAX = 10_240;

const readPolicyName = (input: Record<string, unknown>): string =>
  qReq(input, 'PolicyName', { min: 1, max: 128, pattern: NAME_RE });

export function putRolePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const name = readPolicyName(input);
  const document = qReq(input, 'PolicyDocument', { min: 1, max: 131_072 });
  checkPolicyDocument(document, INLINE_TOTAL_MAX, 'PolicySize', 'identity');
  const policies = { ...role.inlinePolicies, [name]: document };
  const total = Object.values(policies).reduce((n, d) => n + d.replace(/\s/g, '').length, 0);
  if (total > INLINE_TOTAL_MAX)
    throw limitExceeded(`Maximum policy size of ${INLINE_TOTAL_MAX} bytes exceeded for role ${role.name}`);
  ctx.store.put('roles', roleKey(role.accountId, role.name), { ...role, inlinePolicies: policies });
  return undefined;
}

export function getRolePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const name = readPolicyName(input);
  const doc = role.inlinePolicies[name];
  if (doc === undefined) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
  return { RoleName: role.name, PolicyName: name, PolicyDocument: encodeDocument(doc) };
}

export function deleteRolePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const name = readPolicyName(input);
  if (role.inlinePolicies[name] === undefined) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
  const policies = { ...role.inlinePolicies };
  delete policies[name];
  ctx.store.put('roles', roleKey(role.accountId, role.name), { ...role, inlinePolicies: policies });
  return undefined;
}

export function listRolePolicies(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const { page, IsTruncated, Marker } = paginateIam(
    Object.keys(role.inlinePolicies).sort(),
    `ListRolePolicies/${role.roleId}`,
    input,
  );
  return { PolicyNames: page, IsTruncated, Marker };
}
