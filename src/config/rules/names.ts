import { didYouMeanAmong } from '../../core/suggest.js';
import type { AccountSpec } from '../schema.js';
import { findDuplicates, type RuleContext } from './context.js';

// AWS CreateAccount: Email 6-64 characters; AccountName 1-50 characters.
const EMAIL = /^[A-Za-z0-9._%+=-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const ACCOUNT_ID = /^\d{12}$/;

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

  (spec.identity?.users ?? []).forEach((u, i) => checkEmail(ctx, u.email, ['identity', 'users', i, 'email']));

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
