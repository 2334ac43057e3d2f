/**
 * Where the entitlements come from: the live organization (its IAM Identity Center) when it exists, else
 * the spec's access grid, said so. Also what the live side tells about signing in: the instance's start
 * URL and Region, the organization id, and for the local cloud and other endpoints the endpoint itself.
 */
import { resolve } from 'node:path';
import { BulkheadError, UsageError } from '../../core/errors.js';
import type { IoHost } from '../../core/events.js';
import { didYouMean, suggest } from '../../core/suggest.js';
import { DEFAULT_DATA_DIR, DEFAULT_PORT } from '../../local-cloud/defaults.js';
import type { ObservedAccount } from '../../model/observed.js';
import type { ObservedIdentity } from '../../model/observed-identity.js';
import type { OrgModel } from '../../model/organization.js';
import { resolveTargetRequest } from '../../providers/aws/target-request.js';
import type { TargetOptions } from '../connect.js';

export type ProfileSource = 'spec' | 'live';

export interface LiveView {
  identity: ObservedIdentity;
  accounts: ObservedAccount[];
  organizationId: string;
}

export interface SourceChoice {
  source: ProfileSource;
  /** Said to the user: where the entitlements came from, and why. */
  note: string;
  live?: LiveView;
  /** The target's kind and, for the local cloud and endpoints, where it listens. */
  targetKind: 'local' | 'aws' | 'endpoint';
  endpoint?: string;
  /** The Region of the Identity Center instance (live) or the target's (spec). */
  region?: string;
}

export function checkFrom(from: string | undefined): ProfileSource | undefined {
  if (from === undefined || from === 'spec' || from === 'live') return from;
  throw new UsageError(
    `--from must be spec or live, not "${from}"`,
    didYouMean(suggest(from, ['spec', 'live'])) ?? 'leave it out to read the live organization when it exists',
  );
}

async function readLive(model: OrgModel, target: TargetOptions, io: IoHost) {
  const { connect } = await import('../connect.js');
  const { refresh } = await import('../refresh.js');
  const { identityOf, organizationTree } = await import('../../model/observed.js');
  const { locateInstanceRegion } = await import('../../providers/aws/identity-center/index.js');
  const { COMMERCIAL_REGIONS } = await import('../../model/regions.js');
  const connection = await connect(target, io);
  try {
    let state = await refresh(connection, io, { identity: true, homeRegion: model.homeRegion });
    if (state.organization.length > 0 && state['identity-center'].length === 0) {
      // The spec's home region may be wrong for an organization set up by hand: look where the instance is.
      const found = await locateInstanceRegion(connection.clients, COMMERCIAL_REGIONS);
      if (found !== undefined) state = await refresh(connection, io, { identity: true, homeRegion: found });
    }
    return {
      target: connection.target,
      description: connection.description,
      org: organizationTree(state),
      identity: identityOf(state),
    };
  } finally {
    await connection.close();
  }
}

export async function chooseSource(
  model: OrgModel,
  from: ProfileSource | undefined,
  target: TargetOptions,
  io: IoHost,
): Promise<SourceChoice> {
  const request = resolveTargetRequest(target, target.env ?? process.env);
  let endpoint = request.kind === 'endpoint' ? request.endpoint : undefined;
  if (request.kind === 'local') {
    // Not started here when none runs: a cloud in this process would be empty, and gone with its port.
    const { findRunningLocalCloud } = await import('../../local-cloud/discovery.js');
    const running = findRunningLocalCloud(resolve(target.dataDir ?? DEFAULT_DATA_DIR));
    endpoint = running?.endpoint ?? `http://127.0.0.1:${DEFAULT_PORT}`;
    if (running === undefined && from === undefined)
      return {
        source: 'spec',
        note: 'from the spec: not applied yet (no local cloud is running)',
        targetKind: 'local',
        endpoint,
      };
  }
  if (from === 'spec')
    return {
      source: 'spec',
      note: 'from the spec (--from spec)',
      targetKind: request.kind,
      ...(endpoint !== undefined ? { endpoint } : {}),
    };
  return choose(model, from, target, io);
}

async function choose(
  model: OrgModel,
  from: ProfileSource | undefined,
  target: TargetOptions,
  io: IoHost,
): Promise<SourceChoice> {
  const live = await readLive(model, target, io);
  const endpoint = live.target.kind === 'aws' ? undefined : live.target.endpoint;
  const base = { targetKind: live.target.kind, ...(endpoint !== undefined ? { endpoint } : {}) };
  const organization = live.org.organization;
  const center = live.identity.center;
  if (organization === undefined || center === undefined) {
    const missing =
      organization === undefined
        ? 'no organization'
        : `no IAM Identity Center instance (looked in ${model.homeRegion} first)`;
    if (from === 'live')
      throw new BulkheadError('not-applied', `the ${live.description} has ${missing}`, {
        hint: 'apply the spec first (`bulkhead apply`), or generate the profiles from the spec with --from spec',
      });
    return { source: 'spec', note: `from the spec: not applied yet (the ${live.description} has ${missing})`, ...base };
  }
  return {
    source: 'live',
    note: `from the live assignments in IAM Identity Center (${live.description})`,
    live: { identity: live.identity, accounts: live.org.accounts, organizationId: organization.id },
    ...base,
    region: center.region,
  };
}
