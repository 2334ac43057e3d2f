import type { ResourceResolver } from '../registry.js';
import { roleKey } from './provision.js';
import { userKey } from './users.js';

/**
 * IAM resources of the caller's account, as in the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html).
 */
const ANY = '*';

const str = (input: Record<string, unknown>, name: string): string | undefined => {
  const v = input[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** The role named by `RoleName`; the path is part of its ARN (from the role, or CreateRole's input, else `/`). */
export const role: ResourceResolver = (input, env) => {
  const name = str(input, 'RoleName');
  if (name === undefined) return ANY;
  const path = env.store.get('roles', roleKey(env.accountId, name))?.path ?? str(input, 'Path') ?? '/';
  return `arn:aws:iam::${env.accountId}:role${path}${name}`;
};

export const user: ResourceResolver = (input, env) => {
  const name = str(input, 'UserName');
  if (name === undefined) return ANY;
  const path = env.store.get('users', userKey(env.accountId, name))?.path ?? str(input, 'Path') ?? '/';
  return `arn:aws:iam::${env.accountId}:user${path}${name}`;
};

export const policyArnInput: ResourceResolver = (input) => str(input, 'PolicyArn') ?? ANY;

/** CreatePolicy: the policy it would create. */
export const newPolicy: ResourceResolver = (input, env) => {
  const name = str(input, 'PolicyName');
  return name === undefined ? ANY : `arn:aws:iam::${env.accountId}:policy${str(input, 'Path') ?? '/'}${name}`;
};

export const policySource: ResourceResolver = (input) => str(input, 'PolicySourceArn') ?? ANY;
