/** Numeric condition operators. Policy values must be numbers; unparsable request values never match. */
import type { OperatorFamily } from './value-matcher.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(value: string): number | undefined {
  const trimmed = value.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

function numericFamily(compare: (request: number, policy: number) => boolean): OperatorFamily {
  return {
    check: (v) => (parseNumber(v) === undefined ? `"${v}" is not a number` : undefined),
    compile(values) {
      const nums = values.map(parseNumber).filter((n): n is number => n !== undefined);
      return (rv) => {
        const n = parseNumber(rv);
        if (n === undefined) return false;
        for (const p of nums) if (compare(n, p)) return true;
        return false;
      };
    },
  };
}

export const numericEquals = numericFamily((r, p) => r === p);
export const numericLessThan = numericFamily((r, p) => r < p);
export const numericLessThanEquals = numericFamily((r, p) => r <= p);
export const numericGreaterThan = numericFamily((r, p) => r > p);
export const numericGreaterThanEquals = numericFamily((r, p) => r >= p);
