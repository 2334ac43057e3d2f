import {
  CreateTrailCommand,
  StartLoggingCommand,
  UpdateTrailCommand,
  type CloudTrailClient,
} from '@aws-sdk/client-cloudtrail';
import type { OrganizationTrailSettings } from '../../../model/trail-kinds.js';
import { errorName } from '../organizations/common.js';
import type { KindProvider } from '../provider.js';
import { cloudTrailOf } from './client.js';

const settings = (s: OrganizationTrailSettings) => ({
  Name: s.name,
  S3BucketName: s.bucketName,
  IsOrganizationTrail: true,
  IsMultiRegionTrail: s.multiRegion,
  IncludeGlobalServiceEvents: true,
  EnableLogFileValidation: true,
  ...(s.kmsKeyArn ? { KmsKeyId: s.kmsKeyArn } : {}),
});

/**
 * CloudTrail may not see a bucket policy or trusted access that was set a moment ago: these answers are worth
 * another attempt of the change (AWS documents them as conditions that clear once the setup is in place).
 */
const CLOUDTRAIL_RETRYABLE = new Set([
  'InsufficientS3BucketPolicyException',
  'CloudTrailAccessNotEnabledException',
  'OrganizationNotInAllFeaturesModeException',
]);

async function create(ct: CloudTrailClient, s: OrganizationTrailSettings): Promise<void> {
  try {
    await ct.send(new CreateTrailCommand(settings(s)));
  } catch (err) {
    // Created by an earlier, interrupted run: bring it to the spec instead.
    if (errorName(err) !== 'TrailAlreadyExistsException') throw err;
    await ct.send(new UpdateTrailCommand(settings(s)));
  }
}

/** The organization trail in the management account's home region; logging is on once apply is done. */
export const organizationTrailProvider: KindProvider<'organization-trail'> = {
  kind: 'organization-trail',
  lane: () => 'cloudtrail',
  isRetryable: (err) => CLOUDTRAIL_RETRYABLE.has(errorName(err)),
  async apply({ payload }, { clients }) {
    const ct = cloudTrailOf(clients);
    if (payload.action === 'create') await create(ct, payload);
    else if (payload.updateTrail) await ct.send(new UpdateTrailCommand(settings(payload)));
    if (payload.action === 'create' || payload.startLogging)
      await ct.send(new StartLoggingCommand({ Name: payload.name }));
    return { physicalId: payload.name };
  },
};
