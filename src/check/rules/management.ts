import { activeAccounts, hostedBy, isManagement, kindOf } from '../facts.js';
import type { CheckRule } from '../types.js';
import { WORKLOAD_KINDS } from '../../model/environment.js';

export const workloadsInManagement: CheckRule = {
  id: 'workloads-in-management',
  title: 'No workloads in the management account',
  severity: 'error',
  weight: 10,
  check(model) {
    return activeAccounts(model)
      .filter((a) => isManagement(model, a))
      .flatMap((a) =>
        hostedBy(a).map((environment) => {
          const kind = kindOf(model, environment);
          const workload = kind !== undefined && WORKLOAD_KINDS.includes(kind);
          return {
            severity: workload ? ('error' as const) : ('warning' as const),
            subject: { type: 'environment' as const, name: environment },
            message: `environment "${environment}"${kind ? ` (${kind})` : ''} runs in the management account ${a.name}`,
            why: 'Guardrails (SCPs) never apply to the management account, and whoever can deploy there can change the whole organization.',
            fix: `accounts:\n  - name: ${model.name}-${environment}\n    email: aws+${environment}@example.com\n    environment: ${environment}`,
          };
        }),
      );
  },
};
