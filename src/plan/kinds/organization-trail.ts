import { SERVICE_PRINCIPALS } from '../../model/audit.js';
import type { ObservedOrganizationTrail, OrganizationTrailSettings } from '../../model/trail-kinds.js';
import { changeIds } from '../context.js';
import type { KindPlanner } from '../planner.js';
import type { PropertyChange } from '../types.js';
import { serviceAccessChangeId } from './service-access.js';
import { TRAIL_BUCKET_CHANGE_ID } from './trail-bucket.js';

/** A KMS alias in the spec stands for the key ARN CloudTrail reports: only its presence is compared. */
function kmsDiffers(observed: string | undefined, wanted: string | undefined): boolean {
  if (wanted?.includes(':alias/')) return observed === undefined;
  return (observed ?? '') !== (wanted ?? '');
}

function drift(observed: ObservedOrganizationTrail, want: OrganizationTrailSettings): PropertyChange[] {
  const out: PropertyChange[] = [];
  const flag = (name: string, before: boolean, after: boolean) => {
    if (before !== after) out.push({ name, before, after });
  };
  if (observed.bucketName !== want.bucketName)
    out.push({ name: 'bucket', before: observed.bucketName, after: want.bucketName });
  flag('organization trail', observed.isOrganizationTrail, true);
  flag('multi-region', observed.isMultiRegionTrail, want.multiRegion);
  flag('global service events', observed.includeGlobalServiceEvents, true);
  flag('log file validation', observed.logFileValidation, true);
  if (kmsDiffers(observed.kmsKeyId, want.kmsKeyArn))
    out.push({ name: 'kms key', before: observed.kmsKeyId ?? 'none', after: want.kmsKeyArn ?? 'none' });
  return out;
}

/**
 * The organization trail in the management account's home region: created once trusted access for CloudTrail and
 * the bucket are there, brought back to the spec when it drifted (UpdateTrail), logging switched back on.
 */
export const organizationTrailPlanner: KindPlanner<'organization-trail'> = {
  kind: 'organization-trail',
  after: ['organization', 'service-access', 'trail-bucket'],
  diff(ctx) {
    const trail = ctx.desired.audit?.trail;
    if (!trail) return;
    const want: OrganizationTrailSettings = {
      name: trail.name,
      bucketName: trail.bucketName,
      multiRegion: trail.multiRegion,
      ...(trail.kmsKeyArn ? { kmsKeyArn: trail.kmsKeyArn } : {}),
    };
    const dependsOn = ctx.ifPlanned(
      changeIds.organization,
      ...SERVICE_PRINCIPALS.cloudtrail.map(serviceAccessChangeId),
      TRAIL_BUCKET_CHANGE_ID,
    );
    const common = {
      id: 'organization-trail',
      kind: 'organization-trail',
      key: trail.name,
      label: trail.name,
    } as const;
    const observed = ctx.observed['organization-trail'].find((t) => t.name === trail.name);
    if (observed === undefined) {
      ctx.add({
        ...common,
        action: 'create',
        properties: [
          { name: 'bucket', after: trail.bucketName },
          { name: 'multi-region', after: trail.multiRegion },
          { name: 'log file validation', after: true },
          ...(trail.kmsKeyArn ? [{ name: 'kms key', after: trail.kmsKeyArn }] : []),
          { name: 'logging', after: true },
        ],
        payload: { action: 'create', ...want },
        dependsOn,
        destructive: false,
      });
      return;
    }
    const properties = drift(observed, want);
    const startLogging = !observed.isLogging;
    if (startLogging) properties.push({ name: 'logging', before: false, after: true });
    if (properties.length === 0) return;
    ctx.add({
      ...common,
      action: 'update',
      properties,
      payload: { action: 'update', ...want, updateTrail: properties.length > (startLogging ? 1 : 0), startLogging },
      dependsOn,
      destructive: false,
    });
  },
};
