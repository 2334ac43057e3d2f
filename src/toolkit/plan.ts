import { readFileSync } from 'node:fs';
import { emit, type IoHost } from '../core/events.js';
import { identityOf, organizationTree, type ObservedState } from '../model/observed.js';
import type { OrgModel } from '../model/organization.js';
import { diff } from '../plan/diff.js';
import { specHash, stateFingerprint } from '../plan/fingerprint.js';
import type { Plan } from '../plan/types.js';
import type { AccessDiff } from './access-diff.js';
import { withConnection, type Connection, type TargetOptions } from './connect.js';
import { refreshOptionsFor } from './refresh.js';
import { checkedRefresh } from './checked-refresh.js';
import { loadValidModel } from './validate.js';

export { loadValidModel };

export { refresh, refreshTree } from './refresh.js';

export interface PlanOptions {
  file: string;
  io: IoHost;
  /** Where to plan against; ignored when `connection` is given. */
  target?: TargetOptions;
  /** An open connection to use (and leave open); otherwise plan connects and disconnects itself. */
  connection?: Connection;
  /** The spec's model when the caller has validated it already (the CLI does, before it connects). */
  model?: OrgModel;
  /** Compute what the plan changes in who can do what (default true). */
  accessDiff?: boolean;
  /** Compare access with this spec instead of the live organization. */
  baseline?: OrgModel;
}

export interface PlanResult {
  plan: Plan;
  model: OrgModel;
  observed: ObservedState;
  /** Who the calls were made as, and in which organization. */
  target: string;
  access?: AccessDiff;
}

/** The plan artefact for a spec and an observed state: pure apart from reading the spec's text. */
export function makePlan(file: string, model: OrgModel, observed: ObservedState, target: string): Plan {
  const { changes, problems, notes } = diff(model, observed);
  return {
    formatVersion: 2,
    createdAt: new Date().toISOString(),
    target,
    specFile: file,
    specHash: specHash(readFileSync(file, 'utf8')),
    stateFingerprint: stateFingerprint(observed),
    changes,
    problems,
    notes,
  };
}

/** Validate → connect → refresh → diff → access diff. Sends no change to AWS. */
export async function plan(options: PlanOptions): Promise<PlanResult> {
  const model = options.model ?? (await loadValidModel(options.file, options.io));
  return withConnection(options, async (connection) => {
    const { target, observed } = await checkedRefresh(connection, model, options.io, refreshOptionsFor(model));
    const planned = makePlan(options.file, model, observed, target);
    let access: AccessDiff | undefined;
    if (options.accessDiff !== false) {
      const { planAccessDiff } = await import('./plan-access.js');
      const { specAtGitHead } = await import('./git-baseline.js');
      const atHead = options.baseline ? undefined : await specAtGitHead(options.file);
      // Unchanged since HEAD: the grid is the committed one, so comparing the spec with itself is right.
      const gridBefore = atHead === 'unchanged' ? model : atHead;
      access = await planAccessDiff(
        planned,
        model,
        organizationTree(observed),
        options.baseline,
        gridBefore,
        identityOf(observed),
      );
    }
    emit(options.io, { type: 'result', code: 'plan.ready', data: { changes: planned.changes.length } });
    return { plan: planned, model, observed, target, ...(access ? { access } : {}) };
  });
}
// Not from plan-file.js: that module brings the schemas of every payload, which only reading a plan needs.
export { writePlanFile } from '../plan/plan-write.js';
