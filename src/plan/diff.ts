import type { ObservedOrg } from '../model/observed.js';
import type { OrgModel } from '../model/organization.js';
import { diffAccounts } from './diff-accounts.js';
import { DiffContext } from './diff-context.js';
import { diffOrganizationalUnits, diffRemovedOrganizationalUnits } from './diff-ous.js';
import { diffPolicies } from './diff-policies.js';
import type { Change, PlanProblem } from './types.js';

export interface DiffResult {
  changes: Change[];
  problems: PlanProblem[];
}

/** Compares the spec with the organization as observed. Pure: no I/O, same input, same output. */
export function diff(desired: OrgModel, observed: ObservedOrg): DiffResult {
  const ctx = new DiffContext(desired, observed);
  const orgDependency: string[] = [];
  if (!observed.organization) {
    ctx.add({
      id: 'organization',
      kind: 'organization',
      key: desired.name,
      label: desired.name,
      action: 'create',
      properties: [{ name: 'featureSet', after: 'ALL' }],
      spec: { featureSet: 'ALL' },
      dependsOn: [],
      destructive: false,
    });
    orgDependency.push('organization');
  }
  diffOrganizationalUnits(ctx, orgDependency);
  diffAccounts(ctx, orgDependency);
  diffPolicies(ctx, orgDependency);
  diffRemovedOrganizationalUnits(ctx);
  return { changes: ctx.changes, problems: ctx.problems };
}
