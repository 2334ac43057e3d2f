import type { AccountRecord } from '../../store/state.js';
import type { Store } from '../../store/store.js';
import {
  accountCostModel,
  dailyServiceMicros,
  dayOfTime,
  expectedDailyMicros,
  MICROS_PER_USD,
  type AccountCostModel,
} from '../../usage/synthetic-cost.js';
import { organizationOfAccount } from '../organizations/service-delegation.js';
import { accountSelector } from './filters.js';
import type { DayRange } from './periods.js';
import { currentPeriod } from './periods.js';
import type { BudgetRecord, NotificationRecord } from './tables.js';

/**
 * A budget evaluated against the local cloud's synthetic bill (src/local-cloud/usage/synthetic-cost.ts): the actual
 * spend is the bill of the accounts in scope from the period's first day through today (a day's cost is booked whole
 * on that day), the forecast adds the expected cost of the period's remaining days. In scope: for a management
 * account, its organization's accounts (those its filter names, or all); for any other account, itself.
 */

/** The accounts whose spend the budgets of `owner` can see. */
export function accountsVisibleTo(store: Store, owner: string): { account: AccountRecord; management: boolean }[] {
  const org = organizationOfAccount(store, owner);
  if (org !== undefined && org.managementAccountId === owner)
    return [...store.values('accounts')]
      .filter((a) => a.organizationId === org.id)
      .map((account) => ({ account, management: account.id === org.managementAccountId }));
  const own = store.get('accounts', owner);
  return own === undefined ? [] : [{ account: own, management: org === undefined }];
}

/** The cost model of an account: its name and its Organizations tags decide the profile. */
export function modelOf(store: Store, seed: string, account: AccountRecord, management: boolean): AccountCostModel {
  const tags = store.get('tags', account.id)?.tags ?? {};
  return accountCostModel(seed, { id: account.id, name: account.name, tags, management });
}

/** The last day an account costs: a closed account stops after its closure completes. */
function lastCostDay(account: AccountRecord): number {
  return account.status === 'ACTIVE' || account.closeCompletesAt === undefined
    ? Number.POSITIVE_INFINITY
    : dayOfTime(account.closeCompletesAt);
}

export interface Spend {
  actualMicros: number;
  forecastMicros: number;
}

/** Actual spend over [period.start, min(today, period.end - 1)] and the forecast to the period's end. */
export function spendOver(store: Store, seed: string, budget: BudgetRecord, period: DayRange, now: number): Spend {
  if (budget.budgetType !== 'COST') return { actualMicros: 0, forecastMicros: 0 };
  const today = dayOfTime(now);
  const select = accountSelector(budget);
  let actual = 0;
  let expected = 0;
  for (const { account, management } of accountsVisibleTo(store, budget.accountId)) {
    const model = modelOf(store, seed, account, management);
    const services = select(account.id, model.services);
    if (services.length === 0) continue;
    const last = Math.min(lastCostDay(account), period.end - 1);
    const actualEnd = Math.min(today, last);
    for (let day = period.start; day <= actualEnd; day++)
      for (const i of services) actual += dailyServiceMicros(model, i, day);
    const share = services.length === model.services.length ? 1 : serviceShare(model, services);
    for (let day = Math.max(period.start, today + 1); day <= last; day++)
      expected += expectedDailyMicros(model, day) * share;
  }
  return { actualMicros: actual, forecastMicros: actual + Math.round(expected) };
}

function serviceShare(model: AccountCostModel, services: readonly number[]): number {
  const total = model.baseDailyMicros.reduce((a, b) => a + b, 0);
  const part = services.reduce((a, i) => a + (model.baseDailyMicros[i] ?? 0), 0);
  return total === 0 ? 0 : part / total;
}

/** Micro-dollars of a Spend amount (`"100"`, `"12.5"`). */
export function amountToMicros(amount: string): number {
  const [whole = '0', frac = ''] = amount.split('.');
  return Number(whole) * MICROS_PER_USD + Number(frac.padEnd(6, '0').slice(0, 6));
}

/** Micro-dollars as a Budgets amount: a decimal string without trailing zeros (`"12.5"`, `"0.0"`). */
export function microsToBudgetAmount(micros: number): string {
  const whole = Math.floor(micros / MICROS_PER_USD);
  const frac = String(micros % MICROS_PER_USD)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return `${whole}.${frac === '' ? '0' : frac}`;
}

/** The budget's limit for the current period in micro-dollars (planned limits by the period's start). */
function limitMicros(budget: BudgetRecord, period: DayRange): number | undefined {
  if (budget.limit !== undefined) return amountToMicros(budget.limit.Amount);
  const planned = budget.plannedLimits?.[String(period.start * 86_400)];
  return planned === undefined ? undefined : amountToMicros(planned.Amount);
}

/** Whether a notification's threshold is crossed by the spend. */
export function crossed(n: NotificationRecord, spend: Spend, limit: number | undefined): boolean {
  const value = n.NotificationType === 'ACTUAL' ? spend.actualMicros : spend.forecastMicros;
  const threshold = n.ThresholdType === 'ABSOLUTE_VALUE' ? n.Threshold * MICROS_PER_USD : undefined;
  const t = threshold ?? (limit === undefined ? undefined : (limit * n.Threshold) / 100);
  if (t === undefined) return false;
  if (n.ComparisonOperator === 'GREATER_THAN') return value > t;
  if (n.ComparisonOperator === 'LESS_THAN') return value < t;
  return Math.abs(value - t) < 1;
}

/** The budget with its spend and each notification's state brought up to `now`. */
export function evaluateBudget(store: Store, seed: string, budget: BudgetRecord, now: number): BudgetRecord {
  const period = currentPeriod(budget, now);
  const spend = spendOver(store, seed, budget, period, now);
  const limit = limitMicros(budget, period);
  const notifications = budget.notifications.map((n): NotificationRecord => {
    const state: NotificationRecord['NotificationState'] = crossed(n, spend, limit) ? 'ALARM' : 'OK';
    return state === n.NotificationState ? n : { ...n, NotificationState: state, stateChangedAt: now };
  });
  return { ...budget, ...spend, notifications, evaluatedAt: now };
}
