import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { MAX_ALIASES } from '../../src/config/yaml-limits.js';

// Hostile specs too large to keep as fixtures are generated here; the small ones are in
// test/cases/validate/yaml-*.
const dir = mkdtempSync(join(tmpdir(), 'bulkhead-yaml-limits-'));
const base = readFileSync(join(import.meta.dirname, '..', 'cases', 'validate', 'base.yaml'), 'utf8');
const baseLines = base.split('\n').length - 1;

async function validateText(name: string, text: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const started = performance.now();
  const result = await validateSpecFile(file);
  return { result, ms: performance.now() - started };
}

describe('YAML aliases and nesting are bounded', () => {
  it('40,000 aliases: one diagnostic at the first alias past the limit, quickly', async () => {
    const aliases = Array.from({ length: 40_000 }, () => '  - *x').join('\n');
    const { result, ms } = await validateText('aliases.yaml', `${base}x-anchor: &x 1\nx-list:\n${aliases}\n`);
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['E-YAML-ALIAS-LIMIT', baseLines + 2 + MAX_ALIASES + 1, 5],
    ]);
    expect(result.diagnostics[0]!.message).toMatch(/more than 10,000 aliases/);
    // Before the bound this took minutes; the limit is checked before the document is composed,
    // so what remains is parsing 280 KB (well under a second on an idle machine).
    expect(ms).toBeLessThan(10_000);
  });

  it('a 6 KB billion laughs: refused at the alias that goes over, quickly', async () => {
    const lol = `"${'lol'.repeat(200)}"`;
    const lines = [`x-a: &a [${Array(9).fill(lol).join(', ')}]`];
    for (let i = 1; i < 12; i++) {
      const [prev, next] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      lines.push(`x-${next}: &${next} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const text = `${base}${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(5000);
    const { result, ms } = await validateText('laughs.yaml', text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['E-YAML-ALIAS-LIMIT']);
    expect(result.diagnostics[0]!.line).toBe(baseLines + 6);
    expect(ms).toBeLessThan(2000);
  });

  it('20,000 levels of brackets: one nesting diagnostic, not a stack overflow', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const { result } = await validateText('deep.yaml', `${base}x-deep: ${deep}\n`);
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['E-YAML-TOO-DEEP', baseLines + 1]]);
    expect(result.diagnostics[0]!.message).not.toMatch(/call stack/i);
  });

  it('3,000 levels of block mappings: one nesting diagnostic', async () => {
    const deep = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 2)}k:`).join('\n');
    const { result } = await validateText('deep-block.yaml', `${base}x-deep:\n${deep}\n`);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['E-YAML-TOO-DEEP']);
  });

  it('ordinary aliases still work, and each use is its own copy', async () => {
    const text = base
      .replace('    environment: prod\n', '    environment: prod\n    tags: &tags { team: core }\n')
      .replace('    environment: dev\n', '    environment: dev\n    tags: *tags\n');
    const { result } = await validateText('ordinary.yaml', text);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const accounts = result.model!.accounts;
    const prod = accounts.get('acme-prod')!;
    const dev = accounts.get('acme-dev')!;
    expect(dev.tags).toMatchObject({ team: 'core' });
    expect(dev.tags).not.toBe(prod.tags);
  });
});
