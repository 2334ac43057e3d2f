import { EnablePolicyTypeCommand } from '@aws-sdk/client-organizations';
import type { KindProvider } from '../provider.js';
import { isOrganizationsRetryable, unlessDone } from './common.js';

export const policyTypeProvider: KindProvider<'policy-type'> = {
  kind: 'policy-type',
  lane: () => 'organizations',
  isRetryable: isOrganizationsRetryable,
  async apply({ payload }, { clients, resolve }) {
    await unlessDone(
      () =>
        clients.organizations.send(
          new EnablePolicyTypeCommand({ RootId: resolve(payload.root), PolicyType: payload.type }),
        ),
      'PolicyTypeAlreadyEnabledException',
    );
    return {};
  },
};
