import type { CostReport } from '../../toolkit/cost/report.js';
import type { ChartData } from './charts/types.js';

/** Series drawn before the rest are summed into one: a chart of 1,000 accounts shows the largest and "other". */
export const CHART_SERIES = 6;

/** The report's series as a stacked bar chart: the largest groups, then `other` for the rest. */
export function costChartData(report: CostReport): ChartData {
  const shown = report.groups.slice(0, CHART_SERIES);
  const rest = report.groups.slice(CHART_SERIES);
  const series = shown.map((g) => ({ name: g.name, values: g.series }));
  if (rest.length > 0)
    series.push({
      name: `other (${rest.length})`,
      values: report.periods.map(
        (_, i) => Math.round(rest.reduce((s, g) => s + (g.series[i] ?? 0), 0) * 1_000_000) / 1_000_000,
      ),
    });
  const r = report.range;
  return {
    title: `Cost by ${r.by}, ${r.from} to ${r.to}`,
    unit: report.currency,
    categories: report.periods,
    series,
  };
}

/** The chart file's kind from its name: .svg or .png, else E-COST-CHART. */
export function chartKind(file: string): 'svg' | 'png' | undefined {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  return ext === 'svg' || ext === 'png' ? ext : undefined;
}
