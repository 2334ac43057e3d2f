import { paginateJson } from '../pagination.js';
import type { HandlerContext } from '../registry.js';
import { budgetName, budgetsError, budgetsInput, callerAccount, findBudget, invalidParameter } from './common.js';
import { currentPeriod, dayStartMs, periodsBetween } from './periods.js';
import { spendOver, microsToBudgetAmount } from './evaluation.js';
import type { BudgetInput } from './input.js';
import { readBudget, readNotification, readSubscribers, readTags, sameNotification } from './input.js';
import { storeEvaluated } from './schedule.js';
import { budgetShape, costTypesOf } from './shapes.js';
import type { BudgetRecord, NotificationRecord } from './tables.js';
import { budgetKey } from './tables.js';
import { periodAt } from './periods.js';

/** AWS: 20,000 budgets per account; up to ten notifications per budget. */
export const MAX_BUDGETS = 20_000;
export const MAX_NOTIFICATIONS = 10;
/** What AWS puts in an open-ended TimePeriod's End: 2087-06-15. */
const FAR_END = Date.UTC(2087, 5, 15);

const paging = (maxSize: number) => ({
  defaultSize: 100,
  maxSize,
  invalid: (problem: string, message: string) =>
    problem === 'INVALID_NEXT_TOKEN'
      ? budgetsError('InvalidNextTokenException', 'The NextToken is not valid.')
      : invalidParameter(message),
});

function ownBudgets(ctx: HandlerContext, accountId: string): BudgetRecord[] {
  return [...ctx.store.values('budgets')]
    .filter((b) => b.accountId === accountId)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A record from a Budget input: the period starts at the current period's start unless given (as AWS does). */
function toRecord(
  accountId: string,
  input: BudgetInput,
  ctx: HandlerContext,
  existing: BudgetRecord | undefined,
): BudgetRecord {
  const start = input.timePeriod?.start ?? existing?.periodStart ?? dayStartMs(periodAt(input.timeUnit, ctx.now).start);
  return {
    accountId,
    name: input.name,
    budgetType: input.budgetType,
    timeUnit: input.timeUnit,
    ...(input.limit === undefined ? {} : { limit: input.limit }),
    ...(input.plannedLimits === undefined ? {} : { plannedLimits: input.plannedLimits }),
    ...(input.costFilters === undefined ? {} : { costFilters: input.costFilters }),
    ...(input.filterExpression === undefined ? {} : { filterExpression: input.filterExpression }),
    ...(input.budgetType === 'COST' ? { costTypes: costTypesOf(input.costTypes) } : {}),
    ...(input.autoAdjustData === undefined ? {} : { autoAdjustData: input.autoAdjustData }),
    ...(input.metrics === undefined ? {} : { metrics: input.metrics }),
    periodStart: start,
    periodEnd: input.timePeriod?.end ?? existing?.periodEnd ?? FAR_END,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
    notifications: existing?.notifications ?? [],
    tags: existing?.tags ?? {},
    actualMicros: 0,
    forecastMicros: 0,
    evaluatedAt: ctx.now,
  };
}

function readNotificationsWithSubscribers(input: Record<string, unknown>, now: number): NotificationRecord[] {
  const list = budgetsInput.optList(input, 'NotificationsWithSubscribers') ?? [];
  if (list.length > MAX_NOTIFICATIONS)
    throw budgetsError(
      'CreationLimitExceededException',
      `You can create up to ${MAX_NOTIFICATIONS} notifications per budget.`,
    );
  const out: NotificationRecord[] = [];
  list.forEach((item, i) => {
    const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const key = readNotification(o.Notification, `NotificationsWithSubscribers[${i}].Notification`);
    if (out.some((n) => sameNotification(n, key)))
      throw budgetsError('DuplicateRecordException', 'Error creating notification: the notification already exists.');
    const subscribers = readSubscribers(o.Subscribers, `NotificationsWithSubscribers[${i}].Subscribers`);
    out.push({ ...key, NotificationState: 'OK', subscribers, stateChangedAt: now });
  });
  return out;
}

export function createBudget(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const accountId = callerAccount(input, ctx);
  const budget = readBudget(input, 'Budget');
  const notifications = readNotificationsWithSubscribers(input, ctx.now);
  const tags = readTags(input.ResourceTags, 'ResourceTags');
  if (ctx.store.has('budgets', budgetKey(accountId, budget.name)))
    throw budgetsError(
      'DuplicateRecordException',
      `Error creating budget: ${budget.name} - the budget already exists.`,
    );
  if (ownBudgets(ctx, accountId).length >= MAX_BUDGETS)
    throw budgetsError('CreationLimitExceededException', `You can create up to ${MAX_BUDGETS} budgets per account.`);
  storeEvaluated(ctx, { ...toRecord(accountId, budget, ctx, undefined), notifications, tags });
  return {};
}

const showFilter = (input: Record<string, unknown>): boolean => input.ShowFilterExpression === true;

export function describeBudget(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const accountId = callerAccount(input, ctx);
  const b = findBudget(ctx, accountId, budgetName(input));
  return { Budget: budgetShape(b, showFilter(input)) };
}

export function describeBudgets(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const accountId = callerAccount(input, ctx);
  const all = ownBudgets(ctx, accountId);
  const { page, NextToken } = paginateJson(all, `DescribeBudgets/${accountId}`, input, paging(1000));
  return {
    Budgets: page.map((b) => budgetShape(b, showFilter(input))),
    ...(NextToken === undefined ? {} : { NextToken }),
  };
}

/** Replaces every part of the budget but its name and calculated spend (re-evaluated at once); keeps notifications. */
export function updateBudget(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const accountId = callerAccount(input, ctx);
  const next = readBudget(input, 'NewBudget');
  const existing = findBudget(ctx, accountId, next.name, 'update');
  storeEvaluated(ctx, toRecord(accountId, next, ctx, existing));
  return {};
}

export function deleteBudget(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const accountId = callerAccount(input, ctx);
  const name = budgetName(input);
  if (!ctx.store.has('budgets', budgetKey(accountId, name)))
    throw budgetsError(
      'NotFoundException',
      `Unable to delete budget: ${name} - the budget doesn't exist. Try creating it first. `,
    );
  ctx.store.delete('budgets', budgetKey(accountId, name));
  return {};
}

/** The budgeted and actual amounts of each period in TimePeriod (default: the budget's periods so far, at most 13). */
export function describeBudgetPerformanceHistory(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const accountId = callerAccount(input, ctx);
  const b = findBudget(ctx, accountId, budgetName(input));
  const tp = budgetsInput.optObject(input, 'TimePeriod');
  const seconds = (k: string) => (typeof tp?.[k] === 'number' ? Math.round((tp[k] as number) * 1000) : undefined);
  const current = currentPeriod(b, ctx.now);
  const fromMs = seconds('Start') ?? Math.max(b.periodStart, ctx.now - 365 * 86_400_000);
  const toMs = Math.min(seconds('End') ?? dayStartMs(current.end), dayStartMs(current.end));
  const fromDay = periodAt(b.timeUnit === 'CUSTOM' ? 'MONTHLY' : b.timeUnit, Math.max(fromMs, b.periodStart)).start;
  const periods =
    b.timeUnit === 'CUSTOM' ? [current] : periodsBetween(b.timeUnit, fromDay, Math.ceil(toMs / 86_400_000));
  const unit = b.limit?.Unit ?? 'USD';
  const rows = periods.map((p) => ({
    BudgetedAmount: b.limit ?? b.plannedLimits?.[String(p.start * 86_400)] ?? { Amount: '0.0', Unit: unit },
    ActualAmount: {
      Amount: microsToBudgetAmount(spendOver(ctx.store, ctx.config.cost.seed, b, p, ctx.now).actualMicros),
      Unit: unit,
    },
    TimePeriod: { Start: new Date(dayStartMs(p.start)), End: new Date(dayStartMs(p.end)) },
  }));
  const { page, NextToken } = paginateJson(
    rows,
    `DescribeBudgetPerformanceHistory/${accountId}/${b.name}`,
    input,
    paging(100),
  );
  return {
    BudgetPerformanceHistory: {
      BudgetName: b.name,
      BudgetType: b.budgetType,
      CostFilters: b.costFilters ?? {},
      ...(b.budgetType === 'COST' ? { CostTypes: costTypesOf(b.costTypes) } : {}),
      TimeUnit: b.timeUnit,
      BudgetedAndActualAmountsList: page,
    },
    ...(NextToken === undefined ? {} : { NextToken }),
  };
}
