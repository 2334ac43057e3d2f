import { AttachPolicyCommand, DetachPolicyCommand } from '@aws-sdk/client-organizations';
import type { KindProvider } from '../provider.js';
import { isOrganizationsRetryable, unlessDone } from './common.js';

export const policyAttachmentProvider: KindProvider<'policy-attachment'> = {
  kind: 'policy-attachment',
  lane: () => 'organizations',
  isRetryable: isOrganizationsRetryable,
  async apply({ payload }, { clients, resolve }) {
    const org = clients.organizations;
    if (payload.action === 'attach') {
      const request = { PolicyId: resolve(payload.policy), TargetId: resolve(payload.target) };
      await unlessDone(() => org.send(new AttachPolicyCommand(request)), 'DuplicatePolicyAttachmentException');
    } else {
      const request = { PolicyId: payload.policyId, TargetId: payload.targetId };
      await unlessDone(() => org.send(new DetachPolicyCommand(request)), 'PolicyNotAttachedException');
    }
    return {};
  },
};
