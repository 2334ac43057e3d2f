import { isManagedByBulkhead, MANAGED_BY_TAG } from '../model/observed.js';
import type { DiffContext } from './diff-context.js';
import { tagChanges } from './tags.js';

export const ouChangeId = (path: string) => `ou:${path}`;

function parentOf(path: string): string | null {
  const i = path.lastIndexOf('/');
  return i < 0 ? null : path.slice(0, i);
}

/** OUs are matched by path; `renamedFrom` renames in place, never recreates. */
export function diffOrganizationalUnits(ctx: DiffContext, orgDependency: string[]): void {
  const desired = [...ctx.desired.organizationalUnits.values()].sort(
    (a, b) => a.depth - b.depth || a.path.localeCompare(b.path),
  );
  for (const ou of desired) {
    const parentObserved = ou.parentPath === null ? null : (ctx.observedPathOf.get(ou.parentPath) ?? ou.parentPath);
    const here = parentObserved === null ? ou.name : `${parentObserved}/${ou.name}`;
    const before = ou.renamedFrom
      ? parentObserved === null
        ? ou.renamedFrom
        : `${parentObserved}/${ou.renamedFrom}`
      : undefined;
    const parentDeps = ou.parentPath === null ? orgDependency : ctx.ifPlanned(ouChangeId(ou.parentPath));
    const existing = ctx.ouByPath.get(here);
    const renamed = existing === undefined && before !== undefined ? ctx.ouByPath.get(before) : undefined;
    const observed = existing ?? renamed;
    const desiredTags = { ...ctx.desired.defaultTags, ...ou.tags, [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value };
    if (!observed) {
      ctx.add({
        id: ouChangeId(ou.path),
        kind: 'organizational-unit',
        key: ou.path,
        label: ou.path,
        action: 'create',
        properties: [
          { name: 'name', after: ou.name },
          { name: 'parent', after: ou.parentPath ?? 'root' },
        ],
        spec: { name: ou.name, path: ou.path, parentPath: ou.parentPath, tags: desiredTags },
        dependsOn: parentDeps,
        destructive: false,
      });
      continue;
    }
    ctx.observedPathOf.set(ou.path, observed.path);
    const tags = tagChanges(observed.tags, desiredTags);
    if (renamed || tags.length > 0) {
      ctx.add({
        id: ouChangeId(ou.path),
        kind: 'organizational-unit',
        key: ou.path,
        label: ou.path,
        action: 'update',
        properties: [...(renamed ? [{ name: 'name', before: renamed.name, after: ou.name }] : []), ...tags],
        spec: { id: observed.id, name: ou.name, path: ou.path, rename: renamed !== undefined, tags: desiredTags },
        dependsOn: parentDeps,
        destructive: false,
      });
    }
  }
}

/** OUs Bulkhead created that the spec no longer has: deleted children first, once empty. */
export function diffRemovedOrganizationalUnits(ctx: DiffContext): void {
  const kept = new Set(ctx.observedPathOf.values());
  const removed = ctx.observed.organizationalUnits
    .filter((ou) => !kept.has(ou.path) && isManagedByBulkhead(ou.tags))
    .sort((a, b) => b.path.length - a.path.length);
  for (const ou of removed) {
    const childDeletes = removed.filter((c) => parentOf(c.path) === ou.path).map((c) => `delete-ou:${c.path}`);
    const movesOut = ctx.changes
      .filter((c) => c.kind === 'account' && c.action === 'move' && c.spec['fromParentId'] === ou.id)
      .map((c) => c.id);
    ctx.add({
      id: `delete-ou:${ou.path}`,
      kind: 'organizational-unit',
      key: ou.path,
      label: ou.path,
      action: 'delete',
      properties: [{ name: 'name', before: ou.name }],
      spec: { id: ou.id, path: ou.path },
      dependsOn: [...childDeletes, ...movesOut],
      destructive: true,
    });
  }
}
