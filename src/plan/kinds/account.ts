import type { Account } from '../../model/organization.js';
import { byCodePoint } from '../../core/canonical-json.js';
import { isManagedByBulkhead, MANAGED_BY_TAG } from '../../model/observed.js';
import { changeIds, type PlanContext } from '../context.js';
import type { KindPlanner } from '../planner.js';
import { tagChanges } from '../tags.js';

const PROTECTED_HINT = 'remove `protect: true` first, in a separate reviewed change';

/** Whether a spec entry names the management account itself (by id, or by its email). */
function isManagementEntry(ctx: PlanContext, account: Account): boolean {
  const mgmt = ctx.desired.managementAccount;
  if (account.id !== undefined && account.id === (mgmt.id ?? ctx.organization?.managementAccountId)) return true;
  return account.email.toLowerCase() === mgmt.email.toLowerCase();
}

function planNew(ctx: PlanContext, account: Account): void {
  if (account.id) {
    ctx.problem({
      severity: 'error',
      code: 'P-ADOPT-NOT-FOUND',
      key: account.name,
      message: `account ${account.id} ("${account.name}") is not in the organization`,
      hint: 'invite it first, or remove `id:` to create a new account',
    });
    return;
  }
  if (account.lifecycle === 'close') return; // nothing to close
  const pending = ctx.observed.pending.createAccount.find(
    (p) => p.email?.toLowerCase() === account.email.toLowerCase() || p.accountName === account.name,
  );
  const ouDeps = account.ouPath === null ? [] : ctx.ifPlanned(changeIds.ou(account.ouPath));
  ctx.add({
    id: changeIds.account(account.email),
    kind: 'account',
    key: account.email,
    label: account.name,
    action: 'create',
    properties: [
      { name: 'email', after: account.email },
      { name: 'ou', after: account.ouPath ?? 'root' },
      ...(pending ? [{ name: 'resumes', after: pending.requestId }] : []),
    ],
    payload: {
      action: 'create',
      name: account.name,
      email: account.email,
      ou: account.ouPath === null ? null : ctx.ouRef(account.ouPath),
      root: ctx.rootRef(),
      tags: desiredTags(account),
      ...(pending ? { pendingRequestId: pending.requestId } : {}),
    },
    // CreateAccount does not need the OU, only the move into it after the account exists: creations
    // (minutes each on AWS, five at a time) start while the OUs are made.
    dependsOn: ctx.ifPlanned(changeIds.organization),
    ...(ouDeps.length > 0 ? { awaits: ouDeps } : {}),
    destructive: false,
  });
}

const desiredTags = (account: Account) => ({
  ...account.tags,
  environment: account.environment,
  [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value,
});

/**
 * Accounts are matched by id (adoption) or email. Dropping an account from the spec stops managing
 * it; closing needs `lifecycle: close`; protected accounts are never closed or moved between OUs;
 * the management account is never closed, and moves only where the spec places it.
 */
export const accountPlanner: KindPlanner<'account'> = {
  kind: 'account',
  after: ['organization', 'organizational-unit'],
  removals(ctx) {
    // Dropping an account from the spec never closes it: say so, so nobody assumes otherwise.
    const inSpec = new Set([...ctx.desired.accounts.keys()].map((name) => ctx.observedAccount(name)?.id));
    for (const a of ctx.observed.account) {
      if (inSpec.has(a.id) || a.id === ctx.organization?.managementAccountId || a.status !== 'ACTIVE') continue;
      if (!isManagedByBulkhead(a.tags)) continue;
      const where = ctx.ouById.get(a.parentId)?.path ?? 'the root';
      ctx.note({
        code: 'N-ACCOUNT-UNMANAGED',
        key: a.email,
        message: `account "${a.name}" (${a.id}) is no longer in the spec: it is no longer managed, and stays ACTIVE in ${where}`,
      });
    }
  },
  diff(ctx) {
    for (const account of [...ctx.desired.accounts.values()].sort((a, b) => byCodePoint(a.name, b.name))) {
      const observed = ctx.observedAccount(account.name);
      if (!observed) {
        planNew(ctx, account);
        continue;
      }
      const email = account.email.toLowerCase();
      const isManagement = observed.id === ctx.organization?.managementAccountId;
      if (isManagement && !isManagementEntry(ctx, account)) {
        ctx.problem({
          severity: 'error',
          code: 'P-MANAGEMENT-ACCOUNT',
          key: account.name,
          message: `account "${account.name}" matches the management account ${observed.id} (same ${account.id ? 'id' : 'email'}) but is not the spec's management account`,
          hint: 'give the member account its own email address; the management account is described under organization.managementAccount',
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
        if (account.protect || isManagement) {
          ctx.problem({
            severity: 'error',
            code: isManagement ? 'P-MANAGEMENT-CLOSE' : 'P-PROTECTED-CLOSE',
            key: account.name,
            message: isManagement
              ? `account "${account.name}" is the management account; it cannot be closed from the organization`
              : `account "${account.name}" is protected and cannot be closed`,
            hint: isManagement ? 'remove `lifecycle: close` from it' : PROTECTED_HINT,
          });
        } else {
          ctx.add({
            id: `close:${email}`,
            kind: 'account',
            key: account.email,
            label: account.name,
            action: 'close',
            properties: [{ name: 'status', before: observed.status, after: 'SUSPENDED' }],
            payload: { action: 'close', id: observed.id, name: account.name },
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
      const where = account.ouPath ?? 'root';
      const desiredParent = account.ouPath === null ? ctx.rootId : ctx.observedOu(account.ouPath)?.id;
      if (desiredParent !== observed.parentId) {
        const fromOu = ctx.ouById.get(observed.parentId);
        if (account.protect && fromOu) {
          ctx.problem({
            severity: 'error',
            code: 'P-PROTECTED-MOVE',
            key: account.name,
            message: `account "${account.name}" is protected and cannot move out of OU "${fromOu.path}" to ${where}`,
            hint: PROTECTED_HINT,
          });
        } else {
          ctx.add({
            id: `move:${email}`,
            kind: 'account',
            key: account.email,
            label: account.name,
            action: 'move',
            properties: [{ name: 'ou', before: fromOu?.path ?? 'root', after: where }],
            payload: {
              action: 'move',
              id: observed.id,
              fromParentId: observed.parentId,
              to: account.ouPath === null ? ctx.rootRef() : ctx.ouRef(account.ouPath),
            },
            dependsOn: account.ouPath === null ? [] : ctx.ifPlanned(changeIds.ou(account.ouPath)),
            destructive: false,
          });
        }
      }
      const tags = desiredTags(account);
      const tagProps = tagChanges(observed.tags, tags);
      if (tagProps.length > 0) {
        ctx.add({
          id: `tags:${email}`,
          kind: 'account',
          key: account.email,
          label: account.name,
          action: 'update',
          properties: tagProps,
          payload: { action: 'update', id: observed.id, tags },
          dependsOn: [],
          destructive: false,
        });
      }
    }
  },
};
