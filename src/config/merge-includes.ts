import type { Diagnostic } from '../core/diagnostics.js';
import type { SourceMap } from './source-map.js';

// Keys an included file may contribute, and how: lists are concatenated, mappings merged by key.
const LIST_KEYS = new Set(['organizationalUnits', 'accounts', 'guardrails']);
const MAP_KEYS = new Set(['environments']);
const NESTED: Record<string, { lists: string[]; maps: string[] }> = {
  policies: { lists: ['serviceControlPolicies'], maps: [] },
  identity: { lists: ['users', 'groups', 'permissionSets'], maps: ['access'] },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeList(target: Record<string, unknown>, key: string, extra: unknown, sourceMap: SourceMap): void {
  const current = target[key];
  if (!Array.isArray(extra)) return;
  if (!Array.isArray(current)) {
    target[key] = extra;
    return;
  }
  const merged = [...current, ...extra];
  sourceMap.recordMergedList(merged, [current, extra]);
  target[key] = merged;
}

function mergeMap(
  target: Record<string, unknown>,
  key: string,
  extra: unknown,
  file: string,
  path: string,
  sourceMap: SourceMap,
  include: Record<string, unknown>,
  includePath: (string | number)[],
): Diagnostic[] {
  if (!isRecord(extra)) return [];
  const current = target[key];
  if (!isRecord(current)) {
    target[key] = extra;
    return [];
  }
  const diagnostics: Diagnostic[] = [];
  for (const [name, value] of Object.entries(extra)) {
    if (name in current) {
      const pos = sourceMap.locate(include, [...includePath, name], { atKey: true });
      diagnostics.push({
        severity: 'error',
        code: 'E-INCLUDE-DUPLICATE',
        message: `${path}.${name} is defined both in the main spec and in ${file}`,
        hint: 'define it in one file only',
        path: `${path}.${name}`,
        ...pos,
      });
      continue;
    }
    current[name] = value;
  }
  return diagnostics;
}

/** Merges an included file into the root spec in place; returns problems with the include itself. */
export function mergeInclude(
  root: Record<string, unknown>,
  include: Record<string, unknown>,
  file: string,
  sourceMap: SourceMap,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [key, value] of Object.entries(include)) {
    if (LIST_KEYS.has(key)) mergeList(root, key, value, sourceMap);
    else if (MAP_KEYS.has(key)) diagnostics.push(...mergeMap(root, key, value, file, key, sourceMap, include, [key]));
    else if (key in NESTED && isRecord(value)) {
      const rules = NESTED[key]!;
      if (!isRecord(root[key])) root[key] = {};
      const target = root[key] as Record<string, unknown>;
      for (const [inner, innerValue] of Object.entries(value)) {
        if (rules.lists.includes(inner)) mergeList(target, inner, innerValue, sourceMap);
        else if (rules.maps.includes(inner))
          diagnostics.push(
            ...mergeMap(target, inner, innerValue, file, `${key}.${inner}`, sourceMap, include, [key, inner]),
          );
        else
          diagnostics.push(
            notIncludable(`${key}.${inner}`, file, sourceMap.locate(include, [key, inner], { atKey: true })),
          );
      }
    } else {
      diagnostics.push(notIncludable(key, file, sourceMap.locate(include, [key], { atKey: true })));
    }
  }
  return diagnostics;
}

function notIncludable(key: string, file: string, pos: object | undefined): Diagnostic {
  return {
    severity: 'error',
    code: 'E-INCLUDE-KEY',
    message: `${key} cannot appear in an included file (${file})`,
    hint: 'included files may hold environments, organizationalUnits, accounts, policies and identity; keep version, organization and include in the main file',
    path: key,
    ...pos,
  };
}
