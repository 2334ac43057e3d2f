import { showInvisible, showNonAscii } from '../../core/suggest.js';
import { findDuplicates, type Path, type RuleContext } from './context.js';

// Limits from the Identity Store API reference (botocore's identitystore 2020-06-15 model agrees):
// UserName 1-128 of [\p{L}\p{M}\p{S}\p{N}\p{P}] (no spaces); GroupDisplayName 1-1024 of the same plus tab, CR, LF,
// space and no-break space; the other strings (DisplayName, GivenName, FamilyName, email Value, Description) are
// SensitiveStringType: 1-1024 of the same plus the ideographic space. CreateUser/CreateGroup: "Administrator" and
// "AWSAdministrators" are reserved names for users and groups. User names and emails must be unique in the store
// (a second one is a ConflictException); Bulkhead compares them case-insensitively, as sign-in does.
const USER_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \u00a0]+$/u;
const TEXT = /^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \u00a0\u3000]+$/u;
const MAX_USER_NAME = 128;
const MAX_TEXT = 1024;
const RESERVED = ['Administrator', 'AWSAdministrators'];

const length = (s: string) => [...s].length;

/** Users and groups: names and attributes the identity store accepts, each unique. */
export function checkIdentityStore(ctx: RuleContext): void {
  const identity = ctx.spec.identity ?? {};
  const users = identity.users ?? [];
  const groups = identity.groups ?? [];
  const external = identity.source === 'external';

  users.forEach((user, i) => {
    const at: Path = ['identity', 'users', i];
    checkName(ctx, 'E-USER-NAME', 'user name', user.userName, [...at, 'userName'], USER_NAME, MAX_USER_NAME);
    for (const field of ['displayName', 'givenName', 'familyName'] as const) {
      const value = user[field];
      if (value !== undefined) checkText(ctx, `the ${field} of user "${user.userName}"`, value, [...at, field]);
    }
  });
  for (const d of findDuplicates(users, (u) => u.userName.toLowerCase())) {
    const first = users[d.firstIndex]!.userName;
    const same = first === users[d.index]!.userName;
    ctx.error(
      'E-DUPLICATE-USER',
      ['identity', 'users', d.index, 'userName'],
      same
        ? `user "${first}" is defined twice (also identity.users[${d.firstIndex}])`
        : `user "${users[d.index]!.userName}" is the same user name as "${first}" (identity.users[${d.firstIndex}]): the identity store compares user names case-insensitively`,
      { hint: 'user names must be unique; merge the two entries or rename one' },
    );
  }
  for (const d of findDuplicates(users, (u) => u.email.toLowerCase())) {
    ctx.error(
      'E-DUPLICATE-EMAIL',
      ['identity', 'users', d.index, 'email'],
      `users "${users[d.index]!.userName}" and "${users[d.firstIndex]!.userName}" have the same email ${users[d.index]!.email} (emails compare case-insensitively)`,
      { hint: 'the identity store allows one user per email; give each user their own address' },
    );
  }

  groups.forEach((group, i) => {
    const at: Path = ['identity', 'groups', i];
    checkName(ctx, 'E-GROUP-NAME', 'group name', group.name, [...at, 'name'], GROUP_NAME, MAX_TEXT);
    if (group.description !== undefined)
      checkText(ctx, `the description of group "${group.name}"`, group.description, [...at, 'description']);
    if (external && group.members !== undefined) {
      ctx.warn(
        'W-EXTERNAL-MEMBERS-IGNORED',
        [...at, 'members'],
        `group "${group.name}" lists members, but with identity.source external the identity provider manages memberships; Bulkhead ignores them`,
        { hint: 'remove `members:` and manage the group in your identity provider', atKey: true },
      );
    }
  });
  for (const d of findDuplicates(groups, (g) => g.name)) {
    ctx.error(
      'E-DUPLICATE-GROUP',
      ['identity', 'groups', d.index, 'name'],
      `group "${d.key}" is defined twice (also identity.groups[${d.firstIndex}])`,
      { hint: 'group names must be unique; merge the two entries' },
    );
  }
}

function checkName(
  ctx: RuleContext,
  code: string,
  what: string,
  name: string,
  path: Path,
  pattern: RegExp,
  max: number,
): void {
  if (RESERVED.includes(name)) {
    ctx.error(code, path, `"${name}" is reserved by IAM Identity Center and cannot be a ${what}`, {
      hint: `choose another name (${RESERVED.join(' and ')} are reserved)`,
    });
  } else if (length(name) > max) {
    ctx.error(
      code,
      path,
      `${what} "${showInvisible(name.slice(0, 40))}…" is ${length(name)} characters; the identity store allows ${max}`,
      {
        hint: 'shorten the name',
      },
    );
  } else if (!pattern.test(name)) {
    const bad = [...new Set([...name].filter((c) => !pattern.test(c)))].slice(0, 5);
    ctx.error(
      code,
      path,
      `${what} "${showNonAscii(name)}" has characters the identity store refuses: ${bad.map((c) => `\`${showNonAscii(c)}\``).join(', ')}`,
      {
        hint:
          code === 'E-USER-NAME'
            ? 'user names are letters, digits, symbols and punctuation, without spaces (e.g. alice or alice@example.com)'
            : 'use letters, digits, symbols, punctuation and spaces',
      },
    );
  }
}

function checkText(ctx: RuleContext, what: string, value: string, path: Path): void {
  if (length(value) > MAX_TEXT) {
    ctx.error(
      'E-IDENTITY-ATTRIBUTE',
      path,
      `${what} is ${length(value)} characters; the identity store allows ${MAX_TEXT}`,
      {
        hint: 'shorten it',
      },
    );
  } else if (!TEXT.test(value)) {
    ctx.error(
      'E-IDENTITY-ATTRIBUTE',
      path,
      value.length === 0
        ? `${what} is empty; the identity store needs at least one character`
        : `${what} "${showNonAscii(value)}" has characters the identity store refuses (control characters)`,
      { hint: value.length === 0 ? 'remove the empty value' : 'remove control characters' },
    );
  }
}
