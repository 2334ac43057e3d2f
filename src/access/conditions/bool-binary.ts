/** Bool and BinaryEquals condition operators. */
import type { OperatorFamily } from './value-matcher.js';

export const bool: OperatorFamily = {
  check: (v) => (/^(true|false)$/i.test(v) ? undefined : `"${v}" is not true or false`),
  compile(values) {
    const set = new Set(values.map((v) => v.toLowerCase()));
    return (rv) => set.has(rv.toLowerCase());
  },
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** AWS: BinaryEquals compares base-64 encoded values byte for byte. */
export const binaryEquals: OperatorFamily = {
  check: (v) => (BASE64.test(v) && v.length % 4 === 0 ? undefined : `"${v}" is not base-64`),
  compile(values) {
    const set = new Set(values);
    return (rv) => set.has(rv);
  },
};
