import type { z } from 'zod';
import { formatPath, type Diagnostic } from '../core/diagnostics.js';
import { didYouMeanAmong, showInvisible } from '../core/suggest.js';
import type { SourceMap } from './source-map.js';

type Path = (string | number)[];

interface SchemaDef {
  type: string;
  shape?: Record<string, { def: SchemaDef }>;
  element?: { def: SchemaDef };
  innerType?: { def: SchemaDef };
  getter?: () => { def: SchemaDef };
  valueType?: { def: SchemaDef };
  options?: { def: SchemaDef }[];
}

/** The keys a strict object at `path` allows, found by walking the schema; for "did you mean". */
export function allowedKeysAt(schema: z.ZodType, path: Path): string[] {
  let defs: SchemaDef[] = [(schema as unknown as { def: SchemaDef }).def];
  const unwrap = (d: SchemaDef): SchemaDef[] => {
    if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable') return unwrap(d.innerType!.def);
    if (d.type === 'lazy') return unwrap(d.getter!().def);
    if (d.type === 'union') return d.options!.flatMap((o) => unwrap(o.def));
    return [d];
  };
  for (const step of path) {
    const next: SchemaDef[] = [];
    for (const d of defs.flatMap(unwrap)) {
      if (d.type === 'object' && typeof step === 'string' && d.shape?.[step]) next.push(d.shape[step].def);
      else if (d.type === 'array' && typeof step === 'number' && d.element) next.push(d.element.def);
      else if (d.type === 'record' && d.valueType) next.push(d.valueType.def);
    }
    defs = next;
  }
  return [
    ...new Set(defs.flatMap(unwrap).flatMap((d) => (d.type === 'object' && d.shape ? Object.keys(d.shape) : []))),
  ];
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the string "${showInvisible(value.length > 40 ? `${value.slice(0, 40)}…` : value)}"`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  record: 'a mapping',
};

function where(path: Path): string {
  return path.length === 0 ? 'the top level' : formatPath(path);
}

/** Turns schema issues into diagnostics with positions, stable codes and hints. */
export function schemaDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  schema: z.ZodType,
  sourceMap: SourceMap,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: Path, atKey = false) => sourceMap.locate(root, path, { atKey }) ?? {};
  for (const issue of issues) {
    const path = issue.path as Path;
    const value = valueAt(root, path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(schema, path);
        for (const key of issue.keys) {
          const keyPath = [...path, key];
          out.push({
            severity: 'error',
            code: 'E-UNKNOWN-KEY',
            message: `unknown key \`${showInvisible(key)}\` in ${where(path)}`,
            hint: didYouMeanAmong(key, allowed) ?? `allowed keys here: ${allowed.join(', ')}`,
            path: formatPath(keyPath),
            ...at(keyPath, true),
          });
        }
        break;
      }
      case 'invalid_type': {
        const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
        if (value === undefined) {
          const key = path[path.length - 1];
          out.push({
            severity: 'error',
            code: 'E-MISSING-FIELD',
            message: `missing required field \`${String(key)}\` in ${where(path.slice(0, -1))}`,
            hint: `add \`${String(key)}:\` with ${expected}`,
            path: formatPath(path),
            ...at(path),
          });
        } else {
          out.push({
            severity: 'error',
            code: 'E-WRONG-TYPE',
            message: `${where(path)} must be ${expected}, not ${describeValue(value)}`,
            hint:
              issue.expected === 'string' && typeof value !== 'object'
                ? 'quote the value to make it a string'
                : `write ${where(path)} as ${expected}`,
            path: formatPath(path),
            ...at(path),
          });
        }
        break;
      }
      case 'invalid_value': {
        if (value === undefined) {
          const key = String(path[path.length - 1]);
          out.push({
            severity: 'error',
            code: 'E-MISSING-FIELD',
            message: `missing required field \`${key}\` in ${where(path.slice(0, -1))}`,
            hint: `add \`${key}: ${issue.values.map(String).join(' | ')}\``,
            path: formatPath(path),
            ...at(path),
          });
          break;
        }
        const allowed = issue.values.map(String);
        const isVersion = path.length === 1 && path[0] === 'version';
        out.push({
          severity: 'error',
          code: isVersion ? 'E-SPEC-VERSION' : 'E-INVALID-VALUE',
          message: `${where(path)} must be ${allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`}, not ${describeValue(value)}`,
          hint: isVersion
            ? 'this Bulkhead reads spec version 1'
            : ((typeof value === 'string' ? didYouMeanAmong(value, allowed) : undefined) ??
              `use one of: ${allowed.join(', ')}`),
          path: formatPath(path),
          ...at(path),
        });
        break;
      }
      case 'too_small':
        out.push({
          severity: 'error',
          code: 'E-EMPTY-VALUE',
          message: `${where(path)} must not be empty`,
          hint: 'give it a value or remove the key',
          path: formatPath(path),
          ...at(path),
        });
        break;
      case 'invalid_union': {
        const expected = [
          ...new Set(
            issue.errors.flatMap((branch) =>
              branch
                .filter((i) => i.path.length === 0 && i.code === 'invalid_type')
                .map((i) => TYPE_WORDS[(i as { expected: string }).expected] ?? 'another shape'),
            ),
          ),
        ];
        if (expected.length === issue.errors.length) {
          out.push({
            severity: 'error',
            code: 'E-WRONG-TYPE',
            message: `${where(path)} must be ${expected.join(' or ')}, not ${describeValue(value)}`,
            path: formatPath(path),
            ...at(path),
          });
        } else {
          // One branch matched the type; its own issues say what is wrong inside.
          const branch =
            issue.errors.find((b) => !b.some((i) => i.path.length === 0 && i.code === 'invalid_type')) ?? [];
          out.push(
            ...schemaDiagnostics(
              branch.map((i) => ({ ...i, path: [...path, ...i.path] })) as z.core.$ZodIssue[],
              root,
              schema,
              sourceMap,
            ),
          );
        }
        break;
      }
      default:
        out.push({
          severity: 'error',
          code: 'E-SCHEMA',
          message: `${where(path)}: ${issue.message}`,
          path: formatPath(path),
          ...at(path),
        });
    }
  }
  return out;
}
