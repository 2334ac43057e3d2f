import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { stateOfTree, type ObservedState } from '../../src/model/observed.js';
import type { OrgModel } from '../../src/model/organization.js';
import { diff } from '../../src/plan/diff.js';
import { withinPlan } from '../../src/toolkit/within-plan.js';
import {
  auditAfterApplying,
  budgetsAfterApplying,
  identityAfterApplying,
  observedAfterApplying,
  securityAfterApplying,
} from '../support/simulate-observed.js';
import { quotasAfterApplying } from '../support/simulate-quotas.js';
import { costAfterApplying } from '../support/simulate-cost.js';

// What the apply lock accepts when the organization moved on between the refresh and the lock: the plan narrowed
// by what finished meanwhile, and nothing else. From the add-account case: acme-qa is new, in NonProd.
const CASE = join(import.meta.dirname, '..', 'cases', 'plan', 'add-account');

async function modelOf(file: string): Promise<OrgModel> {
  const r = await validateSpecFile(join(CASE, file));
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.model!;
}

describe('withinPlan', async () => {
  const before = await modelOf('before.yaml');
  const now = await modelOf('org.yaml');
  const tree = observedAfterApplying(before);
  const qa = now.accounts.get('acme-qa')!;
  /** The state beside the organization tree (identity, security, audit, cost, budgets, quotas) as applied. */
  const rest = {
    ...identityAfterApplying(before, tree),
    ...securityAfterApplying(before, tree),
    ...auditAfterApplying(before, tree),
    ...costAfterApplying(before, tree),
    ...budgetsAfterApplying(before, tree),
    ...quotasAfterApplying(before, now, tree, []),
  };
  const state = (t: typeof tree): ObservedState => ({ ...stateOfTree(t), ...rest });
  /** The organization while an interrupted apply's CreateAccount of acme-qa still runs. */
  const creating = state({ ...tree, pendingCreates: [{ requestId: 'car-1', accountName: qa.name, email: qa.email }] });
  const root = tree.root!.id;
  const nonProd = tree.organizationalUnits.find((o) => o.path === 'Workloads/NonProd')!.id;
  /** The same organization once that CreateAccount finished: the account exists, in the root. */
  const created = (parentId: string, tags: Record<string, string> = { environment: 'qa', 'managed-by': 'bulkhead' }) =>
    state({
      ...tree,
      accounts: [
        ...tree.accounts,
        { id: '299999999999', arn: 'arn:qa', name: qa.name, email: qa.email, status: 'ACTIVE', parentId, tags },
      ],
    });

  it('takes the move to its OU for the confirmed creation that resumed the request', () => {
    const confirmed = diff(now, creating).changes;
    expect(confirmed.map((c) => `${c.action} ${c.label}`)).toEqual(['create acme-qa']);
    const create = confirmed.find((c) => c.kind === 'account' && c.action === 'create');
    expect((create?.payload as { pendingRequestId?: string }).pendingRequestId).toBe('car-1');
    const narrowed = withinPlan(now, created(root), confirmed);
    expect(narrowed?.map((c) => `${c.action} ${c.label}`)).toEqual(['move acme-qa']);
  });

  it('refuses the same move when the confirmed creation was a new request, not a resumed one', () => {
    const confirmed = diff(now, state(tree)).changes;
    expect(withinPlan(now, created(root), confirmed)).toBeUndefined();
  });

  it('has nothing left to do when the account landed where the creation would have put it', () => {
    expect(withinPlan(now, created(nonProd), diff(now, creating).changes)).toEqual([]);
  });
});
