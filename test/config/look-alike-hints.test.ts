import { describe, expect, it } from 'vitest';
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
