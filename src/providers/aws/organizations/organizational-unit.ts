import {
  CreateOrganizationalUnitCommand,
  DeleteOrganizationalUnitCommand,
  ListOrganizationalUnitsForParentCommand,
  TagResourceCommand,
  UpdateOrganizationalUnitCommand,
} from '@aws-sdk/client-organizations';
import { allPages } from '../paginate.js';
import type { ApplyOutcome, KindProvider } from '../provider.js';
import { errorName, isOrganizationsRetryable, toTags, unlessDone } from './common.js';

export const organizationalUnitProvider: KindProvider<'organizational-unit'> = {
  kind: 'organizational-unit',
  lane: () => 'organizations',
  isRetryable: isOrganizationsRetryable,
  async apply({ payload }, { clients, resolve }): Promise<ApplyOutcome> {
    const org = clients.organizations;
    switch (payload.action) {
      case 'create': {
        const parentId = resolve(payload.parent);
        try {
          const r = await org.send(
            new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: payload.name, Tags: toTags(payload.tags) }),
          );
          return { physicalId: r.OrganizationalUnit!.Id! };
        } catch (err) {
          if (errorName(err) !== 'DuplicateOrganizationalUnitException') throw err;
          // Created by an earlier, interrupted run: adopt it.
          const existing = await allPages((token) =>
            org
              .send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken: token }))
              .then((r) => ({ items: r.OrganizationalUnits, next: r.NextToken })),
          );
          const id = existing.find((o) => o.Name === payload.name)!.Id!;
          await org.send(new TagResourceCommand({ ResourceId: id, Tags: toTags(payload.tags) }));
          return { physicalId: id };
        }
      }
      case 'update':
        if (payload.rename) {
          await org.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: payload.id, Name: payload.name }));
        }
        await org.send(new TagResourceCommand({ ResourceId: payload.id, Tags: toTags(payload.tags) }));
        return { physicalId: payload.id };
      case 'delete':
        // Not found: deleted by a request whose answer was lost, or by an interrupted run.
        await unlessDone(
          () => org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: payload.id })),
          'OrganizationalUnitNotFoundException',
        );
        return {};
    }
  },
};
