import type { OrgModel } from '../model/organization.js';
import type { PlanNote } from './types.js';

/** Parts of the spec this version validates and evaluates but does not create in AWS yet. */
export function unappliedSections(desired: OrgModel): PlanNote[] {
  const notes: PlanNote[] = [];
  const { users, groups, permissionSets } = desired.identity;
  if (users.size + groups.size + permissionSets.size > 0) {
    notes.push({
      code: 'N-IDENTITY-NOT-APPLIED',
      message:
        `identity (${users.size} users, ${groups.size} groups, ${permissionSets.size} permission sets) is checked ` +
        'and used by `bulkhead access`, but this version does not create it in IAM Identity Center',
    });
  }
  if (desired.trail) {
    notes.push({
      code: 'N-TRAIL-NOT-APPLIED',
      message: `organization.trail "${desired.trail.name}" is checked, but this version does not create the trail`,
    });
  }
  return notes;
}
