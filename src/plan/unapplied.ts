import type { OrgModel } from '../model/organization.js';
import type { PlanNote } from './types.js';

/** Parts of the spec this version validates and evaluates but does not create in AWS yet. */
export function unappliedSections(desired: OrgModel): PlanNote[] {
  const notes: PlanNote[] = [];
  if (desired.trail) {
    notes.push({
      code: 'N-TRAIL-NOT-APPLIED',
      message: `organization.trail "${desired.trail.name}" is checked, but this version does not create the trail`,
    });
  }
  return notes;
}
