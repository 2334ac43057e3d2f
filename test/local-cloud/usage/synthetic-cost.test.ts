import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  accountCostModel,
  dailyMicros,
  dayOf,
  expectedDailyMicros,
  microsToAmount,
  type CostAccountInput,
} from '../../../src/local-cloud/usage/synthetic-cost.js';

const account = (id: string, name: string, environment?: string): CostAccountInput => ({
  id,
  name,
  tags: environment === undefined ? {} : { environment },
  management: false,
});

const monthMicros = (a: CostAccountInput, month: string, seed = 'bulkhead'): number => {
  const model = accountCostModel(seed, a);
  const start = dayOf(`${month}-01`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const end = dayOf(new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10));
  let total = 0;
  for (let d = start; d < end; d++) for (const v of dailyMicros(model, d)) total += v;
  return total;
};

describe('synthetic cost', () => {
  it('ranks environments: prod above staging above dev above a sandbox, each month', () => {
    for (const month of ['2026-02', '2026-07', '2026-11']) {
      const prod = monthMicros(account('111111111111', 'acme-prod', 'prod'), month);
      const staging = monthMicros(account('222222222222', 'acme-staging', 'staging'), month);
      const dev = monthMicros(account('333333333333', 'acme-dev', 'dev'), month);
      const sandbox = monthMicros(account('444444444444', 'sandbox-ana', 'sandbox-ana'), month);
      expect(prod).toBeGreaterThan(staging);
      expect(staging).toBeGreaterThan(dev);
      expect(dev).toBeGreaterThan(sandbox);
      expect(sandbox).toBeGreaterThan(0);
    }
  });

  it('is quieter on weekends and spikes on the last two days of a month in prod', () => {
    const model = accountCostModel('bulkhead', account('111111111111', 'acme-prod'));
    const sum = (day: string): number => dailyMicros(model, dayOf(day)).reduce((a, b) => a + b, 0);
    // 2026-11-14 is a Saturday, 2026-11-11 a Wednesday; 2026-11-30 the last day of November.
    expect(sum('2026-11-14')).toBeLessThan(sum('2026-11-11'));
    expect(sum('2026-11-30')).toBeGreaterThan(sum('2026-11-26') * 1.2);
  });

  it('depends on the seed and the account, and on nothing else', () => {
    const a = account('111111111111', 'acme-prod');
    expect(monthMicros(a, '2026-10')).toBe(monthMicros({ ...a }, '2026-10'));
    expect(monthMicros(a, '2026-10', 'other-seed')).not.toBe(monthMicros(a, '2026-10'));
    expect(monthMicros(account('111111111112', 'acme-prod'), '2026-10')).not.toBe(monthMicros(a, '2026-10'));
  });

  it('forecasts without noise, close to the actual month', () => {
    const a = account('333333333333', 'dev');
    const model = accountCostModel('bulkhead', a);
    let expected = 0;
    for (let d = dayOf('2026-10-01'); d < dayOf('2026-11-01'); d++) expected += expectedDailyMicros(model, d);
    const actual = monthMicros(a, '2026-10');
    expect(Math.abs(expected - actual) / actual).toBeLessThan(0.05);
  });

  it('writes amounts as decimal strings', () => {
    expect(microsToAmount(0)).toBe('0.000000');
    expect(microsToAmount(1_234_567)).toBe('1.234567');
    expect(microsToAmount(-5)).toBe('-0.000005');
  });

  // Exact monthly totals per account, kept in fixtures so a change to the model is seen and reviewed
  // (UPDATE_SYNTHETIC_COST=1 rewrites them).
  const dir = join(import.meta.dirname, '../../cases/synthetic-cost');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(`matches the reviewed totals in ${file}`, () => {
      const fixture = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        seed: string;
        month: string;
        accounts: (CostAccountInput & { total?: string })[];
      };
      const actual = fixture.accounts.map((a) => ({
        ...a,
        total: microsToAmount(monthMicros(a, fixture.month, fixture.seed)),
      }));
      if (process.env['UPDATE_SYNTHETIC_COST'] === '1')
        writeFileSync(join(dir, file), `${JSON.stringify({ ...fixture, accounts: actual }, null, 2)}\n`);
      expect(actual.map((a) => a.total)).toEqual(fixture.accounts.map((a) => a.total));
    });
  }
});
