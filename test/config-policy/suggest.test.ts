import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggest } from '../../src/core/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('Efect', 'Effect')).toBe(1);
    expect(editDistance('Allwo', 'Allow')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('stops early past the limit', () => {
    expect(editDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(3);
  });
});

describe('suggest', () => {
  const keys = ['Version', 'Id', 'Statement'];

  it('finds case mistakes and plurals', () => {
    expect(suggest('statement', keys)).toEqual(['Statement']);
    expect(suggest('Statements', keys)).toEqual(['Statement']);
  });

  it('offers a longer name the input is a prefix of', () => {
    expect(suggest('DescribeInstance', ['DescribeInstances', 'DescribeImages', 'RunInstances'])).toContain(
      'DescribeInstances',
    );
  });

  it('offers nothing for unrelated input', () => {
    expect(suggest('Comment', keys)).toEqual([]);
  });

  it('formats the hint', () => {
    expect(didYouMean([])).toBeUndefined();
    expect(didYouMean(['a'])).toBe('did you mean "a"?');
    expect(didYouMean(['a', 'b', 'c'])).toBe('did you mean "a", "b" or "c"?');
  });
});
