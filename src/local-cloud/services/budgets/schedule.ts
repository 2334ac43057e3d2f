import type { Store } from '../../store/store.js';
import type { HandlerContext, JobDefinition } from '../registry.js';
import { evaluateBudget } from './evaluation.js';
import type { BudgetRecord } from './tables.js';
import { budgetKey } from './tables.js';

/**
 * Budgets are re-evaluated when they are written and by a periodic job (AWS updates budgets up to three times a
 * day): the synthetic bill changes when a UTC day begins, so the job runs at every UTC midnight while budgets exist,
 * and at once after a restart if a budget was last evaluated on an earlier day. One record holds the next run; a
 * timer whose time is not that record's (a duplicate armed before a restart) does nothing.
 */
export const EVALUATE_JOB = 'budgets-evaluate';
const DAY_MS = 86_400_000;

const nextMidnight = (now: number): number => (Math.floor(now / DAY_MS) + 1) * DAY_MS;

/** Evaluates and stores one budget (after a write). */
export function storeEvaluated(ctx: HandlerContext, budget: BudgetRecord): BudgetRecord {
  const evaluated = evaluateBudget(ctx.store, ctx.config.cost.seed, budget, ctx.now);
  ctx.store.put('budgets', budgetKey(evaluated.accountId, evaluated.name), evaluated);
  ensureScheduled(ctx);
  return evaluated;
}

/** Arms the periodic job unless it is already armed for a time still ahead. */
export function ensureScheduled(ctx: HandlerContext): void {
  const at = ctx.store.get('budgetsSchedule', 'next')?.at;
  if (at !== undefined && at > ctx.now) return;
  arm(ctx, nextMidnight(ctx.now));
}

function arm(ctx: HandlerContext, at: number): void {
  ctx.store.put('budgetsSchedule', 'next', { at });
  ctx.schedule({ kind: EVALUATE_JOB, key: String(at), at });
}

function runEvaluation(key: string, ctx: HandlerContext): void {
  const armed = ctx.store.get('budgetsSchedule', 'next')?.at;
  if (armed !== undefined && String(armed) !== key) return;
  const budgets = [...ctx.store.values('budgets')];
  for (const b of budgets) {
    const evaluated = evaluateBudget(ctx.store, ctx.config.cost.seed, b, ctx.now);
    ctx.store.put('budgets', budgetKey(b.accountId, b.name), evaluated);
  }
  if (budgets.length === 0) ctx.store.delete('budgetsSchedule', 'next');
  else arm(ctx, nextMidnight(ctx.now));
}

function pending(store: Store): { key: string; at: number }[] {
  const armed = store.get('budgetsSchedule', 'next')?.at;
  if (armed === undefined) return [];
  const today = Math.floor(Date.now() / DAY_MS);
  const stale = [...store.values('budgets')].some((b) => Math.floor(b.evaluatedAt / DAY_MS) < today);
  // Overdue or stale: run at once under the armed key (the run re-arms for the next midnight).
  return [{ key: String(armed), at: stale ? Date.now() : armed }];
}

export const budgetsJobs: Record<string, JobDefinition> = {
  [EVALUATE_JOB]: { run: runEvaluation, pending },
};
