import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { orgJsonSchema } from '../../src/config/json-schema.js';
import { TEMPLATE_NAMES } from '../../src/templates/index.js';
import { init } from '../../src/toolkit/init.js';

// Ajv, which no one here wrote, checks that the generated JSON Schema agrees with our validator.
const ajv = new Ajv2020({ strict: false, allErrors: true });
const check = ajv.compile(orgJsonSchema());
const CASES = join(import.meta.dirname, '..', 'cases', 'validate');

describe('JSON Schema of org.yaml', () => {
  it('accepts every template', () => {
    for (const template of TEMPLATE_NAMES) {
      const file = join(mkdtempSync(join(tmpdir(), 'bulkhead-schema-')), 'org.yaml');
      init({ template, file });
      const ok = check(parse(readFileSync(file, 'utf8')));
      expect(ok, `${template}: ${JSON.stringify(check.errors)}`).toBe(true);
    }
  });

  const cases = readdirSync(CASES).filter((n) => statSync(join(CASES, n)).isDirectory());
  for (const name of cases) {
    const expected = JSON.parse(readFileSync(join(CASES, name, 'expected.json'), 'utf8')) as {
      schemaLevel: boolean;
      diagnostics: { code: string }[];
    };
    // Refused while loading, before any schema: the JSON Schema has no say on these.
    const parseable = !expected.diagnostics.some((d) =>
      /^E-(YAML|SPEC-EMPTY|SPEC-NOT-A-MAPPING|RESERVED-KEY)/.test(d.code),
    );
    if (!parseable) continue;
    it(`${expected.schemaLevel ? 'rejects' : 'accepts'} ${name}`, () => {
      const value = parse(readFileSync(join(CASES, name, 'org.yaml'), 'utf8'));
      expect(check(value)).toBe(!expected.schemaLevel);
    });
  }
});
