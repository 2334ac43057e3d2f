import { BulkheadError } from '../core/errors.js';
import { emit, silentIoHost, type IoHost } from '../core/events.js';
import type { ObservedState } from '../model/observed.js';
import type { OrgModel } from '../model/organization.js';
import { stateFingerprint } from '../plan/fingerprint.js';
import type { Change, Plan } from '../plan/types.js';
import { walkChanges, type WalkOutcome, type WalkSettings } from './apply-walk.js';
import { withConnection, type Connection, type TargetOptions } from './connect.js';
import { takeApplyLock, type ApplyLock } from './apply-lock.js';
import { loadValidModel, makePlan } from './plan.js';
import { refresh, refreshOptionsFor } from './refresh.js';
import { checkedRefresh } from './checked-refresh.js';
import { withinPlan } from './within-plan.js';

export { defaultPollDelayMs } from './apply-walk.js';

export interface ApplyOptions extends WalkSettings {
  file: string;
  io: IoHost;
  target?: TargetOptions;
  connection?: Connection;
  model?: OrgModel;
  /** A saved plan to carry out instead of planning now. */
  planFile?: string;
  allowDestroy?: boolean;
  /** Apply without asking (otherwise the IO host is asked; a host that cannot ask means no). */
  yes?: boolean;
  /** Cancels the apply: nothing new starts, what runs finishes, the lock is released. */
  signal?: AbortSignal;
  /** Wait this long for another apply's lock before giving up. */
  lockTimeoutMs?: number;
  holder?: string;
}

export interface ApplyResult extends WalkOutcome {
  plan: Plan;
  /** True when the apply was cancelled: see `notStarted`. */
  cancelled: boolean;
  /** False when the lock could not be removed; `bulkhead unlock` removes it. */
  lockReleased: boolean;
  elapsedMs: number;
}

function checkPlannable(planned: Plan, allowDestroy: boolean): void {
  const errors = planned.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const s = errors.length === 1 ? '' : 's';
    throw new BulkheadError(
      'plan-problems',
      `the plan has ${errors.length} error${s}: ${errors.map((p) => p.message).join('; ')}`,
      {
        hint: errors[0]!.hint ?? 'fix the spec and plan again',
      },
    );
  }
  const destructive = planned.changes.filter((c) => c.destructive);
  if (destructive.length > 0 && !allowDestroy) {
    const s = destructive.length === 1 ? '' : 's';
    const list = destructive.map((c) => `${c.action} ${c.label}`).join(', ');
    throw new BulkheadError(
      'destroy-not-allowed',
      `the plan has ${destructive.length} destructive change${s}: ${list}`,
      {
        hint: 'review them, then pass --allow-destroy',
      },
    );
  }
}

async function confirm(options: ApplyOptions, planned: Plan, target: string): Promise<void> {
  if (options.yes) return;
  if (!options.io.ask) {
    throw new BulkheadError('apply-needs-yes', 'apply needs confirmation, and there is no terminal to ask on', {
      hint: 'review `bulkhead plan`, then pass --yes',
    });
  }
  const n = planned.changes.length;
  const question = {
    code: 'apply.confirm' as const,
    message: `Apply ${n} change${n === 1 ? '' : 's'} to ${target}?`,
    data: planned,
  };
  if (!(await options.io.ask(question)))
    throw new BulkheadError('apply-cancelled', 'apply cancelled; nothing was changed');
}

/** The plan to carry out: the saved one (checked against the state) or a new one. */
function planToApply(
  options: ApplyOptions,
  saved: Plan | undefined,
  model: OrgModel,
  connection: Connection,
  observed: ObservedState,
): Plan {
  if (!saved) return makePlan(options.file, model, observed, connection.description);
  if (saved.stateFingerprint !== stateFingerprint(observed)) {
    throw new BulkheadError('plan-stale', `the organization has changed since ${options.planFile} was made`, {
      hint: 'run `bulkhead plan` again and review the new plan',
    });
  }
  return saved;
}

const SETTLE_LIMIT_MS = 120_000;

/**
 * Assignment operations an interrupted apply left IN_PROGRESS end within seconds: apply waits for them
 * (refreshing every second, two minutes at most) before it plans, so that they do not finish between
 * its refresh and its lock and make the plan stale.
 */
async function settled(connection: Connection, io: IoHost, observed: ObservedState): Promise<ObservedState> {
  const running = (s: ObservedState) => s.pending.assignments.filter((p) => p.status === 'IN_PROGRESS').length;
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let state = observed;
  while (running(state) > 0 && Date.now() < deadline) {
    const message = `waiting for ${running(state)} assignment operations an earlier apply left running`;
    emit(io, { type: 'progress', code: 'refresh.progress', id: 'settle', message, state: 'running' });
    await new Promise((r) => setTimeout(r, 1000));
    state = await refresh(connection, silentIoHost);
  }
  return state;
}

/**
 * Carries out a plan: refresh and diff first (a no-change apply writes nothing), confirmation, the
 * apply lock (taken right after CreateOrganization on a first apply), a check that nothing moved
 * since the refresh, then the dependency walk. An AWS error stops only its own branch; a re-run
 * plans what is left and continues. Cancelling stops new work and releases the lock.
 */
export async function apply(options: ApplyOptions): Promise<ApplyResult> {
  const started = Date.now();
  const { io } = options;
  // A saved plan is checked before anything connects: a wrong path or a changed spec sends nothing.
  // (Its reader, schemas of every payload, is loaded only for a saved plan.)
  let saved: Plan | undefined;
  if (options.planFile) {
    const { readPlanFile, verifyPlanSpec } = await import('../plan/plan-file.js');
    saved = readPlanFile(options.planFile);
    verifyPlanSpec(saved, options.planFile);
  }
  // The spec of a saved plan is unchanged (just verified): its model still names the expected
  // management account, so the target check holds for saved plans too.
  const model = options.model ?? (await loadValidModel(saved?.specFile ?? options.file, saved ? silentIoHost : io));
  return withConnection(options, async (connection) => {
    const checked = await checkedRefresh(connection, model, io, refreshOptionsFor(model));
    const { target } = checked;
    const observed = await settled(connection, io, checked.observed);
    const planned = planToApply(options, saved, model, connection, observed);
    checkPlannable(planned, options.allowDestroy === true);
    const empty = { done: [], failed: [], skipped: [], notStarted: [] };
    if (planned.changes.length === 0) {
      return { plan: planned, ...empty, cancelled: false, lockReleased: true, elapsedMs: Date.now() - started };
    }
    await confirm(options, planned, target);
    const signal = options.signal ?? new AbortController().signal;
    const outputs = new Map<string, string>();
    let changes: readonly Change[] = planned.changes;
    const first: string[] = [];
    // A first apply creates the organization before anything can hold its lock: create it, then
    // lock at once, before any other change.
    const createOrg = changes.find((c) => c.kind === 'organization');
    if (createOrg) {
      const made = await walkChanges([createOrg], connection, io, signal, options, outputs);
      if (made.failed.length > 0 || made.notStarted.length > 0) {
        const result = { plan: planned, ...empty, ...made, cancelled: signal.aborted, lockReleased: true };
        return reported(io, { ...result, elapsedMs: Date.now() - started });
      }
      first.push(createOrg.id);
      changes = changes
        .filter((c) => c !== createOrg)
        .map((c) => ({ ...c, dependsOn: c.dependsOn.filter((d) => d !== createOrg.id) }));
    }
    const lock: ApplyLock = await takeApplyLock(
      connection,
      io,
      options,
      createOrg
        ? undefined
        : { fingerprint: planned.stateFingerprint, narrowed: (now) => withinPlan(model, now, changes), observed },
    );
    let outcome: WalkOutcome;
    try {
      outcome = await walkChanges(lock.changes ?? changes, connection, io, signal, options, outputs);
    } finally {
      await lock.release();
    }
    const result: ApplyResult = {
      plan: planned,
      ...outcome,
      done: [...first, ...outcome.done],
      cancelled: signal.aborted,
      lockReleased: lock.released,
      elapsedMs: Date.now() - started,
    };
    return reported(io, result);
  });
}

/** Every apply that got as far as changing something ends with one apply.result event. */
function reported(io: IoHost, result: ApplyResult): ApplyResult {
  emit(io, { type: 'result', code: 'apply.result', data: summarizeResult(result) });
  return result;
}

export function summarizeResult(r: ApplyResult) {
  return {
    done: r.done,
    failed: r.failed,
    skipped: r.skipped,
    notStarted: r.notStarted,
    cancelled: r.cancelled,
    lockReleased: r.lockReleased,
    elapsedMs: r.elapsedMs,
  };
}
