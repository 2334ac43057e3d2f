import type { ObservedState } from '../../src/model/observed.js';
import { serviceAccessTag, type Ref } from '../../src/model/payloads.js';
import type { KindChange } from '../../src/plan/types.js';

type AuditKind = 'service-access';

/** The audit kinds as the apply simulator carries them out: trusted access with the root tag Bulkhead keeps. */
export function auditRunners(
  state: ObservedState,
  resolve: (ref: Ref) => string,
): { [K in AuditKind]: (c: KindChange<K>) => string | undefined } {
  const root = () => state.organization[0]!.root;
  return {
    'service-access': ({ payload: p }) => {
      if (p.action === 'create') {
        if (resolve(p.root) !== root().id) throw new Error(`no root ${resolve(p.root)}`);
        root().tags[serviceAccessTag(p.principal)] = 'enabled';
        if (!state['service-access'].some((s) => s.principal === p.principal))
          state['service-access'].push({ principal: p.principal });
        return p.principal;
      }
      state['service-access'] = state['service-access'].filter((s) => s.principal !== p.principal);
      delete root().tags[serviceAccessTag(p.principal)];
      return undefined;
    },
  };
}
