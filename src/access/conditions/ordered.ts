import type { OperatorFamily } from './value-matcher.js';

/**
 * The five comparison operators of a family whose values parse to numbers (Numeric*, Date*): a
 * request value matches when it compares true with any policy value; one that does not parse
 * never matches.
 */
export function orderedFamilies(parse: (value: string) => number | undefined, notA: string) {
  const family = (compare: (request: number, policy: number) => boolean): OperatorFamily => ({
    check: (v) => (parse(v) === undefined ? `"${v}" is not ${notA}` : undefined),
    compile(values) {
      const parsed = values.map(parse).filter((n): n is number => n !== undefined);
      return (rv) => {
        const r = parse(rv);
        if (r === undefined) return false;
        for (const p of parsed) if (compare(r, p)) return true;
        return false;
      };
    },
  });
  return {
    equals: family((r, p) => r === p),
    lessThan: family((r, p) => r < p),
    lessThanEquals: family((r, p) => r <= p),
    greaterThan: family((r, p) => r > p),
    greaterThanEquals: family((r, p) => r >= p),
  };
}
