import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { FAKE_GUARDRAILS } from '../support/fake-guardrails.js';

// Each folder under test/cases/validate holds a spec (org.yaml, sometimes with included files)
// and expected.json: the diagnostics it must produce, by code, severity, file and line.
const CASES = join(import.meta.dirname, '..', 'cases', 'validate');

interface Expected {
  schemaLevel: boolean;
  /** `test`: validate with the small guardrail catalogue of test/support/fake-guardrails.ts. */
  catalogue?: 'test';
  /** `column` is compared only where a case gives it. */
  diagnostics: { code: string; severity: string; file: string; line: number; column?: number }[];
}

const cases = readdirSync(CASES)
  .filter((n) => statSync(join(CASES, n)).isDirectory())
  .sort();

describe('validate: broken specs', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of cases) {
    it(name, async () => {
      const expected = JSON.parse(readFileSync(join(CASES, name, 'expected.json'), 'utf8')) as Expected;
      const result = await validateSpecFile(
        join(CASES, name, 'org.yaml'),
        expected.catalogue === 'test' ? { guardrails: FAKE_GUARDRAILS } : {},
      );
      const actual = result.diagnostics.map((d, i) => ({
        code: d.code,
        severity: d.severity,
        file: d.file?.split('/').pop(),
        line: d.line,
        ...(expected.diagnostics[i]?.column === undefined ? {} : { column: d.column }),
      }));
      expect(actual).toEqual(expected.diagnostics);
      expect(expected.diagnostics.length).toBeGreaterThan(0);
      for (const d of result.diagnostics) {
        // Every diagnostic says where, what and (for all but YAML parse errors) what to change.
        expect(d.line, d.code).toBeGreaterThan(0);
        expect(d.column, d.code).toBeGreaterThan(0);
        expect(d.message.length).toBeGreaterThan(10);
        if (!d.code.startsWith('E-YAML-SYNTAX')) expect(d.hint, `${d.code} has a hint`).toBeTruthy();
      }
      const hasErrors = result.diagnostics.some((d) => d.severity === 'error');
      expect(result.model === undefined).toBe(hasErrors);
    });
  }
});
