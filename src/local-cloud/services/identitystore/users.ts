import { typeError } from '../json-input.js';
import type { HandlerContext } from '../registry.js';
import type { Store } from '../../store/store.js';
import {
  conflict,
  externalIdsShape,
  hasExternalId,
  newResourceId,
  notFound,
  optList,
  optObject,
  optString,
  paginate,
  readAlternateIdentifier,
  readFilter,
  readResourceId,
  reqString,
  requireStore,
  TEXT_RULE,
  USER_NAME_RULE,
  validation,
} from './common.js';
import type { IdentityStoreUserRecord } from './tables.js';
import { membershipKey, membershipsByMember, userKey } from './tables.js';

/** Single-valued string attributes besides UserName and DisplayName, kept as given. */
const STRING_ATTRIBUTES = [
  'NickName',
  'ProfileUrl',
  'UserType',
  'Title',
  'PreferredLanguage',
  'Locale',
  'Timezone',
  'Website',
  'Birthdate',
];
/** Multi-valued attributes (lists of structures), with the model's maximum lengths. */
const LIST_ATTRIBUTES: Record<string, number> = { Addresses: 1, PhoneNumbers: 1, Photos: 3, Roles: 1 };
const NAME_PARTS = ['Formatted', 'FamilyName', 'GivenName', 'MiddleName', 'HonorificPrefix', 'HonorificSuffix'];

function readName(value: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const name: Record<string, string> = {};
  for (const part of NAME_PARTS) {
    const v = optString(value, part, TEXT_RULE);
    if (v !== undefined) name[part] = v;
  }
  return name;
}

function readEmails(list: unknown[] | undefined): Record<string, unknown>[] | undefined {
  if (list === undefined) return undefined;
  if (list.length !== 1) throw validation('Member Emails must have length 1.');
  return list.map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw typeError('Emails member', 'a structure');
    const e = item as Record<string, unknown>;
    const email: Record<string, unknown> = {};
    const value = optString(e, 'Value', TEXT_RULE);
    const type = optString(e, 'Type', TEXT_RULE);
    if (value !== undefined) email.Value = value;
    if (type !== undefined) email.Type = type;
    if (e.Primary !== undefined && e.Primary !== null) {
      if (typeof e.Primary !== 'boolean') throw typeError('Primary', 'a boolean');
      email.Primary = e.Primary;
    }
    return email;
  });
}

/** AWS compares user names case-insensitively: `Alice` and `alice` cannot both exist in one identity store. */
function userByName(store: Store, identityStoreId: string, userName: string): IdentityStoreUserRecord | undefined {
  const wanted = userName.toLowerCase();
  for (const u of store.values('identityStoreUsers'))
    if (u.identityStoreId === identityStoreId && u.userName.toLowerCase() === wanted) return u;
  return undefined;
}

function requireUniqueName(store: Store, identityStoreId: string, userName: string, except?: string): void {
  const other = userByName(store, identityStoreId, userName);
  if (other !== undefined && other.userId !== except) throw conflict('Duplicate UserName');
}

export function userShape(u: IdentityStoreUserRecord): Record<string, unknown> {
  return {
    IdentityStoreId: u.identityStoreId,
    UserId: u.userId,
    UserName: u.userName,
    ExternalIds: externalIdsShape(u.externalIds),
    Name: u.name,
    DisplayName: u.displayName,
    Emails: u.emails,
    ...u.attributes,
    UserStatus: 'ENABLED',
    CreatedAt: new Date(u.createdAt),
    UpdatedAt: new Date(u.updatedAt),
  };
}

export function findUser(store: Store, identityStoreId: string, userId: string): IdentityStoreUserRecord {
  const u = store.get('identityStoreUsers', userKey(identityStoreId, userId));
  if (u === undefined) throw notFound('USER', userId);
  return u;
}

/**
 * AWS requires UserName, DisplayName and Name's GivenName and FamilyName of a user created through the API
 * (moto checks the same, with the same wording).
 */
export function createUser(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  if (input.UserName === undefined || input.UserName === null) throw validation('userName is a required attribute');
  const userName = reqString(input, 'UserName', USER_NAME_RULE);
  const displayName = optString(input, 'DisplayName', TEXT_RULE);
  const name = readName(optObject(input, 'Name'));
  const missing = [
    ...(displayName === undefined ? ['displayname'] : []),
    ...(name === undefined ? ['name'] : []),
    ...(name !== undefined && name.GivenName === undefined ? ['givenname'] : []),
    ...(name !== undefined && name.FamilyName === undefined ? ['familyname'] : []),
  ];
  if (missing.length > 0) throw validation(missing.map((a) => `${a}: The attribute ${a} is required`).join(', '));
  const emails = readEmails(optList(input, 'Emails'));
  const attributes: Record<string, unknown> = {};
  for (const a of STRING_ATTRIBUTES) {
    const v = optString(input, a, TEXT_RULE);
    if (v !== undefined) attributes[a] = v;
  }
  for (const [a, max] of Object.entries(LIST_ATTRIBUTES)) {
    const v = optList(input, a);
    if (v === undefined) continue;
    if (v.length < 1 || v.length > max) throw validation(`Member ${a} must have between 1 and ${max} items.`);
    attributes[a] = v;
  }
  requireUniqueName(ctx.store, instance.identityStoreId, userName);
  const user: IdentityStoreUserRecord = {
    identityStoreId: instance.identityStoreId,
    userId: newResourceId(instance.identityStoreId),
    userName,
    displayName,
    attributes,
    externalIds: [],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    ...(name === undefined ? {} : { name }),
    ...(emails === undefined ? {} : { emails }),
  };
  ctx.store.put('identityStoreUsers', userKey(user.identityStoreId, user.userId), user);
  return { IdentityStoreId: user.identityStoreId, UserId: user.userId };
}

export function describeUser(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  return userShape(findUser(ctx.store, instance.identityStoreId, readResourceId(input, 'UserId')));
}

/** UpdateUser: `Operations` of `{ AttributePath, AttributeValue }`; a missing value removes the attribute. */
export function updateUser(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const user = { ...findUser(ctx.store, instance.identityStoreId, readResourceId(input, 'UserId')) };
  user.attributes = { ...user.attributes };
  const ops = optList(input, 'Operations');
  if (ops === undefined || ops.length < 1 || ops.length > 100)
    throw validation('Member Operations must have between 1 and 100 items.');
  for (const item of ops) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw typeError('Operations member', 'a structure');
    const o = item as Record<string, unknown>;
    const path = reqString(o, 'AttributePath', { min: 1, max: 255 });
    applyUserOperation(user, path, o.AttributeValue);
  }
  requireUniqueName(ctx.store, instance.identityStoreId, user.userName, user.userId);
  ctx.store.put('identityStoreUsers', userKey(user.identityStoreId, user.userId), { ...user, updatedAt: ctx.now });
  return {};
}

function applyUserOperation(user: IdentityStoreUserRecord, path: string, value: unknown): void {
  const lower = path.toLowerCase();
  const absent = value === undefined || value === null;
  const asText = (): string => {
    if (typeof value !== 'string') throw validation(`The value for ${path} must be a string.`);
    return reqString({ v: value }, 'v', TEXT_RULE);
  };
  if (lower === 'username') {
    if (absent) throw validation('UserName cannot be removed.');
    user.userName = reqString({ UserName: value }, 'UserName', USER_NAME_RULE);
  } else if (lower === 'displayname') {
    if (absent) throw validation('DisplayName cannot be removed.');
    user.displayName = asText();
  } else if (lower === 'emails') {
    if (absent) delete user.emails;
    else if (Array.isArray(value)) user.emails = readEmails(value);
    else throw validation('The value for emails must be a list.');
  } else if (lower === 'name' || lower.startsWith('name.')) {
    const part = NAME_PARTS.find((p) => `name.${p.toLowerCase()}` === lower);
    if (lower === 'name') {
      if (absent) delete user.name;
      else if (typeof value === 'object' && !Array.isArray(value))
        user.name = readName(value as Record<string, unknown>);
      else throw validation('The value for name must be a structure.');
    } else if (part === undefined) throw validation(`Unknown attribute path ${path}.`);
    else {
      const name = { ...(user.name ?? {}) };
      if (absent) delete name[part];
      else name[part] = asText();
      user.name = name;
    }
  } else {
    const attribute = [...STRING_ATTRIBUTES, ...Object.keys(LIST_ATTRIBUTES)].find((a) => a.toLowerCase() === lower);
    if (attribute === undefined) throw validation(`Unknown attribute path ${path}.`);
    if (absent) delete user.attributes[attribute];
    else user.attributes[attribute] = attribute in LIST_ATTRIBUTES ? value : asText();
  }
}

/** Deleting a user also deletes its group memberships, as AWS does. */
export function deleteUser(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const user = findUser(ctx.store, instance.identityStoreId, readResourceId(input, 'UserId'));
  for (const m of [...ctx.store.lookup(membershipsByMember, `${user.identityStoreId}|${user.userId}`).values()])
    ctx.store.delete('groupMemberships', membershipKey(m.identityStoreId, m.membershipId));
  ctx.store.delete('identityStoreUsers', userKey(user.identityStoreId, user.userId));
  return {};
}

export function listUsers(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const userName = readFilter(input, 'UserName');
  const users = [...ctx.store.values('identityStoreUsers')]
    .filter(
      (u) =>
        u.identityStoreId === instance.identityStoreId &&
        (userName === undefined || u.userName.toLowerCase() === userName.toLowerCase()),
    )
    .sort((a, b) => a.createdAt - b.createdAt || a.userId.localeCompare(b.userId));
  const { page, NextToken } = paginate(users, `ListUsers/${instance.identityStoreId}/${userName ?? ''}`, input);
  return { Users: page.map(userShape), NextToken };
}

/** GetUserId by `UserName` or `emails.value` (unique attributes), or by an external id. */
export function getUserId(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = requireStore(input, ctx);
  const alt = readAlternateIdentifier(input);
  let user: IdentityStoreUserRecord | undefined;
  if (alt.kind === 'external') {
    for (const u of ctx.store.values('identityStoreUsers'))
      if (u.identityStoreId === instance.identityStoreId && hasExternalId(u.externalIds, alt.externalId)) user = u;
  } else if (alt.path.toLowerCase() === 'username') {
    user = userByName(ctx.store, instance.identityStoreId, alt.value);
  } else if (alt.path.toLowerCase() === 'emails.value') {
    const wanted = alt.value.toLowerCase();
    for (const u of ctx.store.values('identityStoreUsers'))
      if (
        u.identityStoreId === instance.identityStoreId &&
        (u.emails ?? []).some((e) => typeof e.Value === 'string' && e.Value.toLowerCase() === wanted)
      )
        user = u;
  } else throw validation(`${alt.path} is not a unique attribute of a user; use UserName or emails.value.`);
  if (user === undefined) throw notFound('USER');
  return { IdentityStoreId: instance.identityStoreId, UserId: user.userId };
}
