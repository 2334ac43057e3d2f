/** deny-leave-organization: member accounts cannot leave the organization (and so shed its SCPs and its trail). */
import type { GuardrailDefinition } from '../types.js';
import { denyStatement } from './deny-statement.js';
import { parseNoParameters, type NoParameters } from './no-parameters.js';

export const denyLeaveOrganization: GuardrailDefinition<NoParameters> = {
  name: 'deny-leave-organization',
  summary: 'Denies organizations:LeaveOrganization, so member accounts stay under the organization',
  docPage: 'docs/guardrails/deny-leave-organization.md',
  parse: parseNoParameters,
  render() {
    return [denyStatement('DenyLeaveOrganization', { Action: ['organizations:LeaveOrganization'] }, '*', undefined)];
  },
};
