import { showInvisible, showNonAscii } from '../../core/suggest.js';
import type { Path, RuleContext } from './context.js';

// Values AWS refuses, from the Organizations API reference (botocore's model of it agrees):
// CreateAccount AccountName: 1-50 characters of [\u0020-\u007E] (printable ASCII).
// Tag Key: 1-128 characters, Value: 0-256, both matching ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$; at most 50
// tags per resource; the `aws:` prefix (any case) is reserved for AWS.
// CreatePolicy Name: 1-128 characters of the ASCII range; Description: at most 512 characters.
const ACCOUNT_NAME = /^[\x20-\x7e]+$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAG_KEY = 128;
const MAX_TAG_VALUE = 256;
const MAX_TAGS = 50;
const MAX_POLICY_NAME = 128;
const MAX_POLICY_DESCRIPTION = 512;
const isAscii = (s: string) => [...s].every((c) => c.codePointAt(0)! < 0x80);

const length = (s: string) => [...s].length;

function badCharacters(s: string, allowed: RegExp): string[] {
  return [...new Set([...s].filter((c) => !allowed.test(c)))];
}

function listCharacters(chars: string[]): string {
  return chars
    .slice(0, 5)
    .map((c) => `\`${showNonAscii(c)}\``)
    .join(', ');
}

export function checkTags(
  ctx: RuleContext,
  tags: Record<string, string> | undefined,
  path: Path,
  what: string,
  bookkeeping: number,
  inherited: Record<string, string> = {},
  max = MAX_TAGS,
): void {
  if (!tags) return;
  for (const [key, value] of Object.entries(tags)) {
    const at = [...path, key];
    const shown = showInvisible(key);
    if (key.trim() === '') {
      ctx.error('E-TAG-KEY', at, `a tag key of ${what} is empty`, {
        hint: 'give the tag a key, e.g. team',
        atKey: true,
      });
    } else if (key.toLowerCase().startsWith('aws:')) {
      ctx.error('E-TAG-KEY', at, `tag key "${shown}" starts with aws:, which AWS reserves for its own tags`, {
        hint: 'choose another prefix, e.g. acme:cost-center',
        atKey: true,
      });
    } else if (length(key) > MAX_TAG_KEY) {
      ctx.error('E-TAG-KEY', at, `tag key "${shown.slice(0, 40)}…" is ${length(key)} characters; AWS allows 128`, {
        hint: 'shorten the key',
        atKey: true,
      });
    } else if (!TAG_TEXT.test(key)) {
      ctx.error(
        'E-TAG-KEY',
        at,
        `tag key "${shown}" has characters AWS refuses in tags: ${listCharacters(badCharacters(key, /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u))}`,
        { hint: 'use letters, digits, spaces and _ . : / = + - @', atKey: true },
      );
    }
    if (typeof value !== 'string') continue;
    if (length(value) > MAX_TAG_VALUE) {
      ctx.error('E-TAG-VALUE', at, `the value of tag "${shown}" is ${length(value)} characters; AWS allows 256`, {
        hint: 'shorten the value',
      });
    } else if (!TAG_TEXT.test(value)) {
      ctx.error(
        'E-TAG-VALUE',
        at,
        `the value of tag "${shown}" has characters AWS refuses in tags: ${listCharacters(badCharacters(value, /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u))}`,
        { hint: 'use letters, digits, spaces and _ . : / = + - @' },
      );
    }
  }
  const count = new Set([...Object.keys(inherited), ...Object.keys(tags)]).size + bookkeeping;
  if (count > max) {
    ctx.error(
      'E-TAG-COUNT',
      path,
      `${what} would carry ${count} tags${bookkeeping > 0 ? ` (with Bulkhead's own ${bookkeeping})` : ''}; AWS allows ${max}`,
      { hint: 'remove tags, or move shared ones into fewer keys' },
    );
  }
}

/** Names, tags and descriptions that AWS would refuse half-way through an apply. */
export function checkAwsValues(ctx: RuleContext): void {
  const { spec } = ctx;
  const defaults = spec.organization.defaultTags ?? {};
  checkTags(ctx, spec.organization.defaultTags, ['organization', 'defaultTags'], 'the organization', 0);
  for (const [name, env] of Object.entries(spec.environments ?? {}))
    checkTags(ctx, env.tags, ['environments', name, 'tags'], `environment "${name}"`, 0);

  (spec.accounts ?? []).forEach((account, i) => {
    if (!ACCOUNT_NAME.test(account.name)) {
      const bad = badCharacters(account.name, /[\x20-\x7e]/);
      ctx.error(
        'E-ACCOUNT-NAME-CHARACTERS',
        ['accounts', i, 'name'],
        `account name "${showNonAscii(account.name)}" has characters AWS refuses in account names: ${listCharacters(bad)}`,
        { hint: 'AWS account names are printable ASCII only: letters, digits, spaces and punctuation' },
      );
    }
    // Accounts carry the default tags, their own, and Bulkhead's managed-by and environment.
    checkTags(ctx, account.tags, ['accounts', i, 'tags'], `account "${account.name}"`, 2, defaults);
  });

  const walk = (ous: typeof spec.organizationalUnits, path: Path) =>
    (ous ?? []).forEach((ou, i) => {
      checkTags(ctx, ou.tags, [...path, i, 'tags'], `OU "${ou.name}"`, 1, defaults);
      walk(ou.children, [...path, i, 'children']);
    });
  walk(spec.organizationalUnits, ['organizationalUnits']);

  (spec.policies?.serviceControlPolicies ?? []).forEach((scp, i) => {
    const path: Path = ['policies', 'serviceControlPolicies', i];
    if (length(scp.name) > MAX_POLICY_NAME) {
      ctx.error(
        'E-POLICY-NAME',
        [...path, 'name'],
        `policy name "${showInvisible(scp.name.slice(0, 40))}…" is ${length(scp.name)} characters; AWS allows ${MAX_POLICY_NAME}`,
        { hint: 'shorten the name; the description can carry the detail' },
      );
    } else if (!isAscii(scp.name)) {
      ctx.error(
        'E-POLICY-NAME',
        [...path, 'name'],
        `policy name "${showNonAscii(scp.name)}" has characters outside ASCII, which AWS refuses in policy names`,
        { hint: 'use ASCII letters, digits and punctuation' },
      );
    }
    if (scp.description !== undefined && length(scp.description) > MAX_POLICY_DESCRIPTION) {
      ctx.error(
        'E-POLICY-DESCRIPTION',
        [...path, 'description'],
        `the description of policy "${showInvisible(scp.name)}" is ${length(scp.description)} characters; AWS allows ${MAX_POLICY_DESCRIPTION}`,
        { hint: 'shorten the description' },
      );
    }
    checkTags(ctx, scp.tags, [...path, 'tags'], `policy "${scp.name}"`, 1);
  });
}
