/**
 * Where `bulkhead access` reads the organization from: the spec alone (`--from spec`, no AWS calls), or the live
 * organization: its OU tree, SCPs and IAM Identity Center (users, groups, permission sets, assignments) with
 * `--from live`.
 */
import { withLiveIdentity } from '../access/live-identity.js';
import { accessOrgFromLive, accessOrgFromSpec, type AccessOrg } from '../access/org-view.js';
import type { ObservedOrg } from '../model/observed.js';
import type { ObservedIdentity } from '../model/observed-identity.js';
import { PermissionSetResolver } from '../access/permission-set-policies.js';
import { awsManagedPolicies } from './managed-policies.js';
import { BulkheadError, UsageError } from '../core/errors.js';
import type { IoHost } from '../core/events.js';
import { didYouMean, suggest } from '../core/suggest.js';
import type { OrgModel } from '../model/organization.js';
import type { TargetOptions } from './connect.js';
import { validate } from './validate.js';

export interface AccessSourceOptions {
  /** The spec (org.yaml); its identity part is used in both modes. */
  file: string;
  /** `spec` (default) or `live`. */
  from?: string;
  /** For `--from live`: where the organization is. */
  target?: TargetOptions;
  io?: IoHost;
}

export interface LoadedAccessOrg {
  org: AccessOrg;
  model: OrgModel;
  resolver: PermissionSetResolver;
  /** Where the OU tree and SCPs came from, e.g. `the spec org.yaml` or `the local cloud at …`. */
  description: string;
}

/** Validates the spec; errors stop the command (the diagnostics go to the IO host). */
export async function loadModel(file: string, io?: IoHost): Promise<OrgModel> {
  const result = await validate(io === undefined ? { file } : { file, io });
  if (result.model === undefined) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    throw new BulkheadError(
      'spec-invalid',
      `${file} has ${errors.length} error${errors.length === 1 ? '' : 's'}${first ? ` (first: ${first.code} ${first.message})` : ''}`,
      {
        hint: `fix them (\`bulkhead validate -f ${file}\`) and ask again`,
      },
    );
  }
  return result.model;
}

/** Fails with the unknown managed policy names of the permission sets, each with close alternatives. */
export function checkManagedPolicies(model: OrgModel, resolver: PermissionSetResolver): void {
  for (const name of model.identity.permissionSets.keys()) resolver.get(name);
  const problem = resolver.problems[0];
  if (problem === undefined) return;
  const all = resolver.problems.map((p) => `"${p.policy}" (permission set ${p.permissionSet})`).join(', ');
  throw new BulkheadError('unknown-managed-policy', `AWS has no managed policy ${all}`, {
    hint:
      didYouMean(problem.suggestions) ??
      'managed policy names are case-sensitive, as in IAM (e.g. PowerUserAccess, ReadOnlyAccess, ViewOnlyAccess, SecurityAudit)',
  });
}

/**
 * The live organization as the access questions see it, identity from IAM Identity Center. No instance in the home
 * region is an error: there is no live identity to answer from.
 */
export function liveAccessOrg(
  observed: ObservedOrg,
  identity: ObservedIdentity,
  model: OrgModel,
  where: string,
): { org: AccessOrg; resolver: PermissionSetResolver } {
  if (identity.center === undefined)
    throw new BulkheadError(
      'no-identity-center',
      `the ${where} has no IAM Identity Center instance in ${model.homeRegion}, so there is no live identity to answer from`,
      {
        hint:
          model.identity.permissionSets.size > 0
            ? 'apply the spec (`bulkhead apply`) to enable it and create the identity, or ask with --from spec'
            : 'enable IAM Identity Center in the home region and assign permission sets, or ask with --from spec',
      },
    );
  const org = withLiveIdentity(accessOrgFromLive(observed, model), identity);
  return { org, resolver: new PermissionSetResolver(org.identity, awsManagedPolicies()) };
}

export async function loadAccessOrg(options: AccessSourceOptions): Promise<LoadedAccessOrg> {
  const from = options.from ?? 'spec';
  if (from !== 'spec' && from !== 'live')
    throw new UsageError(
      `--from must be spec or live, not "${from}"`,
      didYouMean(suggest(from, ['spec', 'live'])) ?? 'use --from spec (the default) or --from live',
    );
  const model = await loadModel(options.file, options.io);
  const resolver = new PermissionSetResolver(model.identity, awsManagedPolicies());
  checkManagedPolicies(model, resolver);
  if (from === 'spec')
    return { org: accessOrgFromSpec(model), model, resolver, description: `the spec ${options.file}` };
  const { connect } = await import('./connect.js');
  const { refresh } = await import('./refresh.js');
  const { identityOf, organizationTree } = await import('../model/observed.js');
  const io = options.io ?? { notify() {} };
  const connection = await connect(options.target ?? {}, io);
  try {
    const state = await refresh(connection, io, { identity: true, homeRegion: model.homeRegion });
    const observed = organizationTree(state);
    if (observed.organization === undefined) {
      throw new BulkheadError('no-organization', `the ${connection.description} has no organization yet`, {
        hint: 'apply the spec first (`bulkhead apply`), or ask with --from spec',
      });
    }
    const live = liveAccessOrg(observed, identityOf(state), model, connection.description);
    return {
      ...live,
      model,
      description: `the live organization (${connection.description}), identity from IAM Identity Center`,
    };
  } finally {
    await connection.close();
  }
}
