/** Numeric condition operators. Policy values must be numbers; unparsable request values never match. */
import { orderedFamilies } from './ordered.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(value: string): number | undefined {
  const trimmed = value.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

const numeric = orderedFamilies(parseNumber, 'a number');

export const numericEquals = numeric.equals;
export const numericLessThan = numeric.lessThan;
export const numericLessThanEquals = numeric.lessThanEquals;
export const numericGreaterThan = numeric.greaterThan;
export const numericGreaterThanEquals = numeric.greaterThanEquals;
