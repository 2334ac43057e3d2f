import {
  CreatePolicyCommand,
  DeletePolicyCommand,
  ListPoliciesCommand,
  TagResourceCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { allPages } from '../paginate.js';
import type { ApplyOutcome, KindProvider } from '../provider.js';
import { errorName, isOrganizationsRetryable, toTags, unlessDone } from './common.js';

export const policyProvider: KindProvider<'policy'> = {
  kind: 'policy',
  lane: () => 'organizations',
  isRetryable: isOrganizationsRetryable,
  async apply({ payload }, { clients }): Promise<ApplyOutcome> {
    const org = clients.organizations;
    switch (payload.action) {
      case 'create': {
        const { name, description, content, tags } = payload;
        try {
          const r = await org.send(
            new CreatePolicyCommand({
              Name: name,
              Description: description,
              Content: content,
              Type: 'SERVICE_CONTROL_POLICY',
              Tags: toTags(tags),
            }),
          );
          return { physicalId: r.Policy!.PolicySummary!.Id! };
        } catch (err) {
          if (errorName(err) !== 'DuplicatePolicyException') throw err;
          // Created by an earlier, interrupted run: adopt it and bring it up to date.
          const all = await allPages((token) =>
            org
              .send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', NextToken: token }))
              .then((r) => ({ items: r.Policies, next: r.NextToken })),
          );
          const id = all.find((p) => p.Name === name)!.Id!;
          await org.send(new UpdatePolicyCommand({ PolicyId: id, Description: description, Content: content }));
          return { physicalId: id };
        }
      }
      case 'update':
        await org.send(
          new UpdatePolicyCommand({ PolicyId: payload.id, Description: payload.description, Content: payload.content }),
        );
        await org.send(new TagResourceCommand({ ResourceId: payload.id, Tags: toTags(payload.tags) }));
        return { physicalId: payload.id };
      case 'delete':
        await unlessDone(() => org.send(new DeletePolicyCommand({ PolicyId: payload.id })), 'PolicyNotFoundException');
        return {};
    }
  },
};
