/**
 * `bulkhead check`: the organization scored against the guides' recommendations (src/check). `--from spec` (the
 * default) checks the validated spec; `--from live` reads the live organization through the same refresh as plan
 * and access, and checks what it can observe.
 */
import { accessOrgFromLive, accessOrgFromSpec, type AccessOrg } from '../access/org-view.js';
import { PermissionSetResolver } from '../access/permission-set-policies.js';
import { modelFromLive } from '../check/live-model.js';
import { runCheck } from '../check/run.js';
import type { CheckFact, CheckOptions, CheckReport } from '../check/types.js';
import { BulkheadError, UsageError } from '../core/errors.js';
import type { IoHost } from '../core/events.js';
import { didYouMean, suggest } from '../core/suggest.js';
import { checkManagedPolicies, liveAccessOrg, loadModel } from './access-source.js';
import type { TargetOptions } from './connect.js';
import { awsManagedPolicies } from './managed-policies.js';

export type { CheckReport, Finding, RuleResult, Severity } from '../check/types.js';
export { failsAt } from '../check/score.js';
export { RULES } from '../check/rules/index.js';

export interface CheckRunOptions {
  file: string;
  from?: string;
  target?: TargetOptions;
  io?: IoHost;
  thresholds?: Partial<CheckOptions>;
}

/** What refresh does not read yet: the rules that need it are "not checkable" live. */
const NOT_OBSERVED_LIVE: ReadonlyMap<CheckFact, string> = new Map([
  ['audit', 'not checkable live: refresh does not read CloudTrail, S3 or the security services yet'],
]);

function withoutIdentity(base: AccessOrg): { org: AccessOrg; resolver: PermissionSetResolver } {
  const identity = { users: new Map(), groups: new Map(), permissionSets: new Map(), assignments: [] };
  const org: AccessOrg = { ...base, identity, identitySource: 'identity-center' };
  return { org, resolver: new PermissionSetResolver(identity, awsManagedPolicies()) };
}

export async function check(options: CheckRunOptions): Promise<CheckReport & { description: string }> {
  const from = options.from ?? 'spec';
  if (from !== 'spec' && from !== 'live')
    throw new UsageError(
      `--from must be spec or live, not "${from}"`,
      didYouMean(suggest(from, ['spec', 'live'])) ?? 'use --from spec (the default) or --from live',
    );
  const model = await loadModel(options.file, options.io);
  if (from === 'spec') {
    const resolver = new PermissionSetResolver(model.identity, awsManagedPolicies());
    checkManagedPolicies(model, resolver);
    const access = accessOrgFromSpec(model);
    const report = await runCheck({ source: 'spec', model, access, resolver, unknown: new Map() }, options.thresholds);
    return { ...report, description: `the spec ${options.file}` };
  }
  const { connect } = await import('./connect.js');
  const { refresh } = await import('./refresh.js');
  const { identityOf, organizationTree } = await import('../model/observed.js');
  const io = options.io ?? { notify() {} };
  const connection = await connect(options.target ?? {}, io);
  try {
    const state = await refresh(connection, io, { identity: true, homeRegion: model.homeRegion });
    const observed = organizationTree(state);
    if (observed.organization === undefined)
      throw new BulkheadError('no-organization', `the ${connection.description} has no organization yet`, {
        hint: 'apply the spec first (`bulkhead apply`), or check the spec with --from spec',
      });
    const identity = identityOf(state);
    // No Identity Center is a finding (sso-not-iam-users), not a reason to stop.
    const { org, resolver } =
      identity.center === undefined
        ? withoutIdentity(accessOrgFromLive(observed, model))
        : liveAccessOrg(observed, identity, model, connection.description);
    const live = modelFromLive(observed, org, model);
    const report = await runCheck(
      { source: 'live', model: live, access: org, resolver, unknown: NOT_OBSERVED_LIVE },
      options.thresholds,
    );
    return { ...report, description: `the live organization (${connection.description})` };
  } finally {
    await connection.close();
  }
}
