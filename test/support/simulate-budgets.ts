import type { ObservedState } from '../../src/model/observed.js';
import type { Ref } from '../../src/model/payloads.js';
import type { KindChange } from '../../src/plan/types.js';
import { SimulatedAwsError } from './simulate-apply.js';
import { notificationOf } from './simulate-observed.js';

/** The budget kind as the apply simulator carries it out, refusing what AWS Budgets refuses. */
export function budgetRunners(
  state: ObservedState,
  resolve: (ref: Ref) => string,
): { budget: (c: KindChange<'budget'>) => string | undefined } {
  const find = (name: string) => {
    const found = state.budget.find((b) => b.name === name);
    if (!found) throw new SimulatedAwsError('NotFoundException', `budget ${name}`);
    return found;
  };
  return {
    budget: ({ payload: p }) => {
      if (p.action === 'delete') {
        find(p.name);
        state.budget = state.budget.filter((b) => b.name !== p.name);
        return undefined;
      }
      const settings = {
        limit: p.limit,
        currency: p.currency,
        period: p.period,
        accountIds: p.accounts.map(resolve).sort(),
      };
      if (p.action === 'create') {
        if (state.budget.some((b) => b.name === p.name))
          throw new SimulatedAwsError('DuplicateRecordException', p.name);
        state.budget.push({
          name: p.name,
          budgetType: 'COST',
          ...settings,
          notifications: p.alerts.map((a) => notificationOf(a.type, a.threshold, p.subscribers)),
          tags: p.tags,
        });
        return p.name;
      }
      const budget = find(p.name);
      if (p.updateBudget) Object.assign(budget, settings, { budgetType: 'COST' });
      budget.notifications = budget.notifications.filter(
        (n) => !p.removeAlerts.some((r) => r.type === n.type && r.threshold === n.threshold),
      );
      for (const a of p.addAlerts) budget.notifications.push(notificationOf(a.type, a.threshold, p.subscribers));
      for (const change of p.subscriberChanges) {
        const n = budget.notifications.find(
          (x) => x.type === change.alert.type && x.threshold === change.alert.threshold,
        );
        if (!n) throw new SimulatedAwsError('NotFoundException', 'notification');
        n.subscribers = [
          ...n.subscribers.filter((s) => !change.remove.some((r) => r.address === s.address)),
          ...change.add,
        ];
        if (n.subscribers.length === 0) throw new SimulatedAwsError('InvalidParameterException', 'no subscribers');
      }
      return p.name;
    },
  };
}
