import type { Kind } from '../../model/kinds.js';
import {
  accountProvider,
  organizationalUnitProvider,
  organizationProvider,
  organizationsReader,
  policyAttachmentProvider,
  policyProvider,
  policyTypeProvider,
} from './organizations/index.js';
import type { KindProvider, ServiceReader } from './provider.js';

/** One AWS provider per kind. */
export const PROVIDERS: { readonly [K in Kind]: KindProvider<K> } = {
  organization: organizationProvider,
  'policy-type': policyTypeProvider,
  'organizational-unit': organizationalUnitProvider,
  account: accountProvider,
  policy: policyProvider,
  'policy-attachment': policyAttachmentProvider,
};

/** Every service's reader; together they observe every kind. */
export const READERS: readonly ServiceReader[] = [organizationsReader];
