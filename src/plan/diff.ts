import type { ObservedState } from '../model/observed.js';
import type { OrgModel } from '../model/organization.js';
import { PlanContext } from './context.js';
import { PLANNING_ORDER } from './registry.js';
import type { Change, PlanNote, PlanProblem } from './types.js';

export interface DiffResult {
  changes: Change[];
  problems: PlanProblem[];
  notes: PlanNote[];
}

/**
 * Compares the spec with the observed state: every kind's planner in dependency order, then every
 * kind's deletions in reverse order. Pure: no I/O, same input, same output.
 */
export function diff(desired: OrgModel, observed: ObservedState): DiffResult {
  const ctx = new PlanContext(desired, observed);
  for (const planner of PLANNING_ORDER) planner.diff(ctx);
  for (const planner of [...PLANNING_ORDER].reverse()) planner.removals?.(ctx);
  return { changes: ctx.changes, problems: ctx.problems, notes: ctx.notes };
}
