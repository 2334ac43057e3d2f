import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/local-cloud/config.js';
import { TABLE_NAMES } from '../../../src/local-cloud/services/all.js';
import { budgetsJobs, EVALUATE_JOB, storeEvaluated } from '../../../src/local-cloud/services/budgets/schedule.js';
import type { BudgetRecord } from '../../../src/local-cloud/services/budgets/tables.js';
import type { HandlerContext, Job } from '../../../src/local-cloud/services/registry.js';
import { Store } from '../../../src/local-cloud/store/store.js';
import { accountCostModel, dailyMicros, dayOf } from '../../../src/local-cloud/usage/synthetic-cost.js';

/*
 * The periodic re-evaluation: armed once by the first write for the next UTC midnight, it recomputes every budget
 * then (the synthetic bill gains a day) and re-arms; a timer left over from before a restart does nothing.
 */
const ACCOUNT = '111122223333';

function context(store: Store, now: number, scheduled: Job[]): HandlerContext {
  return {
    store,
    principal: { accountId: ACCOUNT, arn: '', userId: '', accessKeyId: '', kind: 'root' },
    now,
    requestId: 'r',
    region: 'us-east-1',
    config: resolveConfig({ dataDir: '/nowhere', costSeed: 's' }),
    schedule: (j) => scheduled.push(j),
  };
}

const budget = (now: number): BudgetRecord => ({
  accountId: ACCOUNT,
  name: 'mine',
  budgetType: 'COST',
  timeUnit: 'MONTHLY',
  limit: { Amount: '1', Unit: 'USD' },
  periodStart: Date.UTC(2026, 2, 1),
  periodEnd: Date.UTC(2087, 5, 15),
  createdAt: now,
  updatedAt: now,
  notifications: [],
  tags: {},
  actualMicros: 0,
  forecastMicros: 0,
  evaluatedAt: now,
});

describe('the budgets evaluation job', () => {
  it('runs at the next UTC midnight, adds the new day to the actual spend, and re-arms', () => {
    const store = new Store(TABLE_NAMES);
    store.put('accounts', ACCOUNT, {
      id: ACCOUNT,
      email: 'a@example.com',
      name: 'sandbox-solo',
      status: 'ACTIVE',
      organizationId: null,
      parentId: null,
      joinedMethod: null,
      joinedAt: null,
      createdAt: 0,
    });
    const now = Date.UTC(2026, 2, 10, 15);
    const jobs: Job[] = [];
    const first = storeEvaluated(context(store, now, jobs), budget(now));
    const model = accountCostModel('s', { id: ACCOUNT, name: 'sandbox-solo', tags: {}, management: false });
    const sum = (last: string) => {
      let t = 0;
      for (let d = dayOf('2026-03-01'); d <= dayOf(last); d++) t += dailyMicros(model, d).reduce((a, b) => a + b, 0);
      return t;
    };
    expect(first.actualMicros).toBe(sum('2026-03-10'));
    expect(jobs).toEqual([{ kind: EVALUATE_JOB, key: String(Date.UTC(2026, 2, 11)), at: Date.UTC(2026, 2, 11) }]);
    // A second write does not arm a second timer.
    storeEvaluated(context(store, now + 1000, jobs), budget(now));
    expect(jobs.length).toBe(1);

    const run = budgetsJobs[EVALUATE_JOB]?.run;
    if (run === undefined) throw new Error('no job');
    const next: Job[] = [];
    run('12345', context(store, Date.UTC(2026, 2, 11, 0, 1), next));
    expect(next).toEqual([]);
    expect(store.get('budgets', `${ACCOUNT}|mine`)?.actualMicros).toBe(sum('2026-03-10'));

    run(String(Date.UTC(2026, 2, 11)), context(store, Date.UTC(2026, 2, 11, 0, 1), next));
    expect(store.get('budgets', `${ACCOUNT}|mine`)?.actualMicros).toBe(sum('2026-03-11'));
    expect(next.map((j) => j.at)).toEqual([Date.UTC(2026, 2, 12)]);
    expect(budgetsJobs[EVALUATE_JOB]?.pending(store)).toEqual([
      { key: String(Date.UTC(2026, 2, 12)), at: expect.any(Number) },
    ]);
  });

  it('stays unarmed with no budgets', () => {
    expect(budgetsJobs[EVALUATE_JOB]?.pending(new Store(TABLE_NAMES))).toEqual([]);
  });
});
