import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { stateOfTree } from '../../src/model/observed.js';
import { diff } from '../../src/plan/diff.js';
import { simulateApply } from '../support/simulate-apply.js';
import { budgetsAfterApplying, observedAfterApplying } from '../support/simulate-observed.js';

const CASES = join(import.meta.dirname, '..', 'cases', 'plan');
const model = async (c: string, f: string) => (await validateSpecFile(join(CASES, c, f))).model!;

async function start(c: string) {
  const before = await model(c, 'before.yaml');
  const tree = observedAfterApplying(before);
  return { ...stateOfTree(tree), ...budgetsAfterApplying(before, tree) };
}

describe('budget planner', () => {
  it('waits for an account created by the same plan and refers to it by address', async () => {
    const { changes } = diff(await model('budgets-new-account', 'org.yaml'), await start('budgets-new-account'));
    const bob = changes.find((c) => c.id === 'budget:sandbox-bob-monthly')!;
    expect(bob.dependsOn).toEqual(['account:aws+sandbox-bob@example.com']);
    expect(bob.payload).toMatchObject({
      action: 'create',
      accounts: [{ address: { kind: 'account', key: 'aws+sandbox-bob@example.com' } }],
      managementAccountId: '111111111111',
      tags: { 'managed-by': 'bulkhead' },
    });
    expect((bob.payload as { accounts: { id?: string }[] }).accounts[0]!.id).toBeUndefined();
    const prod = changes.find((c) => c.id === 'budget:prod-monthly')!;
    expect(prod.dependsOn).toEqual([]);
    expect(prod.payload).toMatchObject({ accounts: [{ id: '200000000000' }] });
  });

  it('a changed budget, carried out, leaves nothing to plan', async () => {
    const desired = await model('budgets-changed', 'org.yaml');
    const state = await start('budgets-changed');
    // Only the organization and the budgets are observed here: the other kinds' creates are not this test's.
    const budgets = diff(desired, state).changes.filter((c) => c.kind === 'budget');
    expect(budgets.map((c) => c.payload)).toMatchObject([
      {
        action: 'update',
        updateBudget: true,
        addAlerts: [{ type: 'ACTUAL', threshold: 50 }],
        removeAlerts: [{ type: 'ACTUAL', threshold: 80 }],
        subscriberChanges: [
          { add: [{ type: 'SNS', address: 'arn:aws:sns:eu-west-1:111111111111:budget-alerts' }], remove: [] },
          { add: [{ type: 'SNS' }], remove: [] },
        ],
      },
    ]);
    const after = simulateApply(state, budgets, {
      managementAccount: { id: '111111111111', name: 'acme-management', email: 'aws+management@example.com' },
    });
    expect(diff(desired, after).changes.filter((c) => c.kind === 'budget')).toEqual([]);
  });

  it('plans nothing for budgets when the model has no cost part (a model built from the live organization)', async () => {
    const { cost: _cost, ...desired } = await model('budgets-removed', 'org.yaml');
    const state = await start('budgets-removed');
    expect(diff(desired, state).changes.filter((c) => c.kind === 'budget')).toEqual([]);
  });
});
