import { isManagedByBulkhead, MANAGED_BY_TAG } from '../../model/observed.js';
import { byCodePoint } from '../../core/canonical-json.js';
import { changeIds } from '../context.js';
import type { KindPlanner } from '../planner.js';
import { tagChanges } from '../tags.js';

function parentOf(path: string): string | null {
  const i = path.lastIndexOf('/');
  return i < 0 ? null : path.slice(0, i);
}

const byDepthThenPath = (a: { depth: number; path: string }, b: { depth: number; path: string }) =>
  a.depth - b.depth || byCodePoint(a.path, b.path);

/**
 * OUs are matched by path; `renamedFrom` renames in place, never recreates. OUs Bulkhead created
 * that the spec no longer has are deleted children first, once the accounts have moved out.
 */
export const organizationalUnitPlanner: KindPlanner<'organizational-unit'> = {
  kind: 'organizational-unit',
  after: ['organization'],
  diff(ctx) {
    for (const ou of [...ctx.desired.organizationalUnits.values()].sort(byDepthThenPath)) {
      const parentObserved = ou.parentPath === null ? null : (ctx.observedPathOf.get(ou.parentPath) ?? ou.parentPath);
      const here = parentObserved === null ? ou.name : `${parentObserved}/${ou.name}`;
      const before = ou.renamedFrom
        ? parentObserved === null
          ? ou.renamedFrom
          : `${parentObserved}/${ou.renamedFrom}`
        : undefined;
      const parentDeps =
        ou.parentPath === null ? ctx.ifPlanned(changeIds.organization) : ctx.ifPlanned(changeIds.ou(ou.parentPath));
      const existing = ctx.ouByPath.get(here);
      const renamed = existing === undefined && before !== undefined ? ctx.ouByPath.get(before) : undefined;
      const observed = existing ?? renamed;
      const tags = { ...ctx.desired.defaultTags, ...ou.tags, [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value };
      const common = { id: changeIds.ou(ou.path), kind: 'organizational-unit', key: ou.path, label: ou.path } as const;
      if (!observed) {
        ctx.add({
          ...common,
          action: 'create',
          properties: [
            { name: 'name', after: ou.name },
            { name: 'parent', after: ou.parentPath ?? 'root' },
          ],
          payload: {
            action: 'create',
            name: ou.name,
            path: ou.path,
            parent: ou.parentPath === null ? ctx.rootRef() : ctx.ouRef(ou.parentPath),
            tags,
          },
          dependsOn: parentDeps,
          destructive: false,
        });
        continue;
      }
      ctx.observedPathOf.set(ou.path, observed.path);
      const tagProps = tagChanges(observed.tags, tags);
      if (renamed || tagProps.length > 0) {
        ctx.add({
          ...common,
          action: 'update',
          properties: [...(renamed ? [{ name: 'name', before: renamed.name, after: ou.name }] : []), ...tagProps],
          payload: {
            action: 'update',
            id: observed.id,
            name: ou.name,
            path: ou.path,
            rename: renamed !== undefined,
            tags,
          },
          dependsOn: parentDeps,
          destructive: false,
        });
      }
    }
  },
  removals(ctx) {
    const kept = new Set(ctx.observedPathOf.values());
    const removed = ctx.observed['organizational-unit']
      .filter((ou) => !kept.has(ou.path) && isManagedByBulkhead(ou.tags))
      .sort((a, b) => b.path.length - a.path.length);
    // AWS deletes only empty OUs: one that keeps a child OU or an account nobody moves out stays.
    const deleted = new Set<string>();
    for (const ou of removed) {
      const childDeletes = removed.filter((c) => parentOf(c.path) === ou.path).map((c) => changeIds.deleteOu(c.path));
      const moves = ctx.changes.flatMap((c) =>
        c.kind === 'account' && c.payload.action === 'move' && c.payload.fromParentId === ou.id
          ? [{ change: c.id, account: c.payload.id }]
          : [],
      );
      const movesOut = moves.map((m) => m.change);
      const keptChildren = ctx.observed['organizational-unit'].filter(
        (c) => c.parentId === ou.id && !deleted.has(c.id),
      );
      const movedOut = new Set(moves.map((m) => m.account));
      const staying = ctx.observed.account.filter((a) => a.parentId === ou.id && !movedOut.has(a.id));
      if (keptChildren.length > 0 || staying.length > 0) {
        const what = [...keptChildren.map((c) => `OU "${c.name}"`), ...staying.map((a) => `account "${a.name}"`)];
        ctx.note({
          code: 'N-OU-NOT-EMPTY',
          key: ou.path,
          message: `OU "${ou.path}" is no longer in the spec but still holds ${what.join(', ')}: it stays until it is empty`,
        });
        continue;
      }
      deleted.add(ou.id);
      // Deleting an OU drops its attachments; a detach that ran after it would find no target.
      const detaches = ctx.changes
        .filter((c) => c.kind === 'policy-attachment' && c.payload.action === 'detach' && c.payload.targetId === ou.id)
        .map((c) => c.id);
      ctx.add({
        id: changeIds.deleteOu(ou.path),
        kind: 'organizational-unit',
        key: ou.path,
        label: ou.path,
        action: 'delete',
        properties: [{ name: 'name', before: ou.name }],
        payload: { action: 'delete', id: ou.id, path: ou.path },
        dependsOn: [...childDeletes, ...movesOut, ...detaches],
        destructive: true,
      });
    }
  },
};
