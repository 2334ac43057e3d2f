/**
 * deny-iam-users: no IAM users with long-lived credentials; people sign in through IAM Identity Center. Creating
 * users, access keys and console passwords (login profiles) is denied; roles are untouched.
 */
import type { GuardrailDefinition } from '../types.js';
import { denyStatement } from './deny-statement.js';
import { parseNoParameters, type NoParameters } from './no-parameters.js';

export const IAM_USER_ACTIONS: readonly string[] = [
  'iam:CreateUser',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
];

export const denyIamUsers: GuardrailDefinition<NoParameters> = {
  name: 'deny-iam-users',
  summary: 'Denies creating IAM users, access keys and console passwords',
  docPage: 'docs/guardrails/deny-iam-users.md',
  parse: parseNoParameters,
  render() {
    return [denyStatement('DenyIamUsers', { Action: [...IAM_USER_ACTIONS] }, '*', undefined)];
  },
};
