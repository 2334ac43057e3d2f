import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { didYouMeanAmong, looksAlike, showInvisible } from '../../src/core/suggest.js';

// A did-you-mean that prints exactly like what was typed tells the user nothing; the difference has
// to be visible in the message.
describe('did-you-mean with look-alike input', () => {
  const sets = ['PowerUser', 'ReadOnly'];

  it('a zero-width space: the input is shown written out', () => {
    const hint = didYouMeanAmong('PowerUser\u200b', sets)!;
    expect(hint).toContain('`PowerUser`');
    expect(hint).toContain('`PowerUser\\u{200B}`');
  });

  it('a Cyrillic letter that prints like a Latin one', () => {
    const hint = didYouMeanAmong('\u0420owerUser', sets)!;
    expect(hint).toContain('`PowerUser`');
    expect(hint).toContain('`\\u{0420}owerUser`');
  });

  it('an ordinary typo keeps the short hint', () => {
    expect(didYouMeanAmong('PowerUsr', sets)).toBe('did you mean `PowerUser`?');
  });

  it('invisible characters are escaped in suggestions too', () => {
    expect(didYouMeanAmong('Admin', ['Adm\u200bin'])).toContain('`Adm\\u{200B}in`');
  });

  it('looksAlike and showInvisible', () => {
    expect(looksAlike('prod', 'pr\u043ed')).toBe(true);
    expect(looksAlike('prod', 'prd')).toBe(false);
    expect(showInvisible('a\u200bb\u0007c\u00a0d')).toBe('a\\u{200B}b\\u{0007}c\\u{00A0}d');
  });
});

describe('messages about names show their invisible characters', () => {
  it('an unknown environment with a zero-width space', async () => {
    const base = readFileSync(join(import.meta.dirname, '..', 'cases', 'validate', 'base.yaml'), 'utf8');
    const file = join(mkdtempSync(join(tmpdir(), 'bulkhead-zw-')), 'org.yaml');
    writeFileSync(file, base.replace('    environment: dev\n', '    environment: "dev\\u200B"\n'));
    const d = (await validateSpecFile(file)).diagnostics.find((x) => x.code === 'E-UNKNOWN-ENVIRONMENT')!;
    expect(d.message).toContain('"dev\\u{200B}"');
    expect(d.message).not.toContain('\u200b');
    expect(d.hint).toContain('did you mean `dev`?');
  });
});
