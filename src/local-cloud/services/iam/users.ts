import { AwsApiError } from '../../errors.js';
import { newIamUniqueId } from '../../ids.js';
import type { UserRecord } from './tables.js';
import { paginateIam } from './paging.js';
import { qOpt, qReq, qTags, tagList } from '../query-input.js';
import type { HandlerContext } from '../registry.js';
import { alreadyExists, limitExceeded, noSuchEntity, readPath } from './common.js';

/**
 * IAM users, as identities only: the local cloud issues them no access keys or passwords, so they
 * never call it themselves. They exist so that iam:CreateUser and friends can be governed by SCPs.
 */
export const userKey = (accountId: string, name: string): string => `${accountId}|${name.toLowerCase()}`;

/** AWS IAM: 5,000 IAM users per account. */
const MAX_USERS_PER_ACCOUNT = 5000;
const USER_NAME_RE = /^[\w+=,.@-]+$/;

const readUserName = (input: Record<string, unknown>): string =>
  qReq(input, 'UserName', { min: 1, max: 64, pattern: USER_NAME_RE });

export const userArn = (u: UserRecord): string => `arn:aws:iam::${u.accountId}:user${u.path}${u.name}`;

function userShape(u: UserRecord, full: boolean): Record<string, unknown> {
  return {
    Path: u.path,
    UserName: u.name,
    UserId: u.userId,
    Arn: userArn(u),
    CreateDate: new Date(u.createdAt),
    Tags: full && Object.keys(u.tags).length > 0 ? tagList(u.tags) : undefined,
  };
}

function findUser(ctx: HandlerContext, name: string): UserRecord {
  const u = ctx.store.get('users', userKey(ctx.principal.accountId, name));
  if (u === undefined) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return u;
}

export function createUser(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const name = readUserName(input);
  const path = readPath(input);
  const tags = qTags(input);
  const accountId = ctx.principal.accountId;
  if (ctx.store.has('users', userKey(accountId, name))) throw alreadyExists(`User with name ${name} already exists.`);
  let count = 0;
  for (const u of ctx.store.values('users')) if (u.accountId === accountId) count++;
  if (count >= MAX_USERS_PER_ACCOUNT)
    throw limitExceeded(`Cannot exceed quota for UsersPerAccount: ${MAX_USERS_PER_ACCOUNT}`);
  const user: UserRecord = { accountId, userId: newIamUniqueId('AIDA'), name, path, createdAt: ctx.now, tags };
  ctx.store.put('users', userKey(accountId, name), user);
  return { User: userShape(user, true) };
}

export function getUser(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const name = qOpt(input, 'UserName', { min: 1, max: 128, pattern: USER_NAME_RE });
  // Only IAM users can omit UserName (it defaults to the caller); the local cloud's callers are roots and roles.
  if (name === undefined)
    throw new AwsApiError('ValidationError', 'Must specify userName when calling with non-User credentials');
  return { User: userShape(findUser(ctx, name), true) };
}

export function listUsers(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const prefix = qOpt(input, 'PathPrefix', { min: 1, max: 512 }) ?? '/';
  const users = [...ctx.store.values('users')]
    .filter((u) => u.accountId === ctx.principal.accountId && u.path.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { page, IsTruncated, Marker } = paginateIam(users, `ListUsers/${ctx.principal.accountId}/${prefix}`, input);
  return { Users: page.map((u) => userShape(u, false)), IsTruncated, Marker };
}

export function deleteUser(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const u = findUser(ctx, readUserName(input));
  ctx.store.delete('users', userKey(u.accountId, u.name));
  return undefined;
}
