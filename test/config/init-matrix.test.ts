import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { BulkheadError } from '../../src/core/errors.js';
import { TEMPLATE_NAMES } from '../../src/templates/index.js';
import { init, type InitOptions } from '../../src/toolkit/init.js';

// `init` must never write a spec that `validate` refuses: every combination either validates
// without errors or is refused as a usage error before anything is written.
const dir = mkdtempSync(join(tmpdir(), 'bulkhead-init-matrix-'));

const OPTIONS: [string, Omit<InitOptions, 'template' | 'file'>][] = [
  ['defaults', {}],
  ['one developer', { developers: ['ann'] }],
  ['no developers', { developers: [] }],
  ['empty developer', { developers: [''] }],
  ['duplicate developers', { developers: ['ann', 'ann'] }],
  ['developer with a zero-width space', { developers: ['ann\u200b'] }],
  ['long developer name', { developers: ['a'.repeat(40)] }],
  ['long org name and developer', { name: 'a'.repeat(31), developers: ['abcdefghijkl'] }],
  ['longest org name', { name: 'a'.repeat(31) }],
  ['long email domain', { emailDomain: `${'d'.repeat(40)}.example.com` }],
  ['domain without a TLD', { emailDomain: 'example.c0m' }],
  ['unknown home region', { homeRegion: 'eu-wset-1' }],
  ['known home region', { homeRegion: 'ap-southeast-2' }],
  ['duplicate business units', { businessUnits: ['retail', 'retail'] }],
  ['business unit with a capital', { businessUnits: ['Retail'] }],
  ['no business units', { businessUnits: [] }],
  ['long business unit', { name: 'a'.repeat(31), businessUnits: ['b'.repeat(20)] }],
  ['clashing names', { developers: ['prod'], businessUnits: ['sandbox'] }],
  ['many developers', { developers: Array.from({ length: 12 }, (_, i) => `dev${i}`) }],
];

describe('init writes only specs that validate', () => {
  for (const template of TEMPLATE_NAMES) {
    for (const [label, options] of OPTIONS) {
      it(`${template}: ${label}`, async () => {
        const file = join(dir, `${template}-${label.replace(/\W+/g, '-')}.yaml`);
        let refused: unknown;
        try {
          init({ ...options, template, file });
        } catch (err) {
          refused = err;
        }
        if (refused !== undefined) {
          expect(BulkheadError.is(refused) && refused.code, String(refused)).toBe('usage');
          expect(existsSync(file)).toBe(false);
          return;
        }
        const result = await validateSpecFile(file);
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      });
    }
  }

  it('refuses the hostile inputs (so the matrix checks both sides)', () => {
    for (const [label, options] of OPTIONS.filter(([l]) =>
      /duplicate|empty|zero-width|unknown|TLD|capital|clash|long developer|long email|org name and/.test(l),
    ))
      expect(() => init({ ...options, template: 'enterprise', file: join(dir, 'x.yaml') }), label).toThrow();
  });
});
