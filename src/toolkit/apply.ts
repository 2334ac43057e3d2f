import { readFileSync } from 'node:fs';
import { BulkheadError } from '../core/errors.js';
import type { IoHost } from '../core/events.js';
import { walk, type WalkNode } from '../apply/walker.js';
import { diff } from '../plan/diff.js';
import { stateFingerprint } from '../plan/fingerprint.js';
import type { Change, Plan } from '../plan/types.js';
import { applyOrganizationsChange, ChangeFailedError } from '../providers/aws/apply-organizations.js';
import { IdIndex } from '../providers/aws/id-index.js';
import type { OrgModel } from '../model/organization.js';
import type { Connection } from './connect.js';
import { loadValidModel, refresh } from './plan.js';

export interface ApplyOptions {
  /** A saved plan to carry out, or a spec to plan and apply in one go. */
  planFile?: string;
  file: string;
  connection: Connection;
  io: IoHost;
  /** The spec's model when the caller has validated it already (the CLI does, before it connects). */
  model?: OrgModel;
  allowDestroy?: boolean;
  /** Asked before changing anything when set (the CLI asks on a terminal unless --yes). */
  confirm?: (plan: Plan) => Promise<boolean>;
  /** AWS Organizations allows 5 CreateAccount requests in flight. */
  createAccountConcurrency?: number;
  concurrency?: number;
  pollDelayMs?: (attempt: number, elapsedMs: number) => number;
}

export interface ApplyResult {
  plan: Plan;
  done: string[];
  failed: { id: string; label: string; code: string; message: string }[];
  skipped: { id: string; because: string }[];
  elapsedMs: number;
}

const RETRYABLE = new Set([
  'ConcurrentModificationException',
  'TooManyRequestsException',
  'ThrottlingException',
  'ServiceException',
  'FinalizingOrganizationException',
]);

/**
 * Waits a tenth of the time an operation has taken so far (at least 100 ms, at most 10 s): it is
 * noticed at most ~10% after it finishes, whether it takes a second (the local cloud) or minutes
 * (AWS CreateAccount), in about 60 polls for two minutes. A doubling backoff noticed a 1 s
 * CreateAccount only after 1.75 s.
 */
export function defaultPollDelayMs(_attempt: number, elapsedMs: number): number {
  return Math.min(10_000, Math.max(100, Math.round(elapsedMs / 10)));
}

function isRetryable(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return RETRYABLE.has(e.name ?? '') || (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

function describeError(err: unknown): { code: string; message: string } {
  if (err instanceof ChangeFailedError) return { code: err.awsCode, message: err.message };
  const e = err as { name?: string; message?: string; Reason?: string };
  return { code: e.name ?? 'Error', message: `${e.message ?? String(err)}${e.Reason ? ` (${e.Reason})` : ''}` };
}

/**
 * Carries out a plan as a dependency graph: bounded concurrency per lane, retries with jitter on
 * throttling and 5xx, CreateAccount polled with backoff. An AWS error stops only its own branch;
 * a re-run plans what is left and continues.
 */
export async function apply(options: ApplyOptions): Promise<ApplyResult> {
  const started = Date.now();
  const { io, connection } = options;
  const model = options.model ?? (await loadValidModel(options.file, io));
  const observed = await refresh(connection, io);
  let planned: Plan;
  if (options.planFile) {
    planned = JSON.parse(readFileSync(options.planFile, 'utf8')) as Plan;
    if (planned.formatVersion !== 1)
      throw new BulkheadError(
        'plan-format',
        `${options.planFile} is not a Bulkhead plan (format ${String(planned.formatVersion)})`,
      );
    if (planned.stateFingerprint !== stateFingerprint(observed)) {
      throw new BulkheadError('plan-stale', `the organization has changed since ${options.planFile} was made`, {
        hint: 'run `bulkhead plan` again and review the new plan',
      });
    }
  } else {
    const { changes, problems } = diff(model, observed);
    planned = {
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      target: connection.description,
      specFile: options.file,
      specHash: '',
      stateFingerprint: stateFingerprint(observed),
      changes,
      problems,
    };
  }
  const errors = planned.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0)
    throw new BulkheadError(
      'plan-problems',
      `the plan has ${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors.map((p) => p.message).join('; ')}`,
      { hint: errors[0]!.hint ?? 'fix the spec and plan again' },
    );
  const destructive = planned.changes.filter((c) => c.destructive);
  if (destructive.length > 0 && !options.allowDestroy) {
    throw new BulkheadError(
      'destroy-not-allowed',
      `the plan has ${destructive.length} destructive change${destructive.length === 1 ? '' : 's'}: ${destructive.map((c) => `${c.action} ${c.label}`).join(', ')}`,
      { hint: 'review them, then pass --allow-destroy' },
    );
  }
  if (planned.changes.length === 0)
    return { plan: planned, done: [], failed: [], skipped: [], elapsedMs: Date.now() - started };
  if (options.confirm && !(await options.confirm(planned)))
    throw new BulkheadError('apply-cancelled', 'apply cancelled; nothing was changed');

  const ids = new IdIndex(observed, model.accounts);
  const byId = new Map(planned.changes.map((c) => [c.id, c]));
  // The walker starts ready nodes in order. CreateAccount requests an interrupted run left running
  // go first: they already hold AWS's five slots, and new requests would be refused until they end.
  const resumes = (c: Change) => (c.spec['pendingRequestId'] === undefined ? 1 : 0);
  const ordered = [...planned.changes].sort((a, b) => resumes(a) - resumes(b));
  const nodes: WalkNode<Change>[] = ordered.map((c) => ({
    id: c.id,
    dependsOn: c.dependsOn,
    lane: c.kind === 'account' && c.action === 'create' ? 'create-account' : 'organizations',
    item: c,
  }));
  const hooks = {
    progress: (id: string, message: string) =>
      io.notify({ type: 'progress', id, message: `${byId.get(id)!.label}: ${message}`, state: 'running' }),
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    pollDelayMs: options.pollDelayMs ?? defaultPollDelayMs,
  };
  const result = await walk(nodes, {
    concurrency: { 'create-account': options.createAccountConcurrency ?? 5, organizations: options.concurrency ?? 4 },
    isRetryable,
    execute: (node) => applyOrganizationsChange(connection.clients.organizations, ids, node.item, hooks),
    onEvent: (e) => {
      const c = byId.get(e.id)!;
      const what = `${c.action} ${c.kind} ${c.label}`;
      if (e.type === 'start' && e.attempt === 1)
        io.notify({ type: 'progress', id: e.id, message: what, state: 'start' });
      else if (e.type === 'retry')
        io.notify({
          type: 'progress',
          id: e.id,
          message: `${what}: ${describeError(e.error).code}, retrying in ${e.delayMs} ms`,
          state: 'running',
        });
      else if (e.type === 'done')
        io.notify({ type: 'progress', id: e.id, message: what, state: 'done', elapsedMs: e.elapsedMs });
      else if (e.type === 'failed')
        io.notify({
          type: 'progress',
          id: e.id,
          message: `${what}: ${describeError(e.error).message}`,
          state: 'failed',
          elapsedMs: e.elapsedMs,
        });
      else if (e.type === 'skipped')
        io.notify({ type: 'progress', id: e.id, message: `${what}: skipped (${e.because})`, state: 'failed' });
    },
  });
  return {
    plan: planned,
    done: result.done,
    failed: result.failed.map((f) => ({ id: f.id, label: byId.get(f.id)!.label, ...describeError(f.error) })),
    skipped: result.skipped,
    elapsedMs: Date.now() - started,
  };
}
