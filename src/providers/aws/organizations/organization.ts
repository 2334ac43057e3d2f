import { CreateOrganizationCommand, ListRootsCommand } from '@aws-sdk/client-organizations';
import type { KindProvider } from '../provider.js';
import { isOrganizationsRetryable, unlessDone } from './common.js';

/** Creates the organization (all features); its physical id is the root's, which OUs hang from. */
export const organizationProvider: KindProvider<'organization'> = {
  kind: 'organization',
  lane: () => 'organizations',
  isRetryable: isOrganizationsRetryable,
  async apply(_change, { clients }) {
    const org = clients.organizations;
    await unlessDone(
      () => org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' })),
      'AlreadyInOrganizationException',
    );
    const rootId = (await org.send(new ListRootsCommand({}))).Roots?.[0]?.Id;
    return rootId ? { physicalId: rootId } : {};
  },
};
