import {
  DisableAWSServiceAccessCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-organizations';
import type { ObservedServiceAccess } from '../../../model/observed.js';
import { serviceAccessTag } from '../../../model/payloads.js';
import { allPages } from '../paginate.js';
import type { KindProvider, ServiceReader } from '../provider.js';
import { errorName, isOrganizationsRetryable } from './common.js';

/**
 * Trusted access for a service principal. Enabling tags the root first and then enables: an apply killed in between
 * leaves a tag without access, which the next plan enables again; the other order could leave access Bulkhead
 * enabled but no longer recognises as its own. Enabling or disabling twice is no error in AWS.
 */
export const serviceAccessProvider: KindProvider<'service-access'> = {
  kind: 'service-access',
  lane: () => 'organizations',
  isRetryable: isOrganizationsRetryable,
  async apply({ payload }, { clients, resolve }) {
    const org = clients.organizations;
    const tag = serviceAccessTag(payload.principal);
    if (payload.action === 'create') {
      await org.send(
        new TagResourceCommand({ ResourceId: resolve(payload.root), Tags: [{ Key: tag, Value: 'enabled' }] }),
      );
      await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: payload.principal }));
      return { physicalId: payload.principal };
    }
    await org.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: payload.principal }));
    await org.send(new UntagResourceCommand({ ResourceId: payload.rootId, TagKeys: [tag] }));
    return {};
  },
};

/** The service principals with trusted access; none while the management account has no organization. */
export const serviceAccessReader: ServiceReader = {
  service: 'organizations-service-access',
  kinds: ['service-access'],
  afterOthers: true,
  async read(clients, _io, context) {
    // Read when the spec needs trusted access, or the root says Bulkhead enabled some (then it may disable it).
    const tags = Object.keys(context?.prior?.organization[0]?.root.tags ?? {});
    const marked = tags.some((t) => t.startsWith(serviceAccessTag('')));
    if (context?.serviceAccess !== true && !marked) return { 'service-access': [] };
    try {
      const enabled = await allPages((token) =>
        clients.organizations
          .send(new ListAWSServiceAccessForOrganizationCommand({ NextToken: token }))
          .then((r) => ({ items: r.EnabledServicePrincipals, next: r.NextToken })),
      );
      const observed: ObservedServiceAccess[] = enabled.map((s) => ({
        principal: s.ServicePrincipal!,
        ...(s.DateEnabled ? { dateEnabled: s.DateEnabled.toISOString() } : {}),
      }));
      return { 'service-access': observed.sort((a, b) => (a.principal < b.principal ? -1 : 1)) };
    } catch (err) {
      if (errorName(err) === 'AWSOrganizationsNotInUseException') return { 'service-access': [] };
      throw err;
    }
  },
};
