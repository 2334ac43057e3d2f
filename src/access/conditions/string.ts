/** String condition operators. Policy variables are supported; StringLike honours `*` and `?`. */
import { parseVariables, partsToMatcher, partsToString, resolveSegments, type Segment } from '../policy-variables.js';
import { compileWildcard, type Matcher } from '../../iam/wildcard.js';
import type { OperatorFamily, ValueMatcher } from './value-matcher.js';

type Resolver = (lookup: Parameters<ValueMatcher>[1]) => string | undefined;

function plainResolvers(values: readonly string[], variables: boolean, lower: boolean): Resolver[] | undefined {
  const segs = values.map((v) => (variables ? parseVariables(v) : undefined));
  if (segs.every((s) => s === undefined)) return undefined;
  return values.map((v, i) => {
    const s = segs[i];
    if (s === undefined) {
      const fixed = lower ? v.toLowerCase() : v;
      return () => fixed;
    }
    return (lookup) => {
      const parts = resolveSegments(s, lookup);
      if (parts === undefined) return undefined;
      const text = partsToString(parts);
      return lower ? text.toLowerCase() : text;
    };
  });
}

function equalsFamily(ignoreCase: boolean): OperatorFamily {
  return {
    compile(values, variables) {
      const resolvers = plainResolvers(values, variables, ignoreCase);
      if (resolvers === undefined) {
        const set = new Set(values.map((v) => (ignoreCase ? v.toLowerCase() : v)));
        return ignoreCase ? (rv) => set.has(rv.toLowerCase()) : (rv) => set.has(rv);
      }
      return (rv, lookup) => {
        const needle = ignoreCase ? rv.toLowerCase() : rv;
        for (const r of resolvers) if (r(lookup) === needle) return true;
        return false;
      };
    },
  };
}

export const stringEquals = equalsFamily(false);
export const stringEqualsIgnoreCase = equalsFamily(true);

export const stringLike: OperatorFamily = {
  compile(values, variables) {
    const compiled: Array<Matcher | Segment[]> = values.map((v) => {
      const segs = variables ? parseVariables(v) : undefined;
      return segs ?? compileWildcard(v, false);
    });
    if (compiled.every((c) => typeof c === 'function')) {
      const matchers = compiled as Matcher[];
      return (rv) => {
        for (const m of matchers) if (m(rv)) return true;
        return false;
      };
    }
    // Patterns resolved from variables are compiled once per resolved text.
    const cache = new Map<string, Matcher>();
    return (rv, lookup) => {
      for (const c of compiled) {
        if (typeof c === 'function') {
          if (c(rv)) return true;
          continue;
        }
        const parts = resolveSegments(c, lookup);
        if (parts === undefined) continue;
        const key = parts.map((p) => (p.wild ? 'w' : 'l') + p.text).join('\u0000');
        let match = cache.get(key);
        if (match === undefined) {
          match = partsToMatcher(parts, false);
          if (cache.size > 512) cache.clear();
          cache.set(key, match);
        }
        if (match(rv)) return true;
      }
      return false;
    };
  },
};
