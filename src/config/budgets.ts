import type { BudgetAlertModel, BudgetModel, BudgetPeriod } from '../model/cost.js';
import type { BudgetSpec, OrgSpec } from './schema.js';

/** Alerts when `alerts:` is left out: actual spend at 80 % and 100 %, the forecast at 100 %. */
export const DEFAULT_BUDGET_ALERTS: readonly BudgetAlertModel[] = [
  { type: 'ACTUAL', threshold: 80 },
  { type: 'ACTUAL', threshold: 100 },
  { type: 'FORECASTED', threshold: 100 },
];

export const DEFAULT_BUDGET_CURRENCY = 'USD';

/** One budget a `budgets:` entry stands for; an `environmentKind` entry gives one per environment of the kind. */
export interface ExpandedBudget {
  /** Index of the entry under `budgets:`. */
  index: number;
  entry: BudgetSpec;
  name: string;
  environment?: string;
  /** Account names whose linked-account costs count. */
  accounts: string[];
}

const periodSuffix = (period: BudgetPeriod | undefined) => (period ?? 'MONTHLY').toLowerCase();

/** The accounts (by name) hosting an environment, closing ones left out: as `environment:NAME` targets do. */
export function accountsOfEnvironment(spec: OrgSpec, environment: string): string[] {
  return (spec.accounts ?? [])
    .filter((a) => a.lifecycle !== 'close')
    .filter((a) => a.environment === environment || (a.alsoHosts ?? []).includes(environment))
    .map((a) => a.name);
}

/**
 * The budgets the spec's entries stand for, in spec order. A kind entry yields one budget per environment of that
 * kind that has accounts and is not named by an `environment:` entry of its own; its `name`, when given, may hold
 * `{environment}`. References are not checked here (the rules in rules/budgets.ts do).
 */
export function expandBudgets(spec: OrgSpec): ExpandedBudget[] {
  const entries = spec.budgets ?? [];
  const envs = spec.environments ?? {};
  const named = new Set(entries.flatMap((e) => (e.environment === undefined ? [] : [e.environment])));
  const out: ExpandedBudget[] = [];
  entries.forEach((entry, index) => {
    const suffix = periodSuffix(entry.period);
    if (entry.environment !== undefined) {
      const environment = entry.environment;
      out.push({
        index,
        entry,
        name: entry.name ?? `${environment}-${suffix}`,
        environment,
        accounts: accountsOfEnvironment(spec, environment),
      });
    } else if (entry.environmentKind !== undefined) {
      for (const [environment, env] of Object.entries(envs)) {
        if (env.kind !== entry.environmentKind || named.has(environment)) continue;
        const accounts = accountsOfEnvironment(spec, environment);
        if (accounts.length === 0) continue;
        const name = entry.name?.replaceAll('{environment}', environment) ?? `${environment}-${suffix}`;
        out.push({ index, entry, name, environment, accounts });
      }
    } else if (entry.account !== undefined) {
      out.push({ index, entry, name: entry.name ?? `${entry.account}-${suffix}`, accounts: [entry.account] });
    }
  });
  return out;
}

/** `alerts:` as the model holds them (AWS's notification types), or the defaults. */
export function budgetAlerts(entry: BudgetSpec): BudgetAlertModel[] {
  if (entry.alerts === undefined) return DEFAULT_BUDGET_ALERTS.map((a) => ({ ...a }));
  return entry.alerts.flatMap((a): BudgetAlertModel[] =>
    a.actual !== undefined
      ? [{ type: 'ACTUAL', threshold: a.actual }]
      : a.forecast !== undefined
        ? [{ type: 'FORECASTED', threshold: a.forecast }]
        : [],
  );
}

/**
 * Who hears a budget's alerts when `notify:` is left out: the owner of what it watches (the account's owner, else
 * its environment's), a userName resolved to that identity user's email; else the management account's email.
 */
export function defaultSubscribers(spec: OrgSpec, budget: Pick<ExpandedBudget, 'environment' | 'accounts'>): string[] {
  const envs = spec.environments ?? {};
  const account =
    budget.environment === undefined ? (spec.accounts ?? []).find((a) => a.name === budget.accounts[0]) : undefined;
  const environment = budget.environment ?? account?.environment;
  const owner = account?.owner ?? (environment === undefined ? undefined : envs[environment]?.owner);
  const email = (spec.identity?.users ?? []).find((u) => u.userName === owner)?.email;
  return [email ?? spec.organization.managementAccount.email];
}

/** `OrgModel.cost.budgets`: every budget expanded, with defaults filled in. Validation ran before. */
export function buildBudgets(spec: OrgSpec): BudgetModel[] {
  return expandBudgets(spec).map((b) => ({
    name: b.name,
    accounts: b.accounts,
    ...(b.environment === undefined ? {} : { environment: b.environment }),
    limit: b.entry.limit,
    currency: b.entry.currency ?? DEFAULT_BUDGET_CURRENCY,
    period: b.entry.period ?? 'MONTHLY',
    alerts: budgetAlerts(b.entry),
    subscribers: b.entry.notify ?? defaultSubscribers(spec, b),
    source: `budgets[${b.index}]`,
  }));
}
