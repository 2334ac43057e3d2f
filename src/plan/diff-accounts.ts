import { MANAGED_BY_TAG } from '../model/observed.js';
import type { DiffContext } from './diff-context.js';
import { ouChangeId } from './diff-ous.js';
import { tagChanges } from './tags.js';

export const accountChangeId = (email: string) => `account:${email.toLowerCase()}`;

/**
 * Accounts are matched by id (adoption) or email. Dropping an account from the spec stops managing
 * it; closing needs `lifecycle: close`; protected accounts are never closed or moved between OUs.
 */
export function diffAccounts(ctx: DiffContext, orgDependency: string[]): void {
  const rootId = ctx.observed.root?.id;
  for (const account of [...ctx.desired.accounts.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const id = accountChangeId(account.email);
    const observed =
      (account.id ? ctx.accountById.get(account.id) : undefined) ?? ctx.accountByEmail.get(account.email.toLowerCase());
    const desiredTags = {
      ...account.tags,
      environment: account.environment,
      [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value,
    };
    const ouDeps = account.ouPath === null ? [] : ctx.ifPlanned(ouChangeId(account.ouPath));
    const where = account.ouPath ?? 'root';

    if (!observed) {
      if (account.id) {
        ctx.problem({
          severity: 'error',
          code: 'P-ADOPT-NOT-FOUND',
          key: account.name,
          message: `account ${account.id} ("${account.name}") is not in the organization`,
          hint: 'invite it first, or remove `id:` to create a new account',
        });
        continue;
      }
      if (account.lifecycle === 'close') continue; // nothing to close
      const pending = ctx.observed.pendingCreates.find(
        (p) => p.email?.toLowerCase() === account.email.toLowerCase() || p.accountName === account.name,
      );
      ctx.add({
        id,
        kind: 'account',
        key: account.email,
        label: account.name,
        action: 'create',
        properties: [
          { name: 'email', after: account.email },
          { name: 'ou', after: where },
          ...(pending ? [{ name: 'resumes', after: pending.requestId }] : []),
        ],
        spec: {
          name: account.name,
          email: account.email,
          ouPath: account.ouPath,
          tags: desiredTags,
          ...(pending ? { pendingRequestId: pending.requestId } : {}),
        },
        dependsOn: [...orgDependency, ...ouDeps],
        destructive: false,
      });
      continue;
    }

    if (observed.status === 'SUSPENDED' || observed.status === 'PENDING_CLOSURE') {
      if (account.lifecycle !== 'close')
        ctx.problem({
          severity: 'warning',
          code: 'P-ACCOUNT-CLOSED',
          key: account.name,
          message: `account "${account.name}" (${observed.id}) is ${observed.status}; it cannot be changed`,
          hint: 'set `lifecycle: close` or remove it from the spec',
        });
      continue;
    }
    if (account.lifecycle === 'close') {
      if (account.protect) {
        ctx.problem({
          severity: 'error',
          code: 'P-PROTECTED-CLOSE',
          key: account.name,
          message: `account "${account.name}" is protected and cannot be closed`,
          hint: 'remove `protect: true` first, in a separate reviewed change',
        });
      } else {
        ctx.add({
          id: `close:${account.email.toLowerCase()}`,
          kind: 'account',
          key: account.email,
          label: account.name,
          action: 'close',
          properties: [{ name: 'status', before: observed.status, after: 'SUSPENDED' }],
          spec: { id: observed.id, name: account.name },
          dependsOn: [],
          destructive: true,
        });
      }
      continue;
    }
    if (observed.name !== account.name) {
      ctx.problem({
        severity: 'warning',
        code: 'P-ACCOUNT-NAME',
        key: account.name,
        message: `account ${observed.id} is named "${observed.name}" in AWS, "${account.name}" in the spec; Organizations cannot rename accounts`,
        hint: 'rename it in the account settings, or use its current name in the spec',
      });
    }
    const desiredParent =
      account.ouPath === null ? rootId : ctx.ouByPath.get(ctx.observedPathOf.get(account.ouPath) ?? account.ouPath)?.id;
    if (desiredParent !== observed.parentId) {
      const fromOu = ctx.ouById.get(observed.parentId);
      if (account.protect && fromOu) {
        ctx.problem({
          severity: 'error',
          code: 'P-PROTECTED-MOVE',
          key: account.name,
          message: `account "${account.name}" is protected and cannot move out of OU "${fromOu.path}" to ${where}`,
          hint: 'remove `protect: true` first, in a separate reviewed change',
        });
      } else {
        ctx.add({
          id: `move:${account.email.toLowerCase()}`,
          kind: 'account',
          key: account.email,
          label: account.name,
          action: 'move',
          properties: [{ name: 'ou', before: fromOu?.path ?? 'root', after: where }],
          spec: { id: observed.id, fromParentId: observed.parentId, ouPath: account.ouPath },
          dependsOn: ouDeps,
          destructive: false,
        });
      }
    }
    const tags = tagChanges(observed.tags, desiredTags);
    if (tags.length > 0) {
      ctx.add({
        id: `tags:${account.email.toLowerCase()}`,
        kind: 'account',
        key: account.email,
        label: account.name,
        action: 'update',
        properties: tags,
        spec: { id: observed.id, tags: desiredTags },
        dependsOn: [],
        destructive: false,
      });
    }
  }
}
