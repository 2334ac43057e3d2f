import { typeError } from '../json-input.js';
import { validation } from './common.js';
import type { BilledAccount } from './scope.js';

/** What a filter or a group key sees of one cost line: its account and its service. */
export interface CostLine {
  account: BilledAccount;
  service: string;
}

export type Predicate = (line: CostLine) => boolean;

/** The record type of every synthetic cost line (AWS also has Credit, Refund, Tax…; the local bill has none). */
export const RECORD_TYPE_USAGE = 'Usage';

/** The value of a dimension on a line, or undefined where the local bill has no such attribute (REGION, AZ…). */
export function dimensionValue(key: string, line: CostLine): string | undefined {
  switch (key) {
    case 'LINKED_ACCOUNT':
      return line.account.id;
    case 'LINKED_ACCOUNT_NAME':
      return line.account.name;
    case 'SERVICE':
      return line.service;
    case 'RECORD_TYPE':
      return RECORD_TYPE_USAGE;
    default:
      return undefined;
  }
}

/** A tag's value on a line: the account's tag, counted only once the key is an active cost allocation tag. */
export function tagValue(key: string, line: CostLine, active: ReadonlySet<string>): string | undefined {
  return active.has(key) ? line.account.tags[key] : undefined;
}

const asObject = (v: unknown, name: string): Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw typeError(name, 'a structure');
  return v as Record<string, unknown>;
};
const asStrings = (v: unknown, name: string): string[] => {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw typeError(name, 'a list of strings');
  return v as string[];
};

function matcher(values: string[], options: string[]): (value: string | undefined) => boolean {
  const absent = options.includes('ABSENT');
  const insensitive = options.includes('CASE_INSENSITIVE');
  const norm = (s: string): string => (insensitive ? s.toLowerCase() : s);
  const wanted = values.map(norm);
  const how = options.find((o) => ['STARTS_WITH', 'ENDS_WITH', 'CONTAINS'].includes(o)) ?? 'EQUALS';
  const test = (v: string): boolean =>
    wanted.some((w) =>
      how === 'STARTS_WITH'
        ? v.startsWith(w)
        : how === 'ENDS_WITH'
          ? v.endsWith(w)
          : how === 'CONTAINS'
            ? v.includes(w)
            : v === w,
    );
  return (value) => (value === undefined ? absent : test(norm(value)));
}

/**
 * Compiles a Cost Explorer `Expression` into a predicate on cost lines. Each expression holds exactly one of And, Or,
 * Not, Dimensions, Tags, CostCategories; And and Or need two expressions or more (AWS refuses one). There are no cost
 * categories here: a CostCategories filter matches nothing, except with ABSENT.
 */
export function compileFilter(raw: unknown, active: ReadonlySet<string>, name = 'Filter'): Predicate {
  const e = asObject(raw, name);
  const present = ['And', 'Or', 'Not', 'Dimensions', 'Tags', 'CostCategories'].filter(
    (k) => e[k] !== undefined && e[k] !== null,
  );
  if (present.length !== 1)
    throw validation(
      present.length === 0
        ? 'Expression must have exactly one of And, Or, Not, Dimensions, Tags or CostCategories; it has none.'
        : `Expression must have exactly one of And, Or, Not, Dimensions, Tags or CostCategories; it has ${present.join(', ')}.`,
    );
  const kind = present[0]!;
  if (kind === 'And' || kind === 'Or') {
    const list = e[kind];
    if (!Array.isArray(list)) throw typeError(kind, 'a list');
    if (list.length < 2) throw validation(`${kind} expression must contain at least 2 expressions.`);
    const parts = list.map((x, i) => compileFilter(x, active, `${kind}[${i}]`));
    return kind === 'And' ? (l) => parts.every((p) => p(l)) : (l) => parts.some((p) => p(l));
  }
  if (kind === 'Not') {
    const inner = compileFilter(e.Not, active, 'Not');
    return (l) => !inner(l);
  }
  const spec = asObject(e[kind], kind);
  const key = spec.Key;
  if (key !== undefined && typeof key !== 'string') throw typeError(`${kind}.Key`, 'a string');
  const match = matcher(asStrings(spec.Values, `${kind}.Values`), asStrings(spec.MatchOptions, `${kind}.MatchOptions`));
  if (kind === 'Dimensions') {
    if (key === undefined) throw validation('Dimension key is required in a Dimensions expression.');
    return (l) => match(dimensionValue(key, l));
  }
  if (kind === 'Tags') {
    if (key === undefined) return (l) => match(undefined) && Object.keys(l.account.tags).every((k) => !active.has(k));
    return (l) => match(tagValue(key, l, active));
  }
  return () => match(undefined);
}
