import type { BudgetRecord } from './tables.js';

/**
 * Which (account, service) pairs a budget counts. CostFilters `LinkedAccount` and `Service`, and FilterExpression's
 * `Dimensions` LINKED_ACCOUNT / SERVICE under And / Or / Not, narrow the scope; other filters (tags, cost
 * categories, other dimensions) are kept as written but do not narrow it, since the synthetic bill has no such detail.
 */
type Predicate = (accountId: string, service: string) => boolean;

const ALL: Predicate = () => true;

/** A LinkedAccount value: the 12-digit id, as AWS stores it (a console value may carry the name after it). */
const accountIdOf = (value: string): string => /\d{12}/.exec(value)?.[0] ?? value;

function matches(value: string, wanted: readonly string[], options: readonly string[]): boolean {
  const insensitive = options.includes('CASE_INSENSITIVE');
  const v = insensitive ? value.toLowerCase() : value;
  const ws = insensitive ? wanted.map((w) => w.toLowerCase()) : wanted;
  if (options.includes('STARTS_WITH')) return ws.some((w) => v.startsWith(w));
  if (options.includes('ENDS_WITH')) return ws.some((w) => v.endsWith(w));
  if (options.includes('CONTAINS')) return ws.some((w) => v.includes(w));
  return ws.includes(v);
}

function fromExpression(expr: Record<string, unknown>): Predicate {
  const list = (k: string) => (Array.isArray(expr[k]) ? (expr[k] as Record<string, unknown>[]) : undefined);
  const and = list('And');
  if (and !== undefined) {
    const ps = and.map(fromExpression);
    return (a, s) => ps.every((p) => p(a, s));
  }
  const or = list('Or');
  if (or !== undefined) {
    const ps = or.map(fromExpression);
    return (a, s) => ps.some((p) => p(a, s));
  }
  if (typeof expr.Not === 'object' && expr.Not !== null) {
    const p = fromExpression(expr.Not as Record<string, unknown>);
    return (a, s) => !p(a, s);
  }
  const dim = expr.Dimensions as { Key?: unknown; Values?: unknown; MatchOptions?: unknown } | undefined;
  if (dim !== undefined && dim !== null && Array.isArray(dim.Values)) {
    const values = (dim.Values as unknown[]).filter((v): v is string => typeof v === 'string');
    const options = Array.isArray(dim.MatchOptions) ? (dim.MatchOptions as string[]) : [];
    if (dim.Key === 'LINKED_ACCOUNT') {
      const ids = values.map(accountIdOf);
      return (a) => matches(a, ids, options);
    }
    if (dim.Key === 'SERVICE') return (_a, s) => matches(s, values, options);
  }
  return ALL;
}

function fromCostFilters(filters: Record<string, string[]>): Predicate {
  const accounts = filters.LinkedAccount?.map(accountIdOf);
  const services = filters.Service;
  return (a, s) => (accounts === undefined || accounts.includes(a)) && (services === undefined || services.includes(s));
}

/** For each account, the indexes of its services (in its cost model's order) that the budget counts. */
export function accountSelector(budget: BudgetRecord): (accountId: string, services: readonly string[]) => number[] {
  const byFilters = budget.costFilters === undefined ? ALL : fromCostFilters(budget.costFilters);
  const byExpression = budget.filterExpression === undefined ? ALL : fromExpression(budget.filterExpression);
  return (accountId, services) => {
    const out: number[] = [];
    services.forEach((s, i) => {
      if (byFilters(accountId, s) && byExpression(accountId, s)) out.push(i);
    });
    return out;
  };
}
