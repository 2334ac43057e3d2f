import { didYouMeanAmong } from '../../core/suggest.js';
import type { AccountSpec } from '../schema.js';
import { findDuplicates, type RuleContext } from './context.js';

// AWS CreateAccount: Email 6-64 characters; AccountName 1-50 characters.
const EMAIL = /^[A-Za-z0-9._%+=-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const ACCOUNT_ID = /^\d{12}$/;
// AWS IAM Identity Center: permission set names are 1-32 characters of [\w+=,.@-].
const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;
// ISO-8601 duration, hours and minutes; Identity Center allows 1 to 12 hours.
const SESSION_DURATION = /^PT(?:(\d+)H)?(?:(\d+)M)?$/;

function checkEmail(ctx: RuleContext, email: string, path: (string | number)[]): void {
  if (!EMAIL.test(email)) {
    ctx.error('E-INVALID-EMAIL', path, `"${email}" is not a valid email address`, {
      hint: 'use an address like aws-prod@example.com',
    });
  } else if (email.length < 6 || email.length > 64) {
    ctx.error('E-INVALID-EMAIL', path, `"${email}" is ${email.length} characters; AWS allows 6 to 64`, {
      hint: 'use a shorter address, e.g. with plus addressing: aws+prod@example.com',
    });
  }
}

export function checkNames(ctx: RuleContext): void {
  const { spec } = ctx;
  const mgmt = spec.organization.managementAccount;
  const accounts = spec.accounts ?? [];
  checkEmail(ctx, mgmt.email, ['organization', 'managementAccount', 'email']);
  if (mgmt.id !== undefined && !ACCOUNT_ID.test(mgmt.id)) {
    ctx.error(
      'E-INVALID-ACCOUNT-ID',
      ['organization', 'managementAccount', 'id'],
      `account id "${mgmt.id}" must be 12 digits`,
      { hint: 'quote it so YAML keeps leading zeros: id: "012345678901"' },
    );
  }

  accounts.forEach((account, i) => {
    checkEmail(ctx, account.email, ['accounts', i, 'email']);
    if (account.name.length > 50)
      ctx.error(
        'E-ACCOUNT-NAME-LENGTH',
        ['accounts', i, 'name'],
        `account name "${account.name}" is ${account.name.length} characters; AWS allows at most 50`,
        { hint: 'shorten the name; the email and tags can carry the detail' },
      );
    if (account.id !== undefined && !ACCOUNT_ID.test(account.id)) {
      ctx.error('E-INVALID-ACCOUNT-ID', ['accounts', i, 'id'], `account id "${account.id}" must be 12 digits`, {
        hint: 'quote it so YAML keeps leading zeros: id: "012345678901"',
      });
    }
  });
  for (const d of findDuplicates(accounts, (a) => a.name)) {
    ctx.error(
      'E-DUPLICATE-ACCOUNT-NAME',
      ['accounts', d.index, 'name'],
      `account name "${d.key}" is used twice (also accounts[${d.firstIndex}])`,
      { hint: 'account names must be unique; rename one' },
    );
  }
  // The management account exists already: an entry may describe it (same name, or its id), but a
  // member account cannot reuse its root email under another name.
  const mgmtEmail = mgmt.email.toLowerCase();
  const isManagementEntry = (a: AccountSpec) => a.name === mgmt.name || (mgmt.id !== undefined && a.id === mgmt.id);
  accounts.forEach((account, i) => {
    if (account.email.toLowerCase() !== mgmtEmail || isManagementEntry(account)) return;
    ctx.error(
      'E-DUPLICATE-EMAIL',
      ['accounts', i, 'email'],
      `account "${account.name}" uses the root email of the management account "${mgmt.name}" (emails compare case-insensitively)`,
      {
        hint: `give "${account.name}" its own root email, or name the entry "${mgmt.name}" if it describes the management account`,
      },
    );
  });
  const others = (a: AccountSpec) => (a.email.toLowerCase() === mgmtEmail ? undefined : a.email.toLowerCase());
  for (const d of findDuplicates(accounts, others)) {
    ctx.error(
      'E-DUPLICATE-EMAIL',
      ['accounts', d.index, 'email'],
      `email "${accounts[d.index]!.email}" is used by accounts[${d.firstIndex}] too (emails compare case-insensitively)`,
      {
        hint: 'every AWS account needs its own root email; plus addressing helps: aws+name@example.com',
      },
    );
  }
  for (const d of findDuplicates(accounts, (a) => a.id)) {
    ctx.error(
      'E-DUPLICATE-ACCOUNT-ID',
      ['accounts', d.index, 'id'],
      `account id ${d.key} is adopted twice (also accounts[${d.firstIndex}])`,
      { hint: 'an existing account can be adopted by one entry only; remove the other id' },
    );
  }

  const identity = spec.identity ?? {};
  (identity.users ?? []).forEach((u, i) => checkEmail(ctx, u.email, ['identity', 'users', i, 'email']));
  for (const d of findDuplicates(identity.users ?? [], (u) => u.userName)) {
    ctx.error('E-DUPLICATE-USER', ['identity', 'users', d.index, 'userName'], `user "${d.key}" is defined twice`, {
      hint: 'user names must be unique; merge the two entries',
    });
  }
  for (const d of findDuplicates(identity.groups ?? [], (g) => g.name)) {
    ctx.error('E-DUPLICATE-GROUP', ['identity', 'groups', d.index, 'name'], `group "${d.key}" is defined twice`, {
      hint: 'group names must be unique; merge the two entries',
    });
  }
  const sets = identity.permissionSets ?? [];
  for (const d of findDuplicates(sets, (p) => p.name)) {
    ctx.error(
      'E-DUPLICATE-PERMISSION-SET',
      ['identity', 'permissionSets', d.index, 'name'],
      `permission set "${d.key}" is defined twice`,
      { hint: 'permission set names must be unique; rename or merge one' },
    );
  }
  sets.forEach((set, i) => {
    if (!PERMISSION_SET_NAME.test(set.name)) {
      ctx.error(
        'E-PERMISSION-SET-NAME',
        ['identity', 'permissionSets', i, 'name'],
        `permission set name "${set.name}" must be 1-32 characters of letters, digits and +=,.@_-`,
        { hint: `e.g. "${set.name.replace(/[^\w+=,.@-]/g, '').slice(0, 32) || 'PowerUser'}"` },
      );
    }
    if (set.sessionDuration !== undefined)
      checkSessionDuration(ctx, set.sessionDuration, ['identity', 'permissionSets', i, 'sessionDuration']);
  });

  const scps = spec.policies?.serviceControlPolicies ?? [];
  for (const d of findDuplicates(scps, (p) => p.name)) {
    ctx.error(
      'E-DUPLICATE-POLICY',
      ['policies', 'serviceControlPolicies', d.index, 'name'],
      `policy "${d.key}" is defined twice`,
      { hint: 'policy names are unique in AWS Organizations; rename one' },
    );
  }
}

function checkSessionDuration(ctx: RuleContext, value: string, path: (string | number)[]): void {
  const m = SESSION_DURATION.exec(value);
  const minutes = m && (m[1] || m[2]) ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : NaN;
  if (Number.isNaN(minutes)) {
    ctx.error('E-SESSION-DURATION', path, `session duration "${value}" is not an ISO-8601 duration`, {
      hint: 'write hours and minutes, e.g. PT8H or PT1H30M',
    });
  } else if (minutes < 60 || minutes > 720) {
    ctx.error(
      'E-SESSION-DURATION',
      path,
      `session duration ${value} is outside what IAM Identity Center allows (PT1H to PT12H)`,
      { hint: 'choose a duration from PT1H to PT12H' },
    );
  }
}

/** A "did you mean" hint for a reference, or a list of what exists. */
export function referenceHint(name: string, known: Iterable<string>, what: string): string {
  const list = [...known];
  return (
    didYouMeanAmong(name, list) ??
    (list.length > 0
      ? `known ${what}: ${list.slice(0, 12).join(', ')}${list.length > 12 ? ', …' : ''}`
      : `no ${what} are defined`)
  );
}
