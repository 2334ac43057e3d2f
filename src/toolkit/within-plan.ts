import { canonicalJson } from '../core/canonical-json.js';
import type { ObservedState } from '../model/observed.js';
import type { OrgModel } from '../model/organization.js';
import { diff } from '../plan/diff.js';
import type { Change } from '../plan/types.js';

/** Refs name what they point at by address; the id is known once it exists (it may have been created meanwhile). */
function withoutRefIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRefIds);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const isRef = entries.some(([k]) => k === 'address');
  return Object.fromEntries(entries.filter(([k]) => !(isRef && k === 'id')).map(([k, v]) => [k, withoutRefIds(v)]));
}

/** A payload without the asynchronous request it follows (a request that has since finished is not followed). */
function withoutPending(payload: unknown): string {
  const { pendingRequestId: _pending, ...rest } = payload as Record<string, unknown>;
  return canonicalJson(withoutRefIds(rest));
}

type CreatePayload = { pendingRequestId?: string; ou: unknown; root: unknown };

/**
 * Whether `c` is the rest of a confirmed account creation that resumed a request an interrupted apply left
 * running: when that CreateAccount finishes between the refresh and the lock, the account now exists in the root
 * and the fresh plan moves it where the creation would have put it. That move is the same work, not new work.
 */
function finishesResumedCreate(c: Change, confirmed: readonly Change[]): boolean {
  if (c.kind !== 'account' || c.action !== 'move' || c.destructive) return false;
  const created = confirmed.find(
    (o) =>
      o.kind === 'account' &&
      o.action === 'create' &&
      o.key === c.key &&
      (o.payload as CreatePayload).pendingRequestId !== undefined,
  );
  if (created === undefined) return false;
  const { ou, root } = created.payload as CreatePayload;
  const to = (c.payload as { to?: unknown }).to;
  return canonicalJson(withoutRefIds(ou ?? root)) === canonicalJson(withoutRefIds(to));
}

/**
 * The changes the state `now` needs, when each is one the confirmed plan has (same id, action and
 * payload, the request it resumes aside) and nothing is destructive that was not: the plan narrowed by
 * what finished meanwhile. Undefined when `now` needs anything else.
 */
export function withinPlan(model: OrgModel, now: ObservedState, confirmed: readonly Change[]): Change[] | undefined {
  const fresh = diff(model, now);
  if (fresh.problems.some((p) => p.severity === 'error')) return undefined;
  const byId = new Map(confirmed.map((c) => [c.id, c]));
  const inPlan = (c: Change) => {
    const old = byId.get(c.id);
    if (old === undefined) return finishesResumedCreate(c, confirmed);
    return (
      old.action === c.action &&
      (old.destructive || !c.destructive) &&
      withoutPending(old.payload) === withoutPending(c.payload)
    );
  };
  return fresh.changes.every(inPlan) ? fresh.changes : undefined;
}
