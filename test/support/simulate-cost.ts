import { costAllocationTagMarker } from '../../src/model/cost-kinds.js';
import type { ObservedOrg, ObservedState } from '../../src/model/observed.js';
import type { OrgModel } from '../../src/model/organization.js';
import type { Ref } from '../../src/model/payloads.js';
import type { KindChange } from '../../src/plan/types.js';
import { SimulatedAwsError } from './simulate-apply.js';

/**
 * Cost Explorer's cost-allocation tags right after applying `model` on top of `tree`: every key some account carries
 * is known (Inactive) and the ones the spec wanted are Active (observedAfterApplying marks those on the root).
 */
export function costAfterApplying(model: OrgModel, tree: ObservedOrg): Partial<ObservedState> {
  const wanted = new Set(model.cost?.allocationTags ?? []);
  const onAccounts = new Set(tree.accounts.flatMap((a) => Object.keys(a.tags)));
  const keys = [...new Set([...onAccounts, ...wanted])].sort();
  return {
    'cost-allocation-tag': keys.map((key) => ({
      key,
      type: 'UserDefined',
      status: wanted.has(key) ? 'Active' : 'Inactive',
    })),
  };
}

/** The apply simulator's Cost Explorer: status changes of known keys, and the root marks Bulkhead keeps. */
export function costRunners(
  state: ObservedState,
  resolve: (ref: Ref) => string,
): { 'cost-allocation-tag': (c: KindChange<'cost-allocation-tag'>) => string | undefined } {
  const root = () => state.organization[0]!.root;
  return {
    'cost-allocation-tag': ({ payload: p }) => {
      const tag = state['cost-allocation-tag'].find((t) => t.key === p.key);
      if (!tag) throw new SimulatedAwsError('UnknownTagKey', p.key);
      if (p.status === 'Active') {
        if (resolve(p.root) !== root().id) throw new Error(`no root ${resolve(p.root)}`);
        root().tags[costAllocationTagMarker(p.key)] = p.key;
      } else delete root().tags[p.marker];
      tag.status = p.status;
      return p.status === 'Active' ? p.key : undefined;
    },
  };
}
