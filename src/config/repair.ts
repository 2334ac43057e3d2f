import type { z } from 'zod';
import { formatPath } from '../core/diagnostics.js';
import type { OrgSpec } from './schema.js';

type Path = (string | number)[];

export type EntityKind =
  | 'accounts'
  | 'environments'
  | 'organizationalUnits'
  | 'policies'
  | 'guardrails'
  | 'users'
  | 'groups'
  | 'permissionSets'
  | 'access';

/**
 * A copy of a spec with its schema errors cut out, so that the semantic rules can still run and
 * every problem is reported in one run. Unknown keys are dropped; an entity (account, OU,
 * environment, …) with any other schema error is removed whole, and references to it are not
 * reported again. Array indices are translated back, so positions still point at the file.
 */
export interface RepairedSpec {
  value: unknown;
  /** Original indices of each filtered array, keyed by the array's original path. */
  indexMaps: Map<string, number[]>;
  dropped: Map<EntityKind, Set<string>>;
}

function get(root: unknown, path: Path): unknown {
  let v = root;
  for (const step of path)
    v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[step] : undefined;
  return v;
}

function nameOf(value: unknown, key: string): string | undefined {
  const n = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof n === 'string' ? n : undefined;
}

/** The entity an issue's path falls in, as [kind, path of the entity]; undefined if none can be cut out. */
function entityOf(path: Path): [EntityKind, Path] | undefined {
  const [a, b, c] = path;
  if (a === 'accounts' && typeof b === 'number') return ['accounts', path.slice(0, 2)];
  if (a === 'environments' && typeof b === 'string') return ['environments', path.slice(0, 2)];
  if (a === 'policies' && b === 'serviceControlPolicies' && typeof c === 'number')
    return ['policies', path.slice(0, 3)];
  if (a === 'guardrails' && typeof b === 'number') return ['guardrails', path.slice(0, 2)];
  if (a === 'identity' && (b === 'users' || b === 'groups' || b === 'permissionSets') && typeof c === 'number')
    return [b, path.slice(0, 3)];
  if (a === 'identity' && b === 'access' && typeof c === 'string') return ['access', path.slice(0, 3)];
  if (a === 'organizationalUnits') {
    let end = -1;
    for (let i = 1; i < path.length; i++) {
      if (typeof path[i] === 'number' && (path[i - 1] === 'organizationalUnits' || path[i - 1] === 'children')) end = i;
      else if (typeof path[i] === 'string' && path[i] !== 'children') break;
    }
    return end > 0 ? ['organizationalUnits', path.slice(0, end + 1)] : undefined;
  }
  return undefined;
}

const NAME_KEY: Record<EntityKind, string> = {
  accounts: 'name',
  environments: '',
  organizationalUnits: 'name',
  policies: 'name',
  guardrails: 'use',
  users: 'userName',
  groups: 'name',
  permissionSets: 'name',
  access: '',
};

export function repairSpec(
  raw: unknown,
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
): { spec: OrgSpec; repair: RepairedSpec } | undefined {
  const copy = structuredClone(raw);
  const toDrop = new Map<string, { kind: EntityKind; path: Path }>();
  for (const issue of issues) {
    const path = issue.path as Path;
    if (issue.code === 'unrecognized_keys') {
      const container = get(copy, path);
      if (container !== null && typeof container === 'object')
        for (const key of issue.keys) delete (container as Record<string, unknown>)[key];
      continue;
    }
    const entity = entityOf(path);
    if (!entity) return undefined;
    toDrop.set(formatPath(entity[1]), { kind: entity[0], path: entity[1] });
  }

  const dropped = new Map<EntityKind, Set<string>>();
  const byArray = new Map<string, { array: unknown[]; arrayPath: Path; indices: Set<number> }>();
  for (const { kind, path } of toDrop.values()) {
    const last = path[path.length - 1]!;
    const parentPath = path.slice(0, -1);
    const parent = get(copy, parentPath);
    const entity = get(copy, path);
    const name = kind === 'environments' || kind === 'access' ? String(last) : nameOf(entity, NAME_KEY[kind]);
    if (name !== undefined) (dropped.get(kind) ?? dropped.set(kind, new Set()).get(kind)!).add(name);
    if (Array.isArray(parent) && typeof last === 'number') {
      const key = formatPath(parentPath);
      const entry = byArray.get(key) ?? { array: parent, arrayPath: parentPath, indices: new Set<number>() };
      entry.indices.add(last);
      byArray.set(key, entry);
    } else if (parent !== null && typeof parent === 'object') {
      delete (parent as Record<string, unknown>)[String(last)];
    }
  }
  const indexMaps = new Map<string, number[]>();
  // Filter the deepest arrays first so that paths of outer arrays are still valid while we work.
  const arrays = [...byArray.entries()].sort((x, y) => y[1].arrayPath.length - x[1].arrayPath.length);
  for (const [key, { array, indices }] of arrays) {
    const kept = array.map((_, i) => i).filter((i) => !indices.has(i));
    indexMaps.set(key, kept);
    const filtered = kept.map((i) => array[i]);
    array.length = 0;
    array.push(...filtered);
  }
  const reparsed = schema.safeParse(copy);
  if (!reparsed.success) return undefined;
  return { spec: reparsed.data as OrgSpec, repair: { value: copy, indexMaps, dropped } };
}

/** Translates a path in the repaired copy back to the original spec. */
export function originalPath(path: Path, indexMaps: Map<string, number[]>): Path {
  if (indexMaps.size === 0) return path;
  const out: Path = [];
  for (const step of path) {
    if (typeof step === 'number') {
      const map = indexMaps.get(formatPath(out));
      out.push(map?.[step] ?? step);
    } else {
      out.push(step);
    }
  }
  return out;
}
