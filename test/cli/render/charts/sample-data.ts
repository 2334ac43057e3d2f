import type { ChartData } from '../../../../src/cli/render/charts/types.js';

/** `count` days from 2026-01-01 as category labels. */
export function days(count: number): string[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** Three environments over `count` days: prod 100 a day, staging 40, dev 10 with every third day 0. */
export function environments(count: number): ChartData {
  return {
    title: 'Cost by environment',
    unit: 'USD',
    categories: days(count),
    series: [
      { name: 'prod', values: days(count).map(() => 100) },
      { name: 'staging', values: days(count).map(() => 40) },
      { name: 'dev', values: days(count).map((_, i) => (i % 3 === 0 ? 0 : 10)) },
    ],
  };
}
