import type { CostQueryResult, CostForecast } from '../../providers/aws/cost-explorer/requests.js';
import type { CostRange } from './dates.js';
import { groupByLabel, type CostGroupBy } from './group-by.js';
import { UNTAGGED, type CostDirectory } from './mapping.js';
import { periodLabel, periodLabels, type Granularity, type QueryPlan } from './query-plan.js';

export const TOP_SERVICES = 3;

/** One row of the report: an environment, account, kind, team, service or tag value. Amounts in USD. */
export interface CostGroup {
  name: string;
  /** For `--by account`: the account id, its environment, whether the spec knows it. */
  account?: { id: string; environment: string; managed: boolean };
  /** The account ids whose costs it holds (groupings by account attributes). */
  accounts?: string[];
  total: number;
  /** The comparison period's total; null without a comparison. */
  previous: number | null;
  /** (total − previous) / previous; null without a comparison or when previous is 0. */
  change: number | null;
  /** One amount per period of `periods`. */
  series: number[];
  /** The largest services of the group over the range (none for `--by service`). */
  topServices: { service: string; amount: number }[];
}

export interface CostReport {
  range: { from: string; to: string; granularity: Granularity; by: string };
  currency: 'USD';
  periods: string[];
  groups: CostGroup[];
  total: number;
  comparison: { from: string; to: string; label: string; total: number; change: number | null } | null;
  /** The current month's forecast: GetCostForecast from today to the month's end, plus what the month cost so far. */
  forecast: {
    month: string;
    from: string;
    to: string;
    remaining: number;
    monthToDate: number | null;
    monthTotal: number | null;
    lower?: number;
    upper?: number;
  } | null;
  /** Whether Cost Explorer marked any period as estimated (not closed). */
  estimated: boolean;
  requests: { total: number; byOperation: Record<string, number>; costUsd: number };
  notes: string[];
}

/** Micro-dollars to USD, exact to the micro-dollar. */
export const usd = (micros: number): number => Math.round(micros) / 1_000_000;

export interface ReportInput {
  range: CostRange;
  granularity: Granularity;
  by: CostGroupBy;
  plan: QueryPlan;
  directory: CostDirectory;
  series: CostQueryResult;
  services?: CostQueryResult;
  previous?: CostQueryResult;
  forecast?: CostForecast | null;
  requests: { total: number; byOperation: Record<string, number> };
  notes?: string[];
}

interface Acc {
  name: string;
  micros: number;
  previous: number;
  series: number[];
  services: Map<string, number>;
  accounts: Set<string>;
}

/** Totals, series, comparison, top services and forecast from the Cost Explorer answers. Pure. */
export function buildReport(input: ReportInput): CostReport {
  const { range, granularity, by, directory } = input;
  const periods = periodLabels(range.from, range.to, granularity);
  const index = new Map(periods.map((p, i) => [p, i]));
  const groups = new Map<string, Acc>();
  const ceNames = new Map([
    ...(input.series.accountNames ?? []),
    ...(input.services?.accountNames ?? []),
    ...(input.previous?.accountNames ?? []),
  ]);
  const accountKeyed = by.kind !== 'service' && by.kind !== 'tag';
  const groupOf = (key: string): { group: string; account?: string } => {
    if (by.kind === 'service') return { group: key };
    if (by.kind === 'tag') {
      const value = key.startsWith(`${by.key}$`) ? key.slice(by.key.length + 1) : key;
      return { group: value === '' ? UNTAGGED : value };
    }
    return { group: directory.groupOf(by, key, ceNames.get(key)), account: key };
  };
  const acc = (name: string): Acc => {
    let g = groups.get(name);
    if (!g) {
      g = { name, micros: 0, previous: 0, series: periods.map(() => 0), services: new Map(), accounts: new Set() };
      groups.set(name, g);
    }
    return g;
  };
  let estimated = input.series.estimated;
  let monthToDate = 0;
  const forecastMonth = range.today.slice(0, 7);
  const coversMonthStart = range.from <= `${forecastMonth}-01`;
  // Per period start of the series: where its amounts go.
  const seriesStarts = input.series.starts.map((start) => ({
    previous: start < range.from,
    index: index.get(periodLabel(start, granularity)),
    forecastMonth: start.slice(0, 7) === forecastMonth,
  }));
  for (const { keys, micros } of input.series.groups) {
    const { group, account } = groupOf(keys[0] ?? '');
    const g = acc(group);
    if (account) g.accounts.add(account);
    const service = input.plan.seriesHoldsServices ? keys[1] : undefined;
    let sum = 0;
    for (let si = 0; si < micros.length; si++) {
      const m = micros[si];
      if (m === undefined) continue;
      const at = seriesStarts[si]!;
      if (at.previous) {
        g.previous += m;
        continue;
      }
      sum += m;
      if (at.index !== undefined) g.series[at.index]! += m;
      if (at.forecastMonth) monthToDate += m;
    }
    g.micros += sum;
    if (service !== undefined) g.services.set(service, (g.services.get(service) ?? 0) + sum);
  }
  const total = (micros: number[]): number => micros.reduce((s, m) => s + m, 0);
  for (const { keys, micros } of input.services?.groups ?? []) {
    const { group, account } = groupOf(keys[0] ?? '');
    const g = acc(group);
    if (account) g.accounts.add(account);
    const service = keys[1] ?? '';
    g.services.set(service, (g.services.get(service) ?? 0) + total(micros));
  }
  for (const { keys, micros } of input.previous?.groups ?? []) {
    const { group, account } = groupOf(keys[0] ?? '');
    const g = acc(group);
    if (account) g.accounts.add(account);
    g.previous += total(micros);
  }
  if (input.services?.estimated || input.previous?.estimated) estimated = true;
  const hasComparison = range.previous !== null;
  const change = (now: number, before: number): number | null =>
    hasComparison && before > 0 ? Math.round(((now - before) / before) * 10_000) / 10_000 : null;
  const out: CostGroup[] = [...groups.values()]
    // A group only seen in the comparison period still shows (at 0), never dropped.
    .sort((a, b) => b.micros - a.micros || b.previous - a.previous || a.name.localeCompare(b.name))
    .map((g) => {
      const top = [...g.services]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, TOP_SERVICES)
        .map(([service, micros]) => ({ service, amount: usd(micros) }));
      const place = by.kind === 'account' ? directory.place(g.name, ceNames.get(g.name)) : undefined;
      return {
        name: place ? place.name : g.name,
        ...(place ? { account: { id: place.id, environment: place.environment, managed: place.managed } } : {}),
        ...(accountKeyed && by.kind !== 'account' ? { accounts: [...g.accounts].sort() } : {}),
        total: usd(g.micros),
        previous: hasComparison ? usd(g.previous) : null,
        change: change(g.micros, g.previous),
        series: g.series.map(usd),
        topServices: top,
      };
    });
  const totalMicros = [...groups.values()].reduce((s, g) => s + g.micros, 0);
  const previousMicros = [...groups.values()].reduce((s, g) => s + g.previous, 0);
  const f = input.forecast;
  return {
    range: { from: range.from, to: range.to, granularity, by: groupByLabel(by) },
    currency: 'USD',
    periods,
    groups: out,
    total: usd(totalMicros),
    comparison: range.previous
      ? {
          from: range.previous.from,
          to: range.previous.to,
          label: range.previous.label,
          total: usd(previousMicros),
          change: change(totalMicros, previousMicros),
        }
      : null,
    forecast:
      f && input.plan.forecast
        ? {
            month: forecastMonth,
            from: input.plan.forecast.start,
            to: input.plan.forecast.end,
            remaining: usd(f.micros),
            monthToDate: coversMonthStart ? usd(monthToDate) : null,
            monthTotal: coversMonthStart ? usd(monthToDate + f.micros) : null,
            ...(f.lowerMicros !== undefined ? { lower: usd(f.lowerMicros) } : {}),
            ...(f.upperMicros !== undefined ? { upper: usd(f.upperMicros) } : {}),
          }
        : null,
    estimated,
    requests: {
      total: input.requests.total,
      byOperation: { ...input.requests.byOperation },
      costUsd: Math.round(input.requests.total) / 100,
    },
    notes: [
      ...range.notes,
      ...(range.previousUnavailable ? [`no month-over-month: ${range.previousUnavailable}`] : []),
      ...(input.notes ?? []),
    ],
  };
}
