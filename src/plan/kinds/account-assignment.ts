import { address } from '../../model/kinds.js';
import { isProduction } from '../../model/environment.js';
import { assignmentKey, type DesiredAssignment } from '../../model/identity-desired.js';
import type { ObservedAssignment, PendingAssignmentOp, PrincipalType } from '../../model/observed-identity.js';
import type { Ref } from '../../model/payloads.js';
import { changeIds, type PlanContext } from '../context.js';
import type { KindPlanner } from '../planner.js';
import type { PropertyChange } from '../types.js';
import { expandGrid } from '../identity/expand-grid.js';
import { centerDeps, identityIds, isExternal, principalRef, wantsIdentity } from '../identity/ids.js';

const label = (a: {
  accountName: string;
  principalType: PrincipalType;
  principalName: string;
  permissionSetName: string;
}) =>
  `${a.permissionSetName} for ${a.principalType === 'GROUP' ? 'group' : 'user'} ${a.principalName} in ${a.accountName}`;

const sameOp = (p: PendingAssignmentOp, accountId: string, psArn: string, type: PrincipalType, principalId: string) =>
  p.accountId === accountId &&
  p.permissionSetArn === psArn &&
  p.principalType === type &&
  p.principalId === principalId;

/** The name of an observed assignment's principal, from the assignment or the identity store. */
function principalName(ctx: PlanContext, a: ObservedAssignment): string | undefined {
  if (a.principalName !== undefined) return a.principalName;
  return a.principalType === 'GROUP'
    ? ctx.observed['sso-group'].find((g) => g.groupId === a.principalId)?.name
    : ctx.observed['sso-user'].find((u) => u.userId === a.principalId)?.userName;
}

/** The spec account an observed account id stands for, and the environments it hosts. */
function specAccountOf(ctx: PlanContext, accountId: string) {
  const observed = ctx.accountById.get(accountId);
  for (const a of ctx.desired.accounts.values()) {
    if (a.id === accountId || (observed && a.email.toLowerCase() === observed.email.toLowerCase())) return a;
  }
  return undefined;
}

/** Observed assignments by the key of the spec's assignments (account email, principal, permission set). */
function observedByKey(ctx: PlanContext): Map<string, { a: ObservedAssignment; key: string; principal: string }> {
  const out = new Map<string, { a: ObservedAssignment; key: string; principal: string }>();
  for (const a of ctx.observed['account-assignment']) {
    const email = ctx.accountById.get(a.accountId)?.email ?? `account-id:${a.accountId}`;
    const principal = principalName(ctx, a) ?? a.principalId;
    const key = assignmentKey({
      accountEmail: email,
      principalType: a.principalType,
      principalName: principal,
      permissionSet: a.permissionSetName,
    });
    out.set(key, { a, key, principal });
  }
  return out;
}

/** Whether losing this assignment is losing access to production (destructive). */
function inProduction(ctx: PlanContext, accountId: string): boolean {
  const account = specAccountOf(ctx, accountId);
  const hosted = account
    ? [account.environment, ...account.alsoHosts]
    : [ctx.accountById.get(accountId)?.tags['environment']].filter((e): e is string => e !== undefined);
  return hosted.some((e) => {
    const env = ctx.desired.environments.get(e);
    return env !== undefined && isProduction(env);
  });
}

/** Resolves a principal; with an external IdP an unknown name is a problem, and undefined. */
function resolvePrincipal(ctx: PlanContext, d: DesiredAssignment, said: Set<string>) {
  const resolved = principalRef(ctx, d.principalType, d.principalName);
  if (!isExternal(ctx) || resolved.ref.id !== undefined) return resolved;
  const what = d.principalType === 'GROUP' ? 'group' : 'user';
  const key = `${what}:${d.principalName}`;
  if (!said.has(key)) {
    said.add(key);
    const enabled = ctx.observed['identity-center'].length > 0;
    ctx.problem({
      severity: enabled ? 'error' : 'warning',
      code: 'P-IDP-PRINCIPAL-UNKNOWN',
      key: d.principalName,
      message: enabled
        ? `${what} "${d.principalName}" is not in the Identity Center store; with identity.source: external it is not created by Bulkhead`
        : `${what} "${d.principalName}" cannot be looked up before Identity Center is enabled; its assignments are planned once it exists`,
      hint: `your IdP (SCIM) must provision the ${what} "${d.principalName}"; or correct the name in the access grid`,
    });
  }
  return undefined;
}

function createChange(ctx: PlanContext, d: DesiredAssignment, principal: { ref: Ref; dependsOn: string[] }) {
  const account = ctx.observedAccount(d.accountName);
  if (account && account.status !== 'ACTIVE') return; // the account planner says why
  const psId = ctx.observed['permission-set'].find((p) => p.name === d.permissionSet)?.arn;
  const pending =
    account && psId && principal.ref.id
      ? ctx.observed.pending.assignments.filter(
          (p) => p.operation === 'create' && sameOp(p, account.id, psId, d.principalType, principal.ref.id!),
        )
      : [];
  const running = pending.find((p) => p.status === 'IN_PROGRESS');
  const failed = pending.find((p) => p.status === 'FAILED');
  const properties: PropertyChange[] = [
    { name: 'environment', after: d.environment },
    ...(running ? [{ name: 'resumes', after: running.requestId }] : []),
    ...(!running && failed ? [{ name: 'last attempt failed', after: failed.failureReason ?? 'FAILED' }] : []),
  ];
  const names = {
    accountName: d.accountName,
    accountEmail: d.accountEmail,
    environment: d.environment,
    principalType: d.principalType,
    principalName: d.principalName,
    permissionSetName: d.permissionSet,
  };
  const key = assignmentKey(d);
  ctx.add({
    id: `assignment:${key}`,
    kind: 'account-assignment',
    key,
    label: label(names),
    action: 'create',
    properties,
    payload: {
      action: 'create',
      ...names,
      account: { address: address('account', d.accountEmail), ...(account ? { id: account.id } : {}) },
      principal: principal.ref,
      permissionSet: { address: address('permission-set', d.permissionSet), ...(psId ? { id: psId } : {}) },
      ...(running ? { pendingRequestId: running.requestId } : {}),
    },
    dependsOn: [
      ...centerDeps(ctx),
      ...ctx.ifPlanned(
        changeIds.account(d.accountEmail),
        identityIds.permissionSet(d.permissionSet),
        identityIds.updatePermissionSet(d.permissionSet),
      ),
      ...principal.dependsOn,
    ],
    destructive: false,
  });
}

/**
 * The access grid, expanded to account assignments: created where the grid grants and AWS has
 * none (resuming a request an interrupted apply left running; re-planning one that FAILED with
 * AWS's reason), deleted where AWS has one the grid no longer grants (losing access; destructive in
 * production).
 */
export const accountAssignmentPlanner: KindPlanner<'account-assignment'> = {
  kind: 'account-assignment',
  after: ['identity-center', 'account', 'sso-user', 'sso-group', 'sso-group-membership', 'permission-set'],
  diff(ctx) {
    const observed = observedByKey(ctx);
    const said = new Set<string>();
    for (const d of expandGrid(ctx.desired, ctx.organization?.managementAccountId)) {
      if (observed.has(assignmentKey(d))) continue;
      const principal = resolvePrincipal(ctx, d, said);
      if (principal) createChange(ctx, d, principal);
    }
  },
  removals(ctx) {
    if (!wantsIdentity(ctx)) return; // a spec without `identity:` leaves Identity Center alone
    const wanted = new Set(expandGrid(ctx.desired, ctx.organization?.managementAccountId).map(assignmentKey));
    for (const { a, key, principal } of observedByKey(ctx).values()) {
      if (wanted.has(key)) continue;
      const account = ctx.accountById.get(a.accountId);
      const spec = specAccountOf(ctx, a.accountId);
      // An account being closed (or closed) keeps its assignments: closing says what happens to it.
      if (spec?.lifecycle === 'close' || (account !== undefined && account.status !== 'ACTIVE')) continue;
      const running = ctx.observed.pending.assignments.find(
        (p) =>
          p.operation === 'delete' &&
          p.status === 'IN_PROGRESS' &&
          sameOp(p, a.accountId, a.permissionSetArn, a.principalType, a.principalId),
      );
      const names = {
        accountName: spec?.name ?? account?.name ?? a.accountId,
        accountEmail: account?.email ?? '',
        environment: spec?.environment ?? account?.tags['environment'] ?? '',
        principalType: a.principalType,
        principalName: principal,
        permissionSetName: a.permissionSetName,
      };
      ctx.add({
        id: `delete-assignment:${key}`,
        kind: 'account-assignment',
        key,
        label: label(names),
        action: 'delete',
        properties: [
          {
            name: 'access',
            before: `${a.principalType === 'GROUP' ? 'group' : 'user'} ${names.principalName} has ${a.permissionSetName}`,
          },
          ...(running ? [{ name: 'resumes', after: running.requestId }] : []),
        ],
        payload: {
          action: 'delete',
          ...names,
          accountId: a.accountId,
          principalId: a.principalId,
          permissionSetArn: a.permissionSetArn,
          ...(running ? { pendingRequestId: running.requestId } : {}),
        },
        dependsOn: [],
        destructive: inProduction(ctx, a.accountId),
      });
    }
  },
};
