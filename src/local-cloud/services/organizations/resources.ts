import { organizationOf } from '../../authz/scp-chain.js';
import type { ResourceEnv, ResourceResolver } from '../registry.js';
import { accountArn, handshakeArn, ouArn, policyArn, rootArn } from './common.js';

/**
 * Organizations resources, as in the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html):
 * ARNs are built from the input ids of the caller's organization, before the entity is looked up.
 */
const ANY = '*';

const str = (input: Record<string, unknown>, name: string): string | undefined => {
  const v = input[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

function entityArn(env: ResourceEnv, id: string | undefined): string {
  const { store } = env;
  const org = organizationOf(store, env.accountId);
  if (org === undefined || id === undefined) return ANY;
  if (id.startsWith('r-')) return rootArn(org, id);
  if (id.startsWith('ou-')) return ouArn(org, id);
  if (id.startsWith('p-')) {
    const p = store.get('policies', id);
    if (p !== undefined) return policyArn(org, p);
    return `arn:aws:organizations::${org.managementAccountId}:policy/${org.id}/service_control_policy/${id}`;
  }
  if (/^\d{12}$/.test(id)) return accountArn(org, id);
  return ANY;
}

/** The root, OU, account or policy named by the input member `member`. */
export const orgEntity =
  (member: string): ResourceResolver =>
  (input, env) =>
    entityArn(env, str(input, member));

/** The handshake named by `HandshakeId`. */
export const handshake: ResourceResolver = (input, env) => {
  const org = organizationOf(env.store, env.accountId);
  const id = str(input, 'HandshakeId');
  return org === undefined || id === undefined ? ANY : handshakeArn(org, id);
};
