/**
 * Whether the guardrails (SCPs) deny an action in an account, asked of Bulkhead's evaluator with an identity that
 * allows everything. Asking for the effect rather than for a guardrail's name finds hand-written SCPs that do the
 * same job, and works the same on the live organization.
 */
import type { ActionInfo } from '../access/action-info.js';
import { isAllowed } from '../access/evaluate.js';
import type { AccessAccount, AccessOrg } from '../access/org-view.js';
import { guardrailSetFor, requestFor } from '../access/org-queries.js';

/** A workload's role, not one a guardrail exempts (Bulkhead's, Identity Center's, CI's). */
const PROBE_ROLE = 'bulkhead-check-workload';

function actionOf(action: string): ActionInfo {
  const [service = '', name = ''] = action.split(':');
  return { action, service, accessLevel: 'Write', actionClass: /^(Get|List|Describe)/.test(name) ? 'read' : 'write' };
}

export interface Probe {
  action: string;
  region: string;
  resource?: string;
}

export function guardrailsDeny(org: AccessOrg, account: AccessAccount, probe: Probe): boolean {
  const request = requestFor(
    org,
    account,
    PROBE_ROLE,
    'check',
    { action: actionOf(probe.action), region: probe.region },
    probe.resource ?? '*',
  );
  return !isAllowed(request, guardrailSetFor(account));
}

/** The member accounts of `names` where none of the probes is denied (management: SCPs never apply). */
export function unguarded(org: AccessOrg, names: ReadonlySet<string>, probes: readonly Probe[]): string[] {
  return org.accounts
    .filter((a) => !a.isManagementAccount && names.has(a.name))
    .filter((a) => !probes.some((p) => guardrailsDeny(org, a, p)))
    .map((a) => a.name);
}
