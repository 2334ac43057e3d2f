import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BulkheadError, UsageError } from '../core/errors.js';
import { didYouMeanAmong, showInvisible } from '../core/suggest.js';
import { AWS_REGIONS, isKnownRegion } from '../model/regions.js';
import { schemaText } from './schema.js';
import {
  renderOrgTemplate,
  templateContent,
  TEMPLATE_NAMES,
  type TemplateName,
  type TemplateOptions,
} from '../templates/index.js';

export interface InitOptions extends Partial<TemplateOptions> {
  template?: string;
  file?: string;
  force?: boolean;
}

const NAME = /^[a-z][a-z0-9-]{0,30}$/;
// A domain whose addresses `validate` accepts: labels of letters, digits and dashes, a letter TLD.
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i;
const USER = /^[a-z][a-z0-9._-]{0,63}$/;
const UNIT = /^[a-z][a-z0-9-]{0,30}$/;
// AWS CreateAccount: AccountName at most 50 characters, Email at most 64.
const MAX_ACCOUNT_NAME = 50;
const MAX_EMAIL = 64;

function checkList(values: string[] | undefined, what: string, flag: string, pattern: RegExp, rule: string): void {
  if (values === undefined) return;
  if (values.length === 0)
    throw new UsageError(
      `${flag} names no ${what}s`,
      `e.g. ${flag} ${what === 'developer' ? 'alice,bob' : 'retail,payments'}, or leave the flag out`,
    );
  const seen = new Set<string>();
  for (const v of values) {
    if (!pattern.test(v))
      throw new UsageError(
        `${what} name "${showInvisible(v)}" must ${rule}`,
        `e.g. ${flag} ${what === 'developer' ? 'alice,bob' : 'retail,payments'}`,
      );
    if (seen.has(v)) throw new UsageError(`${what} "${v}" is listed twice in ${flag}`, 'list each one once');
    seen.add(v);
  }
}

/** Checks init's options; wrong values are the user's mistake (exit 2), reported with what to change. */
function checkOptions(o: InitOptions): TemplateName {
  const template = (o.template ?? 'startup') as TemplateName;
  if (!TEMPLATE_NAMES.includes(template)) {
    throw new UsageError(`unknown template "${o.template}"`, `choose one of: ${TEMPLATE_NAMES.join(', ')}`);
  }
  if (o.name !== undefined && !NAME.test(o.name)) {
    throw new UsageError(
      `organization name "${showInvisible(o.name)}" must start with a letter and use lowercase letters, digits and dashes (at most 31)`,
      'e.g. --name acme',
    );
  }
  if (o.emailDomain !== undefined && !DOMAIN.test(o.emailDomain)) {
    throw new UsageError(`"${showInvisible(o.emailDomain)}" is not a domain name`, 'e.g. --email-domain example.com');
  }
  checkList(
    o.developers,
    'developer',
    '--developers',
    USER,
    'start with a letter and use lowercase letters, digits, dots, dashes or underscores',
  );
  checkList(
    o.businessUnits,
    'business unit',
    '--business-units',
    UNIT,
    'start with a letter and use lowercase letters, digits and dashes (at most 31)',
  );
  if (o.homeRegion !== undefined && !isKnownRegion(o.homeRegion)) {
    throw new UsageError(
      `"${showInvisible(o.homeRegion)}" is not an AWS Region`,
      didYouMeanAmong(o.homeRegion, AWS_REGIONS) ?? 'e.g. --home-region eu-west-1',
    );
  }
  for (const r of o.allowedRegions ?? []) {
    if (!isKnownRegion(r))
      throw new UsageError(
        `"${showInvisible(r)}" is not an AWS Region`,
        didYouMeanAmong(r, AWS_REGIONS) ?? 'e.g. eu-west-1',
      );
  }
  return template;
}

/** Checks what the options produce: names and emails within AWS's limits, no name used twice. */
function checkContent(template: TemplateName, options: Partial<TemplateOptions>): void {
  const value = templateContent(template, options).value as {
    accounts: { name: string; email: string }[];
    identity: { users: { email: string }[] };
  };
  const names = new Set<string>();
  for (const account of value.accounts) {
    if (account.name.length > MAX_ACCOUNT_NAME)
      throw new UsageError(
        `the account name "${account.name}" would be ${account.name.length} characters; AWS allows ${MAX_ACCOUNT_NAME}`,
        'choose a shorter --name, developer or business unit name',
      );
    if (names.has(account.name))
      throw new UsageError(
        `two accounts would be named "${account.name}"`,
        'a developer, business unit or environment name clashes with another: rename one',
      );
    names.add(account.name);
  }
  for (const { email } of [...value.accounts, ...value.identity.users]) {
    if (email.length > MAX_EMAIL)
      throw new UsageError(
        `the email "${email}" would be ${email.length} characters; AWS allows ${MAX_EMAIL}`,
        'choose a shorter --email-domain, developer or business unit name',
      );
  }
}

export interface InitResult {
  file: string;
  schemaFile: string;
  template: TemplateName;
}

/** Writes a commented org.yaml from a template, and its JSON Schema beside it for editors. */
export function init(options: InitOptions): InitResult {
  const template = checkOptions(options);
  const file = options.file ?? 'org.yaml';
  if (existsSync(file) && !options.force) {
    throw new BulkheadError('init-exists', `${file} already exists`, {
      hint: 'pass --force to overwrite it, or -f to write another file',
    });
  }
  const { template: _t, file: _f, force: _force, ...given } = options;
  const templateOptions = Object.fromEntries(
    Object.entries(given).filter(([, v]) => v !== undefined),
  ) as Partial<TemplateOptions>;
  checkContent(template, templateOptions);
  const text = renderOrgTemplate(template, templateOptions);
  const schemaFile = join(dirname(file), 'org.schema.json');
  try {
    writeFileSync(file, text);
    writeFileSync(schemaFile, schemaText());
  } catch (err) {
    throw new BulkheadError(
      'init-write',
      `cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { hint: 'check that the folder exists and is writable' },
    );
  }
  return { file, schemaFile, template };
}
