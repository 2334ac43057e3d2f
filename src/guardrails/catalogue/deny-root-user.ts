/**
 * deny-root-user: the root user of member accounts can do nothing. AWS's example SCP matches the root user by
 * aws:PrincipalArn `arn:aws:iam::*:root`; Bulkhead matches every partition.
 */
import type { GuardrailDefinition } from '../types.js';
import { denyStatement } from './deny-statement.js';
import { parseNoParameters, type NoParameters } from './no-parameters.js';

export const denyRootUser: GuardrailDefinition<NoParameters> = {
  name: 'deny-root-user',
  summary: "Denies every action to member accounts' root users",
  docPage: 'docs/guardrails/deny-root-user.md',
  parse: parseNoParameters,
  render() {
    return [
      denyStatement('DenyRootUser', { Action: ['*'] }, '*', { ArnLike: { 'aws:PrincipalArn': ['arn:*:iam::*:root'] } }),
    ];
  },
};
