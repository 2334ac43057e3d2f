import type { ServiceReader } from '../provider.js';
import { readOrganizations } from './reader.js';

export { accountProvider } from './account.js';
export { organizationProvider } from './organization.js';
export { organizationalUnitProvider } from './organizational-unit.js';
export { policyAttachmentProvider } from './policy-attachment.js';
export { policyProvider } from './policy.js';
export { policyTypeProvider } from './policy-type.js';
export { ChangeFailedError } from './common.js';

/** Organizations returns the organization, OUs, accounts, SCPs and attachments in one walk. */
export const organizationsReader: ServiceReader = {
  service: 'organizations',
  kinds: ['organization', 'policy-type', 'organizational-unit', 'account', 'policy', 'policy-attachment'],
  read: (clients) => readOrganizations(clients.organizations),
};
