import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BulkheadError } from '../core/errors.js';
import { schemaText } from './schema.js';
import { renderOrgTemplate, TEMPLATE_NAMES, type TemplateName, type TemplateOptions } from '../templates/index.js';

export interface InitOptions extends Partial<TemplateOptions> {
  template?: string;
  file?: string;
  force?: boolean;
}

const NAME = /^[a-z][a-z0-9-]{0,30}$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const USER = /^[a-z][a-z0-9._-]{0,63}$/;

/** Checks init's options; wrong values are the user's mistake, reported with what to change. */
function checkOptions(o: InitOptions): TemplateName {
  const template = (o.template ?? 'startup') as TemplateName;
  if (!TEMPLATE_NAMES.includes(template)) {
    throw new BulkheadError('init-template', `unknown template "${o.template}"`, {
      hint: `choose one of: ${TEMPLATE_NAMES.join(', ')}`,
    });
  }
  if (o.name !== undefined && !NAME.test(o.name)) {
    throw new BulkheadError(
      'init-name',
      `organization name "${o.name}" must start with a letter and use lowercase letters, digits and dashes (at most 31)`,
      { hint: 'e.g. --name acme' },
    );
  }
  if (o.emailDomain !== undefined && !DOMAIN.test(o.emailDomain)) {
    throw new BulkheadError('init-email-domain', `"${o.emailDomain}" is not a domain name`, {
      hint: 'e.g. --email-domain example.com',
    });
  }
  for (const d of o.developers ?? []) {
    if (!USER.test(d))
      throw new BulkheadError(
        'init-developers',
        `developer name "${d}" must be lowercase letters, digits, dots, dashes or underscores`,
        { hint: 'e.g. --developers alice,bob' },
      );
  }
  return template;
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
  const { template: _t, file: _f, force: _force, ...templateOptions } = options;
  const text = renderOrgTemplate(
    template,
    Object.fromEntries(Object.entries(templateOptions).filter(([, v]) => v !== undefined)),
  );
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
