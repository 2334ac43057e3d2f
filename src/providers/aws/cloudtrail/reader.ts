import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import type { ObservedOrganizationTrail } from '../../../model/trail-kinds.js';
import { errorName } from '../organizations/common.js';
import { mapLimit } from '../paginate.js';
import type { ServiceReader } from '../provider.js';
import { cloudTrailOf } from './client.js';

/**
 * The management account's trails whose home is the home region (shadow copies in other regions left out), with
 * whether each is logging. An account without an organization still has its own trails; none is no error.
 */
export const cloudTrailReader: ServiceReader = {
  service: 'cloudtrail',
  kinds: ['organization-trail'],
  afterOthers: true,
  async read(clients, _io, context) {
    // Only a spec with a trail reads CloudTrail: Bulkhead never changes or deletes a trail the spec does not name.
    if (context?.trailBucket === undefined) return { 'organization-trail': [] };
    const ct = cloudTrailOf(clients);
    let trails;
    try {
      trails = (await ct.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList ?? [];
    } catch (err) {
      if (errorName(err) === 'AWSOrganizationsNotInUseException') return { 'organization-trail': [] };
      throw err;
    }
    const own = trails.filter((t) => t.HomeRegion === undefined || t.HomeRegion === clients.homeRegion);
    const observed = await mapLimit(own, 4, async (t): Promise<ObservedOrganizationTrail> => {
      const status = await ct.send(new GetTrailStatusCommand({ Name: t.TrailARN ?? t.Name! }));
      return {
        name: t.Name!,
        arn: t.TrailARN ?? '',
        homeRegion: t.HomeRegion ?? clients.homeRegion,
        bucketName: t.S3BucketName ?? '',
        isOrganizationTrail: t.IsOrganizationTrail === true,
        isMultiRegionTrail: t.IsMultiRegionTrail === true,
        includeGlobalServiceEvents: t.IncludeGlobalServiceEvents === true,
        logFileValidation: t.LogFileValidationEnabled === true,
        ...(t.KmsKeyId ? { kmsKeyId: t.KmsKeyId } : {}),
        isLogging: status.IsLogging === true,
      };
    });
    return { 'organization-trail': observed.sort((a, b) => (a.name < b.name ? -1 : 1)) };
  },
};
