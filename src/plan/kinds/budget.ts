import {
  budgetSubscriber,
  type BudgetSubscriber,
  type BudgetSubscriberChange,
  type DesiredBudget,
  type ObservedBudget,
  type ObservedBudgetNotification,
} from '../../model/budget-kinds.js';
import type { BudgetAlertModel } from '../../model/cost.js';
import { address } from '../../model/kinds.js';
import { isManagedByBulkhead, MANAGED_BY_TAG } from '../../model/observed.js';
import type { Ref } from '../../model/payloads.js';
import { changeIds, type PlanContext } from '../context.js';
import type { KindPlanner } from '../planner.js';
import type { PropertyChange } from '../types.js';

// What Bulkhead's notifications are: a percent of the limit, alerting above it.
const COMPARISON = 'GREATER_THAN';
const THRESHOLD_TYPE = 'PERCENTAGE';

export const budgetChangeId = (name: string) => `budget:${name}`;

const alertText = (a: BudgetAlertModel) => `${a.type === 'ACTUAL' ? 'actual' : 'forecast'} ${a.threshold}%`;
const alertsText = (alerts: readonly BudgetAlertModel[]) => alerts.map(alertText).join(', ') || '(none)';
const subscriberKey = (s: BudgetSubscriber) => `${s.type}:${s.type === 'EMAIL' ? s.address.toLowerCase() : s.address}`;

/** Whether an observed notification is the one a desired alert stands for. */
const isAlert = (n: ObservedBudgetNotification, a: BudgetAlertModel) =>
  n.type === a.type && n.threshold === a.threshold && n.comparison === COMPARISON && n.thresholdType === THRESHOLD_TYPE;

const observedAlert = (n: ObservedBudgetNotification): BudgetAlertModel | undefined =>
  n.comparison === COMPARISON && n.thresholdType === THRESHOLD_TYPE && (n.type === 'ACTUAL' || n.type === 'FORECASTED')
    ? { type: n.type, threshold: n.threshold }
    : undefined;

const notificationText = (n: ObservedBudgetNotification) => {
  const alert = observedAlert(n);
  return alert ? alertText(alert) : `${n.type} ${n.comparison} ${n.threshold} ${n.thresholdType}`;
};

/** The observed budgets by name. */
export const observedBudgets = (ctx: PlanContext): Map<string, ObservedBudget> =>
  new Map(ctx.observed.budget.map((b) => [b.name, b]));

interface Watched {
  refs: Ref[];
  /** Names as the plan shows them. */
  names: string[];
  dependsOn: string[];
  /** Every id known at plan time (else an account is created by this apply). */
  ids: (string | undefined)[];
}

/** The accounts a budget watches, as refs to their ids (known, or made by the account changes of this plan). */
function watchedAccounts(ctx: PlanContext, budget: DesiredBudget): Watched {
  const out: Watched = { refs: [], names: [], dependsOn: [], ids: [] };
  const mgmt = ctx.desired.managementAccount;
  for (const name of budget.accounts) {
    const account = ctx.desired.accounts.get(name);
    const email = account?.email ?? mgmt.email;
    const id =
      name === mgmt.name && account === undefined
        ? (ctx.organization?.managementAccountId ?? mgmt.id)
        : ctx.observedAccount(name)?.id;
    out.refs.push({ address: address('account', email), ...(id ? { id } : {}) });
    out.names.push(name);
    out.ids.push(id);
    out.dependsOn.push(...ctx.ifPlanned(changeIds.account(email)));
  }
  return out;
}

/** The spec's names for observed linked-account ids (ids it does not know as they are). */
function accountNames(ctx: PlanContext, ids: readonly string[]): string[] {
  return ids.map((id) => {
    if (id === ctx.organization?.managementAccountId) return ctx.desired.managementAccount.name;
    return ctx.targetKeyOf(id)?.replace(/^account:/, '') ?? id;
  });
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

function subscriberChanges(
  observed: ObservedBudget,
  alerts: readonly BudgetAlertModel[],
  wanted: readonly BudgetSubscriber[],
): BudgetSubscriberChange[] {
  const wantedKeys = new Set(wanted.map(subscriberKey));
  const out: BudgetSubscriberChange[] = [];
  for (const alert of alerts) {
    const n = observed.notifications.find((o) => isAlert(o, alert));
    if (!n) continue;
    const have = new Set(n.subscribers.map(subscriberKey));
    const add = wanted.filter((s) => !have.has(subscriberKey(s)));
    const remove = n.subscribers.filter((s) => !wantedKeys.has(subscriberKey(s)));
    if (add.length + remove.length > 0) out.push({ alert, add, remove });
  }
  return out;
}

function observedSubscribers(observed: ObservedBudget): string[] {
  const seen = new Map<string, string>();
  for (const n of observed.notifications) for (const s of n.subscribers) seen.set(subscriberKey(s), s.address);
  return [...seen.values()];
}

/**
 * AWS Budgets in the management account, one cost budget per budget of the spec, filtered by linked account:
 * created with its notifications and subscribers, brought back to the spec (UpdateBudget, notifications and
 * subscribers one by one), and deleted when the spec drops it, only if Bulkhead made it (tag managed-by=bulkhead).
 */
export const budgetPlanner: KindPlanner<'budget'> = {
  kind: 'budget',
  after: ['organization', 'account'],
  diff(ctx) {
    const cost = ctx.desired.cost;
    if (cost === undefined) return;
    const observedByName = observedBudgets(ctx);
    const managementAccountId = ctx.organization?.managementAccountId ?? ctx.desired.managementAccount.id;
    for (const budget of cost.budgets) {
      const watched = watchedAccounts(ctx, budget);
      const subscribers = budget.subscribers.map(budgetSubscriber);
      const settings = {
        name: budget.name,
        limit: budget.limit,
        currency: budget.currency,
        period: budget.period,
        accounts: watched.refs,
        ...(managementAccountId ? { managementAccountId } : {}),
      };
      const common = {
        id: budgetChangeId(budget.name),
        kind: 'budget',
        key: budget.name,
        label: budget.name,
        dependsOn: watched.dependsOn,
        destructive: false,
      } as const;
      const observed = observedByName.get(budget.name);
      if (!observed) {
        ctx.add({
          ...common,
          action: 'create',
          properties: [
            { name: 'limit', after: `${budget.limit} ${budget.currency}` },
            { name: 'period', after: budget.period },
            { name: 'accounts', after: watched.names },
            { name: 'alerts', after: alertsText(budget.alerts) },
            { name: 'subscribers', after: budget.subscribers },
          ],
          payload: {
            action: 'create',
            ...settings,
            alerts: budget.alerts,
            subscribers,
            tags: { [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value },
          },
        });
        continue;
      }
      const properties: PropertyChange[] = [];
      if (observed.limit !== budget.limit || observed.currency !== budget.currency)
        properties.push({
          name: 'limit',
          before: `${observed.limit} ${observed.currency}`,
          after: `${budget.limit} ${budget.currency}`,
        });
      if (observed.period !== budget.period)
        properties.push({ name: 'period', before: observed.period, after: budget.period });
      if (observed.budgetType !== 'COST') properties.push({ name: 'type', before: observed.budgetType, after: 'COST' });
      const accountsKnown = watched.ids.every((id) => id !== undefined);
      if (!accountsKnown || !sameSet(observed.accountIds, watched.ids as string[]))
        properties.push({
          name: 'accounts',
          before: observed.accountIds.length === 0 ? '(all)' : accountNames(ctx, observed.accountIds),
          after: watched.names,
        });
      const updateBudget = properties.length > 0;
      const addAlerts = budget.alerts.filter((a) => !observed.notifications.some((n) => isAlert(n, a)));
      const removeAlerts = observed.notifications.filter((n) => !budget.alerts.some((a) => isAlert(n, a)));
      if (addAlerts.length + removeAlerts.length > 0)
        properties.push({
          name: 'alerts',
          before: observed.notifications.map(notificationText).join(', ') || '(none)',
          after: alertsText(budget.alerts),
        });
      const changes = subscriberChanges(observed, budget.alerts, subscribers);
      const before = observedSubscribers(observed);
      if (changes.length > 0 || (addAlerts.length > 0 && !sameSet(before, budget.subscribers)))
        properties.push({ name: 'subscribers', before, after: budget.subscribers });
      if (properties.length === 0) continue;
      ctx.add({
        ...common,
        action: 'update',
        properties,
        payload: {
          action: 'update',
          ...settings,
          updateBudget,
          addAlerts,
          removeAlerts,
          subscriberChanges: changes,
          subscribers,
        },
      });
    }
  },
  removals(ctx) {
    const cost = ctx.desired.cost;
    if (cost?.budgetsListed !== true) return;
    const wanted = new Set(cost.budgets.map((b) => b.name));
    for (const observed of ctx.observed.budget) {
      if (wanted.has(observed.name)) continue;
      if (!isManagedByBulkhead(observed.tags)) {
        ctx.note({
          code: 'N-BUDGET-UNMANAGED',
          key: observed.name,
          message: `budget "${observed.name}" was not made by Bulkhead (no managed-by tag) and is not in the spec: left alone`,
        });
        continue;
      }
      ctx.add({
        id: `delete-budget:${observed.name}`,
        kind: 'budget',
        key: observed.name,
        label: observed.name,
        action: 'delete',
        properties: [
          { name: 'limit', before: `${observed.limit} ${observed.currency}` },
          { name: 'alerts', before: observed.notifications.map(notificationText).join(', ') || '(none)' },
        ],
        payload: { action: 'delete', name: observed.name },
        dependsOn: [],
        destructive: true,
      });
    }
  },
};
